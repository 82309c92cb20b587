/**
 * Roles and the route rules built from them. Every route names the roles it admits (or is public);
 * a route with neither is refused to everybody (deny by default).
 */
export const ROLES = ['admin', 'regulatory', 'safety', 'qppv', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'administrator: users, API tokens of others, settings and signing keys; reads everything',
  regulatory: 'regulatory affairs: products, authorisations, obligations, milestones, procedures, reference data, dossiers',
  safety: 'safety officer: cases, MedDRA coding, signals',
  qppv: 'QPPV: everything a safety officer does, plus sign-off of signal assessments and of the safety part of a dossier',
  viewer: 'viewer / auditor: reads everything, including the audit trail; changes nothing',
};

/** Who may read the register, deadlines and the audit trail: every signed-in role. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Who maintains the obligations register (products, authorisations, obligations, milestones, procedures). */
export const REGISTER_EDITORS: readonly Role[] = ['regulatory'];
/** Who works on safety data (cases, coding, signals). */
export const SAFETY_EDITORS: readonly Role[] = ['safety', 'qppv'];
/** Who signs off safety assessments. */
export const SAFETY_SIGNERS: readonly Role[] = ['qppv'];
/** Who administers accounts and settings. */
export const ADMINS: readonly Role[] = ['admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
