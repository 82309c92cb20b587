/** Section 6.2: the summary tabulation of reactions by SOC and PT. */
import type { Counts, SummaryRow } from '../../../safety-cases/tabulation';
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { SMALL, SUBTOTAL_FILL, TOTAL_FILL } from '../page-styles';
import type { Column, TableRow, TableSpec } from '../table-spec';
import { formatCount } from '../wording';
import type { Writer } from '../writer';

const COUNT_KEYS = ['spontaneousSerious', 'spontaneousNonSerious', 'studySerious', 'studyNonSerious', 'total'] as const;
const COUNT_HEADERS = ['Spont. serious', 'Spont. non-serious', 'Study serious', 'Study non-serious', 'Total'];

function countCells(counts: Counts): string[] {
  return COUNT_KEYS.map((key) => formatCount(counts[key]));
}

const TABULATION: TableSpec = {
  columns: [
    { header: 'System organ class / preferred term', weight: 27 },
    ...[...COUNT_HEADERS, ...COUNT_HEADERS].map((header): Column => ({ header, weight: 7.3, align: 'right' })),
  ],
  groups: [
    { label: '', span: 1 },
    { label: 'Interval', span: 5 },
    { label: 'Cumulative', span: 5 },
  ],
  size: 7,
  caption: 'Summary tabulation',
};

export type TabulationLine = { kind: 'soc'; soc: string; interval: Counts; cumulative: Counts } | { kind: 'pt'; row: SummaryRow } | { kind: 'total'; interval: Counts; cumulative: Counts };

/** Each SOC's subtotal, then its PTs; SOCs in the subtotals' order (any SOC without one after them); the grand total last. */
export function tabulationLines(tabulation: DossierContent['safety']['tabulation']): TabulationLine[] {
  const bySoc = new Map<string, SummaryRow[]>();
  for (const row of tabulation.rows) {
    const rows = bySoc.get(row.soc) ?? [];
    rows.push(row);
    bySoc.set(row.soc, rows);
  }
  const lines: TabulationLine[] = [];
  for (const subtotal of tabulation.socSubtotals) {
    lines.push({ kind: 'soc', ...subtotal });
    lines.push(...(bySoc.get(subtotal.soc) ?? []).map((row): TabulationLine => ({ kind: 'pt', row })));
    bySoc.delete(subtotal.soc);
  }
  for (const rows of bySoc.values()) {
    lines.push(...rows.map((row): TabulationLine => ({ kind: 'pt', row })));
  }
  lines.push({ kind: 'total', ...tabulation.total });
  return lines;
}

function tabulationRow(line: TabulationLine): TableRow {
  switch (line.kind) {
    case 'soc':
      return { cells: [line.soc, ...countCells(line.interval), ...countCells(line.cumulative)], bold: true, fill: SUBTOTAL_FILL, keepWithNext: true };
    case 'pt':
      return {
        cells: [line.row.pt, ...countCells(line.row.interval), ...countCells(line.row.cumulative)],
        indent: 8,
        context: { cells: [`${line.row.soc} (continued)`, ...Array<string>(2 * COUNT_KEYS.length).fill('')], bold: true, fill: SUBTOTAL_FILL },
      };
    case 'total':
      return { cells: ['All reactions', ...countCells(line.interval), ...countCells(line.cumulative)], bold: true, fill: TOTAL_FILL };
  }
}

export function tabulation(w: Writer, headings: Headings, content: DossierContent): void {
  const { tabulation } = content.safety;
  w.heading(headingOf(headings, 'safety/tabulation'));
  w.paragraph('Reactions (events, not cases) by MedDRA system organ class and preferred term; each SOC’s subtotal in bold above its terms.', SMALL);
  w.gap(4);
  if (tabulation.rows.length === 0) {
    w.paragraph('No reactions up to the data lock point.');
    return;
  }
  w.table(TABULATION, tabulationLines(tabulation), tabulationRow);
}
