/** Section 4: PSUR/PSUSA and other procedure outcomes in the period. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { orNone } from '../wording';
import type { Writer } from '../writer';

export function procedures(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'procedures'));
  if (content.procedures.length === 0) {
    w.paragraph('No procedure outcomes in the period.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Procedure', weight: 22 },
        { header: 'Type', weight: 8 },
        { header: 'Title', weight: 20 },
        { header: 'Submitted on', weight: 11.5 },
        { header: 'Opinion on', weight: 11.5 },
        { header: 'Outcome', weight: 11 },
        { header: 'Commission decision on', weight: 15.5 },
      ],
      size: 7.5,
      caption: 'Procedure outcomes',
    },
    content.procedures,
    (p) => ({ cells: [p.number, p.type, p.title, orNone(p.submittedOn), orNone(p.opinionOn), orNone(p.outcome), orNone(p.commissionDecisionOn)] }),
  );
}
