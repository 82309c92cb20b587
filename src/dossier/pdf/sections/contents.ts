/** The contents page: every numbered heading with its page, linked to it. */
import type { DossierHeading } from '../headings';
import { HEADING_STYLES } from '../page-styles';
import type { Writer } from '../writer';

export function contents(w: Writer, headings: readonly DossierHeading[], pages: ReadonlyMap<string, number> | null): void {
  w.bookmark('Contents');
  w.paragraph('Contents', HEADING_STYLES[1]);
  w.gap(8);
  for (const heading of headings) {
    // The counting pass does not know the pages yet; the entry's layout does not depend on them.
    w.contentsEntry(heading, String(pages?.get(heading.key) ?? ''));
  }
}
