import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLES, Role } from '../auth/roles';
import { generatePassword, hashPassword } from '../auth/secrets';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

/**
 * The demo's accounts, one per role, each with a freshly generated password at every start (printed by
 * the demo, never stored in clear). Production has none of these: its first administrator comes from
 * `users create-admin`.
 */
export async function ensureDemoAccounts(app: INestApplicationContext, actor: Actor): Promise<DemoAccount[]> {
  const users = app.get(UsersService);
  return app.get(DataSource).transaction(async (manager) => {
    const accounts: DemoAccount[] = [];
    for (const role of ROLES) {
      const username = `demo-${role}`;
      const password = generatePassword();
      const existing = await users.byUsername(manager, username, true);
      if (existing === null) {
        await users.create(manager, actor, { username, displayName: `Demo ${role}`, role, password });
      } else {
        await manager.update(User, { id: existing.id }, { passwordHash: await hashPassword(password), mustChangePassword: false, failedLogins: 0, lockedUntil: null, disabledAt: null });
        await users.revokeTokens(manager, actor, existing.id, ['session']);
        await app.get(AuditService).record(manager, actor, { entityType: 'user', entityId: existing.id, action: 'password-reset', reason: 'demo start: new demo password' });
      }
      accounts.push({ username, role, password });
    }
    return accounts;
  });
}
