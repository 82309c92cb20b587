/** Section 6.4: statistical alerts in the period, as they stood at the data lock point. */
import type { DossierContent } from '../../dossier-content';
import { headingOf, type Headings } from '../headings';
import { orNone } from '../wording';
import type { Writer } from '../writer';

export function alerts(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'safety/alerts'));
  if (content.safety.alerts.length === 0) {
    w.paragraph('No alerts in the period.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Raised on', weight: 11 },
        { header: 'Source', weight: 11 },
        { header: 'Event', weight: 19 },
        { header: 'Rule', weight: 20 },
        { header: 'Status', weight: 11 },
        { header: 'Decided on', weight: 11 },
        { header: 'Reason', weight: 17 },
      ],
      size: 7.5,
      caption: 'Alerts',
    },
    content.safety.alerts,
    (a) => ({ cells: [a.raisedOn, a.source, a.event, a.rule, a.status, orNone(a.decidedOn), orNone(a.reason)] }),
  );
}
