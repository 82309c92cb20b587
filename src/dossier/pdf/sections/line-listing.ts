/** Appendix A: the line listing of the cases received in the period (CIOMS II style), landscape. */
import type { LineListingRow } from '../../../safety-cases/tabulation';
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { LANDSCAPE, SMALL } from '../page-styles';
import type { TableRow, TableSpec } from '../table-spec';
import { formatCount, yesNo } from '../wording';
import type { Writer } from '../writer';

/**
 * CIOMS II columns, with the version beside the id and the country beside the source: every cell is a separate
 * text object in the PDF, and at 50,000 cases each column costs about half a second.
 */
const LINE_LISTING: TableSpec = {
  columns: [
    { header: 'Safety report id, version', weight: 17 },
    { header: 'Source, country', weight: 12 },
    { header: 'Received on', weight: 8 },
    { header: 'Age, sex', weight: 13.5 },
    { header: 'Reactions (PT)', weight: 22 },
    { header: 'Serious', weight: 5.5 },
    { header: 'Outcomes', weight: 13 },
    { header: 'Suspect drugs', weight: 9 },
  ],
  size: 7,
  caption: 'Line listing',
};

function lineListingRow(row: LineListingRow): TableRow {
  const id = `${row.safetyReportId} v${row.version}${row.synthetic ? ' *' : ''}`;
  return {
    cells: [
      row.worldwideId === row.safetyReportId ? id : `${id}\n${row.worldwideId}`,
      row.country === null ? row.reportType : `${row.reportType}, ${row.country}`,
      row.initialReceiptOn,
      row.ageSex,
      row.reactions,
      yesNo(row.serious),
      row.outcomes,
      row.suspectDrugs,
    ],
  };
}

export function lineListing(w: Writer, headings: Headings, content: DossierContent, rows: readonly LineListingRow[]): void {
  w.startPage(LANDSCAPE);
  w.heading(headingOf(headings, 'line-listing'));
  if (rows.length === 0) {
    w.paragraph(`No cases received in the period (${content.period.from} to ${content.period.to}).`);
    return;
  }
  const count = rows.length === 1 ? '1 case' : `${formatCount(rows.length)} cases`;
  w.paragraph(
    `${count} received in the period (${content.period.from} to ${content.period.to}), each as it stood at the data lock point (CIOMS II line listing). When it differs from the safety report id, the worldwide case id is on the second line.`,
    SMALL,
  );
  if (rows.some((row) => row.synthetic)) {
    w.paragraph('* synthetic case (test data, not a real report).', SMALL);
  }
  w.gap(4);
  w.table(LINE_LISTING, rows, lineListingRow);
}
