#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { reportFailure } from './cli-io';
import { registerAuditCommands } from './audit.command';
import { registerDatabaseCommands } from './database.command';
import { registerDeadlineCommands } from './deadlines.command';
import { registerDossierCommands } from './dossier.command';
import { registerE2bCommands } from './e2b.command';
import { registerFaersCommands } from './faers.command';
import { registerSignalCommands } from './signals.command';
import { registerMeddraCommands } from './meddra.command';
import { registerReminderCommands } from './reminders.command';
import { registerStatsCommands } from './stats.command';
import { registerUserCommands } from './users.command';

/** `npm run cli -- <command>`: an administrator's tool on the server. */
export function buildCli(): Command {
  const program = new Command('cma-tracker')
    .description('Post-authorisation obligations and pharmacovigilance tracker')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError();
  registerDatabaseCommands(program);
  registerDeadlineCommands(program);
  registerUserCommands(program);
  registerAuditCommands(program);
  registerReminderCommands(program);
  registerMeddraCommands(program);
  registerE2bCommands(program);
  registerFaersCommands(program);
  registerSignalCommands(program);
  registerDossierCommands(program);
  registerStatsCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportFailure(error);
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
