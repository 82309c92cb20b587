/** Section 6.5: signals in the period, as they stood at the data lock point. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { orNone } from '../wording';
import type { Writer } from '../writer';

export function signals(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'safety/signals'));
  if (content.safety.signals.length === 0) {
    w.paragraph('No signals in the period.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Signal', weight: 22 },
        { header: 'Status, priority', weight: 11 },
        { header: 'Opened on', weight: 11.5 },
        { header: 'Closed on', weight: 11.5 },
        { header: 'Recommended action', weight: 16 },
        { header: 'Emerging safety issue', weight: 15 },
        { header: 'Regulator outcome', weight: 13 },
      ],
      size: 7.5,
      caption: 'Signals',
    },
    content.safety.signals,
    (s) => {
      const esi = s.emergingSafetyIssue;
      const issue = esi === null ? 'no' : `established ${esi.establishedOn}\ndue ${orNone(esi.dueOn)}\nnotified ${orNone(esi.notifiedOn)}`;
      return {
        cells: [`${s.title}\nevent: ${s.event}`, `${s.status}\npriority ${orNone(s.priority)}`, s.openedOn, orNone(s.closedOn), orNone(s.recommendedAction), issue, orNone(s.regulatorOutcome)],
      };
    },
  );
}
