/** The records the domain signs (the registry in signables.ts has one entry per type). */
export const SIGNABLE_TYPES = ['milestone', 'obligation', 'signal', 'dossier', 'dossier-safety'] as const;
export type SignableType = (typeof SIGNABLE_TYPES)[number];
