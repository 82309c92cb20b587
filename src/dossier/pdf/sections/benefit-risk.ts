/** Section 7: the benefit–risk conclusion written by the user. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { BODY, lineHeight } from '../page-styles';
import type { Writer } from '../writer';

export function benefitRisk(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'benefit-risk'));
  const text = content.benefitRisk.trim();
  if (text === '') {
    w.paragraph('No conclusion entered.');
    return;
  }
  for (const paragraph of text.split(/\r?\n/)) {
    if (paragraph.trim() === '') {
      w.gap(lineHeight(BODY) / 2);
    } else {
      w.paragraph(paragraph);
    }
  }
}
