/** Section 2: every change to obligations and milestones recorded after the data lock point. */
import type { DossierContent, RegulatoryChange } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { SMALL } from '../page-styles';
import type { TableSpec } from '../table-spec';
import { orNone } from '../wording';
import type { Writer } from '../writer';
import { recorded } from './obligations';

const SINCE_DLP: TableSpec = {
  columns: [
    { header: 'Obligation, milestone', weight: 19 },
    { header: 'Changed', weight: 10 },
    { header: 'From → to', weight: 20 },
    { header: 'Source, procedure', weight: 18 },
    { header: 'Reason', weight: 19 },
    { header: 'Recorded on, by', weight: 14 },
  ],
  size: 7.5,
  caption: 'Changes since the data lock point',
};

export function sinceDataLockPoint(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'since-dlp'));
  w.paragraph(
    `The obligations and milestones above are shown as in force when this version was built; the safety part is as at the data lock point (${content.dataLockPoint}). Every change recorded after the data lock point:`,
    SMALL,
  );
  w.gap(4);
  if (content.changesSinceDataLockPoint.length === 0) {
    w.paragraph('None: no change to an obligation or a milestone was recorded after the data lock point.');
    return;
  }
  w.table(SINCE_DLP, content.changesSinceDataLockPoint, (c: RegulatoryChange) => ({
    cells: [
      c.milestone === null ? c.obligationReference : `${c.obligationReference}\n${c.milestone}`,
      c.field,
      `${orNone(c.from)} → ${orNone(c.to)}`,
      c.procedureRef === null ? c.source : `${c.source}\n${c.procedureRef}`,
      c.reason,
      recorded(c, false),
    ],
  }));
}
