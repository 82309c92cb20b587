/** Section 6.1: valid cases in the interval and cumulatively, and the cases left out. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { SMALL } from '../page-styles';
import { formatCount } from '../wording';
import type { Writer } from '../writer';

export function caseCounts(w: Writer, headings: Headings, content: DossierContent): void {
  const { cases, excluded } = content.safety;
  w.heading(headingOf(headings, 'safety/cases'));
  const rows = [
    [`Interval (${content.period.from} to ${content.period.to})`, cases.interval],
    [`Cumulative (up to ${content.dataLockPoint})`, cases.cumulative],
  ] as const;
  w.table(
    {
      columns: [
        { header: 'Valid cases', weight: 46 },
        { header: 'Cases', weight: 18, align: 'right' },
        { header: 'Serious', weight: 18, align: 'right' },
        { header: 'Fatal', weight: 18, align: 'right' },
      ],
      size: 8.5,
    },
    rows,
    ([label, counts]) => ({ cells: [label, formatCount(counts.cases), formatCount(counts.serious), formatCount(counts.fatal)] }),
  );
  w.gap(4);
  w.paragraph(
    `Not counted: ${formatCount(excluded.nullified)} nullified, ${formatCount(excluded.invalid)} invalid, ${formatCount(excluded.duplicates)} duplicate case(s).`,
    SMALL,
  );
}
