/** Section 6.3: observed frequencies of the cited run against the reference safety information. */
import type { FrequencyRow } from '../../../frequencies/frequency-table';
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import type { TableRow, TableSpec } from '../table-spec';
import { bandWords, formatCount, keyValues, NONE, orNone, percent, recordText } from '../wording';
import type { Writer } from '../writer';

const FREQUENCIES: TableSpec = {
  columns: [
    { header: 'Term', weight: 21 },
    { header: 'Patients', weight: 11, align: 'right' },
    { header: 'Observed proportion', weight: 17 },
    { header: 'Stated rate / band', weight: 16 },
    { header: 'Flag', weight: 9 },
    { header: 'Explanation', weight: 26 },
  ],
  size: 7.5,
  caption: 'Observed frequencies',
};

function frequencyRow(row: FrequencyRow): TableRow {
  const patients = row.solicitedExposed === null ? formatCount(row.patients) : `${formatCount(row.patients)}\n${formatCount(row.solicitedPatients)} / ${formatCount(row.solicitedExposed)} solicited`;
  const interval = row.interval === null ? '' : `\n${Math.round(row.interval.level * 100)}% interval ${percent(row.interval.lower)}–${percent(row.interval.upper)} (${row.interval.method})`;
  const observed = row.proportion === null ? NONE : `${percent(row.proportion)}${interval}`;
  const stated = [row.statedRatePercent === null ? null : `${row.statedRatePercent}%`, bandWords(row.statedBand)].filter((s) => s !== null).join('\n');
  return { cells: [`${row.label}\n(${row.level})`, patients, observed, orNone(stated), orNone(row.flag), orNone(row.explanation)] };
}

export function frequency(w: Writer, headings: Headings, content: DossierContent): void {
  const run = content.safety.frequency;
  w.heading(headingOf(headings, 'safety/frequency'));
  if (run === null) {
    w.paragraph('No aggregation run is cited in this dossier.');
    return;
  }
  keyValues(w, [
    ['Aggregation run', run.runId],
    ['Run digest', run.digest],
    ['Period', `${run.period}: ${run.periodStart ?? 'from the first case'} to ${run.dataLockPoint}`],
    ['Reference safety information', orNone(run.referenceSafety)],
    ['MedDRA version', orNone(run.meddraVersion)],
    ['Exposure', recordText(run.exposure)],
  ]);
  w.gap(6);
  if (run.rows.length === 0) {
    w.paragraph('The run has no rows.');
    return;
  }
  w.table(FREQUENCIES, run.rows, frequencyRow);
}
