/** How the deadline calculator prints: a plain-text table of dates with their rules (⚠ under a flagged or assumed date) and the sources, or one JSON document. */
import type { DerivedDate } from '../deadlines/engine/derived-date';
import { type DeadlineRule, RULES } from '../deadlines/rules';
import { printJson } from './cli-io';

const WEEKEND_NOTE = 'Weekends are flagged (never moved); closure days are not checked by this command.';

export interface Row {
  label: string;
  derived: DerivedDate;
}

export interface Section {
  heading?: string;
  rows: Row[];
}

function pad(text: string, width: number): string {
  return text.padEnd(width, ' ');
}

/** Plain-text table: what, date, rule id, explanation; a ⚠ line under a date on a weekend or closure day; sources last. */
export function renderTable(title: string, sections: Section[]): string {
  const allRows = sections.flatMap((s) => s.rows);
  const labelWidth = Math.max('What'.length, ...allRows.map((r) => r.label.length));
  const ruleWidth = Math.max('Rule'.length, ...allRows.map((r) => r.derived.ruleId.length));
  const indent = ' '.repeat(labelWidth + 2 + 10 + 2);
  const lines: string[] = [title, ''];
  lines.push(`${pad('What', labelWidth)}  ${pad('Date', 10)}  ${pad('Rule', ruleWidth)}  Explanation`);
  lines.push(`${'-'.repeat(labelWidth)}  ${'-'.repeat(10)}  ${'-'.repeat(ruleWidth)}  ${'-'.repeat(11)}`);
  for (const section of sections) {
    if (section.heading) {
      lines.push(section.heading);
    }
    for (const { label, derived } of section.rows) {
      lines.push(`${pad(label, labelWidth)}  ${derived.date}  ${pad(derived.ruleId, ruleWidth)}  ${derived.explanation}`);
      const flag = derived.nonWorkingDay;
      if (flag) {
        lines.push(`${indent}⚠ ${flag.reason === 'closure' ? 'closure day' : 'weekend'}, suggested date ${flag.suggestedDate}: ${flag.note}`);
      }
      if (derived.assumption !== undefined) {
        lines.push(`${indent}⚠ assumption: ${derived.assumption}`);
      }
    }
  }
  const ruleIds = [...new Set(allRows.map((r) => r.derived.ruleId))];
  lines.push('', 'Sources:');
  for (const ruleId of ruleIds) {
    const rule = (RULES as Record<string, DeadlineRule | undefined>)[ruleId];
    const source = allRows.find((r) => r.derived.ruleId === ruleId)?.derived.source ?? '';
    lines.push(`  ${ruleId}: ${rule ? `${rule.title}. ` : ''}${source}`);
  }
  lines.push('', WEEKEND_NOTE, '');
  return lines.join('\n');
}

export function output(json: boolean | undefined, document: Record<string, unknown>, text: () => string): void {
  if (json) {
    printJson(document);
    return;
  }
  process.stdout.write(text());
}

export interface JsonFlag {
  json?: boolean;
}

