import { ProductScope, inScope } from '../common/actor';
import type { Role } from '../auth/roles';
import type { DeadlineSubject } from './deadline-source';
import type { ExternalChannel } from './reminder.entities';

export interface Address {
  id: string;
  channel: ExternalChannel;
  address: string;
}

export interface Recipient {
  userId: string;
  username: string;
  role: Role;
  scope: ProductScope;
  /** The account's enabled e-mail addresses and webhook endpoints. */
  addresses: Address[];
}

/**
 * Who hears of a deadline: the accounts whose role the policy names (plus the escalation roles once it is
 * overdue) and whose product scope covers it, and the deadline's owner when that is a username.
 */
export function recipientsOf(subject: DeadlineSubject, people: readonly Recipient[], roles: readonly Role[]): Recipient[] {
  return people.filter(
    (person) => (subject.productId === null || inScope(person.scope, subject.productId)) && (roles.includes(person.role) || (subject.owner !== null && subject.owner.toLowerCase() === person.username)),
  );
}
