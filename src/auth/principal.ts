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
  mustChangePassword: boolean;
}
