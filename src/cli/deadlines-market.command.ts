/**
 * `cma-tracker deadlines sunset`: the sunset clause (Reg (EC) No 726/2004 Art 14(4)–(6)) and the notice of each
 * cessation of marketing (Art 13(4)) from the grant and the placings and cessations by member state. No database.
 */
import type { Command } from 'commander';
import { parseIsoDate, todayIn, type IsoDate } from '../common/calendar-date';
import { cessationNoticeDue, type PresenceEvent, sunsetClause } from '../deadlines/engine/sunset-clause';
import { dateOption, UsageError } from './cli-io';
import { type JsonFlag, output, renderTable } from './deadline-table';

interface SunsetOptions extends JsonFlag {
  notified: IsoDate;
  placed: PresenceEvent[];
  ceased: PresenceEvent[];
  exemption?: PresenceEvent;
  asOf?: IsoDate;
}

/** Commander argParser for a repeatable `MS:YYYY-MM-DD` (member state as the EU writes it, Greece EL). */
function moveOption(flag: string, kind: 'placed' | 'ceased'): (value: string, previous: PresenceEvent[]) => PresenceEvent[] {
  return (value, previous) => {
    const match = /^([A-Z]{2}):(.+)$/.exec(value);
    if (match === null) {
      throw new UsageError(`${flag}: "${value}" is not MEMBER-STATE:YYYY-MM-DD (e.g. DE:2024-03-01)`);
    }
    return [...previous, { kind, memberState: match[1] ?? '', on: dateOption(flag)(match[2] ?? ''), until: null, decisionRef: null }];
  };
}

function exemptionOption(value: string): PresenceEvent {
  const [on = '', until] = value.split(':');
  return { kind: 'exemption', memberState: null, on: dateOption('--exemption')(on), until: until === undefined ? null : dateOption('--exemption')(until), decisionRef: 'recorded exemption' };
}

export function registerSunset(deadlines: Command): void {
  deadlines
    .command('sunset')
    .summary('Sunset clause: the last day to place (or return) the product on the market, and each cessation’s notice to EMA')
    .description(
      'An authorisation ceases to be valid if the product is not placed on the market in a member state within 3 years ' +
        'of its grant (SUNSET-NOT-PLACED, Reg (EC) 726/2004 Art 14(4)), or is absent from the market of every member state ' +
        'for 3 consecutive years (SUNSET-ABSENT, Art 14(5)); the Commission may grant exemptions (Art 14(6)). Each cessation ' +
        'is notified to EMA at least 2 months before it (MARKETING-CESSATION-NOTICE, Art 13(4)). Marketing in any member state counts.',
    )
    .requiredOption('--notified <date>', 'date the Commission decision granting the authorisation was notified (YYYY-MM-DD)', dateOption('--notified'))
    .option('--placed <MS:date>', 'placed on the market of a member state (repeatable), e.g. DE:2024-03-01', moveOption('--placed', 'placed'), [])
    .option('--ceased <MS:date>', 'ceases to be on the market of a member state, past or planned (repeatable), e.g. DE:2026-06-30', moveOption('--ceased', 'ceased'), [])
    .option('--exemption <from[:until]>', 'an Art 14(6) exemption granted on a day, optionally up to a last day', exemptionOption)
    .option('--as-of <date>', 'the day to judge the state on (default: today, UTC)', dateOption('--as-of'))
    .option('--json', 'print one JSON document (ISO dates, rule id, source and explanation per date)')
    .action((options: SunsetOptions) => {
      const today = options.asOf ?? parseIsoDate(todayIn('UTC', new Date()));
      const events = [...options.placed, ...options.ceased, ...(options.exemption === undefined ? [] : [options.exemption])];
      const view = sunsetClause({ grantedOn: options.notified, marketedOn: null, events, today });
      const notices = options.ceased.map((c) => ({ memberState: c.memberState, ceasesOn: c.on, noticeDue: cessationNoticeDue({ ceasesOn: c.on, memberState: c.memberState ?? '' }) }));
      output(options.json, { command: 'sunset', input: { notified: options.notified, asOf: today, events }, ...view, cessationNotices: notices }, () => {
        const state = `${view.state}${view.marketedIn.length > 0 ? ` in ${view.marketedIn.join(', ')}` : ''}${view.exemption === null ? '' : `; exempted from ${view.exemption.on}`}`;
        const rows = [
          ...(view.sunset === null ? [] : [{ label: 'Last day to market', derived: view.sunset }]),
          ...notices.map((n) => ({ label: `Notice of cessation ${n.memberState ?? ''}`, derived: n.noticeDue })),
        ];
        return rows.length === 0 ? `Sunset clause, notified ${options.notified}, as of ${today}: ${state}; no date runs.\n` : renderTable(`Sunset clause, notified ${options.notified}, as of ${today}: ${state}`, [{ rows }]);
      });
    });
}
