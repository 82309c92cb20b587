import type { Role } from '../session/session-store';
import type { Meaning } from '../milestones/milestones-api';

/**
 * Who may change the register (products, obligations, milestones, procedures): the API's REGISTER_EDITORS
 * (src/auth/roles.ts). Pages hide the controls from everyone else; the API refuses them anyway.
 */
export const REGISTER_EDITORS: readonly Role[] = ['regulatory'];

/** Who may sign a milestone with which meaning (src/signatures/signables.ts, "milestone"). */
export const MILESTONE_SIGNERS: Record<Meaning, readonly Role[]> = {
  reviewed: ['regulatory', 'qppv'],
  approved: ['regulatory'],
};
