/**
 * Roles and the route rules built from them. Every route names the roles it admits (or is public);
 * a route with neither is refused to everybody (deny by default).
 */
export const ROLES = ['admin', 'regulatory', 'safety', 'qppv', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may read the register, deadlines and the audit trail: every signed-in role. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Who maintains the obligations register (products, authorisations, obligations, milestones, procedures). */
export const REGISTER_EDITORS: readonly Role[] = ['regulatory'];
/** Who works on safety data (cases, coding, signals). */
export const SAFETY_EDITORS: readonly Role[] = ['safety', 'qppv'];
/**
 * Who may read case data (patient health data): the safety team, regulatory affairs (periodic reports and the
 * dossier) and read-only reviewers; not the system administrator.
 */
export const CASE_READERS: readonly Role[] = ['safety', 'qppv', 'regulatory', 'viewer'];
/** Who builds the annual renewal dossier: regulatory affairs and the safety team (it holds case data). */
export const DOSSIER_BUILDERS: readonly Role[] = ['regulatory', 'safety', 'qppv'];
/** Who signs off safety assessments. */
export const SAFETY_SIGNERS: readonly Role[] = ['qppv'];
/** Who administers accounts and settings. */
export const ADMINS: readonly Role[] = ['admin'];
/** Who edits reminder policies (when and whom to remind of each kind of deadline). */
export const POLICY_EDITORS: readonly Role[] = ['admin', 'regulatory', 'qppv'];

/** Account names: lower case, 2–63 characters (the database checks the same pattern). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,62}$/;
export const USERNAME_RULE = 'must be 2–63 lower-case letters, digits, ".", "_", "@" or "-", starting with a letter or digit';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
