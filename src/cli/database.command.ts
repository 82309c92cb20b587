import { Command } from 'commander';
import { parseIsoDate } from '../common/calendar-date';
import { createDataSource } from '../database/data-source';
import { migrateWithLock } from '../database/migrate';
import { seedDemo } from '../demo/seed-demo';
import { cliContext, withAppContext } from './app-context';
import { printJson, UsageError } from './cli-io';

function asOfOption(value: string): string {
  try {
    return parseIsoDate(value);
  } catch (error) {
    throw new UsageError(`--as-of: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `migrate` and `seed-demo`. */
export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (under a PostgreSQL advisory lock)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const { config } = cliContext();
      const dataSource = createDataSource(config.databaseUrl, 'cma-tracker-cli');
      await dataSource.initialize();
      try {
        const report = await migrateWithLock(dataSource);
        if (options.json === true) {
          printJson(report);
        } else {
          console.log(report.applied.length === 0 ? 'Schema up to date.' : `Applied: ${report.applied.join(', ')}`);
        }
      } finally {
        await dataSource.destroy();
      }
    });

  program
    .command('seed-demo')
    .description('Load the two demo products (Hemgenix, Zemcelpro); past milestones are recorded as submitted on time (illustrative)')
    .option('--as-of <date>', 'the date the demo is seeded as of (YYYY-MM-DD); default: today', asOfOption)
    .option('--json', 'print the result as JSON')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const context = cliContext(options.asOf);
      const report = await withAppContext(context, (app) => seedDemo(app, context.actor, context.clock.today()));
      if (options.json === true) {
        printJson(report);
      } else {
        console.log(`Seeded as of ${report.asOf}: created ${report.created.join(', ') || 'nothing'}; already present ${report.skipped.join(', ') || 'none'}`);
      }
    });
}
