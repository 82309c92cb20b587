import { api, type ResponseBody } from '../api/client';
import { ApiError, errorMessage } from '../api/errors';
import { sessionStore, type Session } from './session-store';

/** The declared body is a Session (the account with its acting role and how it signed in). */
function toSession(body: ResponseBody<'/api/auth/session', 'get'>): Session {
  return body;
}

/** On load: who is signed in (the cookie), or nobody. */
export async function loadSession(): Promise<void> {
  try {
    sessionStore.signedIn(toSession(await api.get('/api/auth/session')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      sessionStore.signedOut();
    } else {
      sessionStore.unavailable(errorMessage(error));
    }
  }
}

sessionStore.onRefresh(loadSession);

/** Sign in with username and password: the server sets the HttpOnly session cookie; the body has no token. */
export async function signIn(username: string, password: string): Promise<Session> {
  const session = toSession(await api.post('/api/auth/session', { body: { username, password } }));
  sessionStore.signedIn(session);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await api.delete('/api/auth/session');
  } finally {
    sessionStore.signedOut();
  }
}

/** The first sign-in's forced change, or any change: the current session stays, the account's other sessions end. */
export async function choosePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post('/api/auth/password', { body: { currentPassword, newPassword } });
  await loadSession();
}
