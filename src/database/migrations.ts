import { ObligationsRegister1763683200000 } from '../../migrations/1763683200000-ObligationsRegister';

/** Every migration in order; add a new one at the end (see CONTRIBUTING.md). */
export const MIGRATIONS = [ObligationsRegister1763683200000];
