import type { Role } from '../session/session-store';

/** Roles that may log and change cases (the API's SAFETY_EDITORS); the others read only. */
export const SAFETY_EDITORS: readonly Role[] = ['safety', 'qppv'];
