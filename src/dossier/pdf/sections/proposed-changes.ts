/** Section 3: the changes to obligations and timelines the holder proposes in this renewal. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import type { Writer } from '../writer';

export function proposedChanges(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'changes'));
  if (content.proposedChanges.length === 0) {
    w.paragraph('None proposed.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Obligation', weight: 14 },
        { header: 'Proposed change', weight: 43 },
        { header: 'Reason', weight: 43 },
      ],
      size: 8,
      caption: 'Proposed changes',
    },
    content.proposedChanges,
    (c) => ({ cells: [c.obligationReference, c.change, c.reason] }),
  );
}
