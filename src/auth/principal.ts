import type { Actor } from '../common/actor';
import type { Role } from './roles';

/** The signed-in caller of a request: an account acting through a session or an API token. */
export interface Principal extends Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  via: 'session' | 'api-token';
  tokenId: string;
  /** When the session or token ends at the latest (null: an API token without expiry). */
  tokenExpiresAt: string | null;
  mustChangePassword: boolean;
}
