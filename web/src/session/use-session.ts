import { useSyncExternalStore } from 'react';
import type { IsoDate } from '../dates/calendar-date';
import { sessionStore, type Role, type Session, type SessionState } from './session-store';

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.snapshot);
}

/** The signed-in session; only inside pages behind RequireSession. */
export function useSession(): Session {
  const state = useSessionState();
  if (state.status !== 'signed-in') {
    throw new Error('useSession() outside a signed-in page');
  }
  return state.session;
}

/** "Today" in the whole app: the server's business date, never the browser's clock. */
export function useToday(): IsoDate {
  return useSession().today;
}

export function useRole(): Role {
  const { user } = useSession();
  return user.actingRole ?? user.role;
}

/** Roles that may read safety cases (the API's CASE_READERS): the administrator sees no patient data. */
export const CASE_READERS: readonly Role[] = ['safety', 'qppv', 'regulatory', 'viewer'];
