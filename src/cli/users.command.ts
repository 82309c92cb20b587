import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { USERNAME_PATTERN, USERNAME_RULE } from '../auth/roles';
import { UsersService } from '../auth/users.service';
import { SigningKeysService } from '../signatures/signing-keys.service';
import { cliContext, withAppContext } from './app-context';
import { printJson, UsageError } from './cli-io';

function usernameOption(value: string): string {
  if (!USERNAME_PATTERN.test(value)) {
    throw new UsageError(`--username: ${USERNAME_RULE}`);
  }
  return value;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `users create-admin`, `users reset-password` and `keys rotate`: an administrator's tools on the server. */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Accounts (the first administrator is created here; no default password exists)');

  users
    .command('create-admin')
    .description('Create an administrator; a generated password is printed once and must be changed at first sign-in')
    .requiredOption('--username <name>', 'the account name', usernameOption)
    .option('--display-name <name>', 'the name shown in the audit trail and on signatures')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print the result as JSON')
    .action(async (options: { username: string; displayName?: string; passwordStdin?: boolean; json?: boolean }) => {
      const password = options.passwordStdin === true ? await readStdin() : undefined;
      const context = cliContext();
      const result = await withAppContext(context, (app) =>
        app.get(DataSource).transaction((m) => app.get(UsersService).create(m, context.actor, { username: options.username, displayName: options.displayName ?? options.username, role: 'admin', password })),
      );
      if (options.json === true) {
        printJson(result);
      } else {
        console.log(`Administrator ${result.user.username} created.`);
        if (result.password !== null) {
          console.log(`Password (shown once, to be changed at first sign-in): ${result.password}`);
        }
      }
    });

  users
    .command('reset-password')
    .description('Generate a new password for an account (printed once; to be changed at next sign-in) and lift any lockout')
    .argument('<username>', 'the account name')
    .requiredOption('--reason <text>', 'why (kept in the audit trail)')
    .option('--json', 'print the result as JSON')
    .action(async (username: string, options: { reason: string; json?: boolean }) => {
      const context = cliContext();
      const result = await withAppContext(context, (app) =>
        app.get(DataSource).transaction(async (m) => {
          const service = app.get(UsersService);
          const user = await service.byUsername(m, username);
          if (user === null) {
            throw new UsageError(`no account named "${username}"`);
          }
          return service.resetPassword(m, context.actor, user.id, options.reason);
        }),
      );
      if (options.json === true) {
        printJson(result);
      } else {
        console.log(`New password for ${result.user.username} (shown once, to be changed at next sign-in): ${result.password}`);
      }
    });

  program
    .command('keys')
    .description('Signing keys for electronic signatures')
    .command('rotate')
    .description('Retire the active signing key and create a new one (older signatures stay verifiable)')
    .requiredOption('--reason <text>', 'why (kept in the audit trail)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { reason: string; json?: boolean }) => {
      const context = cliContext();
      const key = await withAppContext(context, (app) => app.get(DataSource).transaction((m) => app.get(SigningKeysService).rotate(m, context.actor, options.reason)));
      if (options.json === true) {
        printJson(key);
      } else {
        console.log(`Signing key ${key.id} is now active.`);
      }
    });
}
