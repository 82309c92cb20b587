import type { components } from '../api/schema';

export type Role = 'admin' | 'regulatory' | 'safety' | 'qppv' | 'viewer';

/** UNTIL-SCHEMA: the account in GET/POST /api/auth/session, which the document declares without its fields (no UserView schema yet). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  productIds: string[] | null;
  mustChangePassword: boolean;
  actingRole?: Role;
  via?: string;
}

/**
 * GET/POST /api/auth/session. `today` is the server's business date: "today" everywhere in the app.
 * UNTIL-SCHEMA: `user` and `expiresAt` are declared as bare objects; typed here until the document has them.
 */
export type Session = Omit<components['schemas']['BrowserSessionResponse'], 'user' | 'expiresAt'> & { user: SessionUser; expiresAt: string | null };

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  /** The session could not be read (server unreachable, 5xx). */
  | { status: 'unavailable'; message: string }
  /** `ended`: the server said 401 to a request of this session (idle or absolute expiry, revoked). */
  | { status: 'signed-in'; session: Session; ended: boolean };

/**
 * Who is signed in, outside React so the API client can read the CSRF token and hold requests while the
 * "session ended" dialog is open. Holds no server data beyond the session itself (that lives in the query cache).
 */
class SessionStore {
  private state: SessionState = { status: 'loading' };
  private readonly listeners = new Set<() => void>();
  private waiting: (() => void)[] = [];
  private refresher: (() => Promise<void>) | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): SessionState => this.state;

  csrfToken(): string | null {
    return this.state.status === 'signed-in' ? this.state.session.csrfToken : null;
  }

  isSignedIn(): boolean {
    return this.state.status === 'signed-in';
  }

  signedIn(session: Session): void {
    this.set({ status: 'signed-in', session, ended: false });
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resume) => resume());
  }

  unavailable(message: string): void {
    this.set({ status: 'unavailable', message });
  }

  signedOut(): void {
    this.set({ status: 'signed-out' });
    this.waiting = [];
  }

  /** A request got 401: show the sign-in dialog; the promise resolves when the person has signed in again. */
  sessionEnded(): Promise<void> {
    if (this.state.status === 'signed-in' && !this.state.ended) {
      this.set({ ...this.state, ended: true });
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Reads the session again (a new CSRF token after a refusal); set by session-api. */
  onRefresh(refresher: () => Promise<void>): void {
    this.refresher = refresher;
  }

  async refresh(): Promise<void> {
    await this.refresher?.();
  }

  private set(state: SessionState): void {
    this.state = state;
    this.listeners.forEach((listener) => listener());
  }
}

export const sessionStore = new SessionStore();
