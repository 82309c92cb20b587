import { Command } from 'commander';
import { compareDates, parseIsoDate } from '../common/calendar-date';
import { ReminderScanService } from '../reminders/reminder-scan.service';
import { cliContext, withAppContext } from './app-context';
import { printJson, UsageError } from './cli-io';

function dateOption(name: string): (value: string) => string {
  return (value) => {
    try {
      return parseIsoDate(value);
    } catch (error) {
      throw new UsageError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** `reminders scan` and `reminders preview`. */
export function registerReminderCommands(program: Command): void {
  const reminders = program.command('reminders').description('Deadline reminders');

  reminders
    .command('scan')
    .description('Record and queue every reminder that has come due (running it twice for the same day queues nothing new)')
    .option('--as-of <date>', 'the day to scan as of (YYYY-MM-DD); default: today', dateOption('--as-of'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const context = cliContext(options.asOf);
      const report = await withAppContext(context, (app) => app.get(ReminderScanService).scan(context.clock.today()));
      if (options.json === true) {
        printJson({ scanned: report.scanned, enqueued: report.enqueued, alreadyPlanned: report.alreadyPlanned, requeued: report.requeued, cancelled: report.cancelled, asOf: report.asOf });
      } else {
        console.log(`As of ${report.asOf}: ${report.scanned} deadlines in reach, ${report.enqueued} reminders queued, ${report.alreadyPlanned} already planned, ${report.cancelled} cancelled.`);
      }
    });

  reminders
    .command('preview')
    .description('What would be sent between two days (inclusive), without sending or recording anything')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)', dateOption('--from'))
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)', dateOption('--to'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      if (compareDates(options.from, options.to) > 0) {
        throw new UsageError('--to: must not be before --from');
      }
      const context = cliContext();
      const items = await withAppContext(context, (app) => app.get(ReminderScanService).preview(options.from, options.to));
      if (options.json === true) {
        printJson(items);
      } else {
        for (const item of items) {
          console.log(`${item.plannedSendDate}  ${item.offset.padEnd(11)} ${item.channel.padEnd(7)} ${item.recipient.padEnd(24)} ${item.deadline.product ?? ''} — ${item.deadline.title} (due ${item.dueDate})`);
        }
      }
    });
}
