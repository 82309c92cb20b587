/** Section 6.6: exposure figures counted and recorded by the data lock point. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { formatCount, orNone } from '../wording';
import type { Writer } from '../writer';

export function exposure(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'safety/exposure'));
  if (content.safety.exposure.length === 0) {
    w.paragraph(`No exposure figure recorded on or before the data lock point (${content.dataLockPoint}).`);
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Kind', weight: 18 },
        { header: 'From', weight: 12 },
        { header: 'To', weight: 12 },
        { header: 'Patients', weight: 11, align: 'right' },
        { header: 'Source', weight: 47 },
      ],
      size: 7.5,
      caption: 'Exposure',
    },
    content.safety.exposure,
    (e) => ({ cells: [e.kind, orNone(e.from), orNone(e.to), formatCount(e.patients), e.source] }),
  );
}
