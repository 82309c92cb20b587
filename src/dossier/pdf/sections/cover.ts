/** The cover page: the product, the authorisation, the renewal dates with their rules, the two "as at" dates, the content hash. */
import type { DossierContent } from '../../dossier-content';
import { ACCENT, INK, MUTED, SMALL } from '../page-styles';
import { AUTHORISATION_TYPES, keyValues, orNone, ruled, yesNo } from '../wording';
import type { Writer } from '../writer';

export function cover(w: Writer, content: DossierContent, hash: string): void {
  const { product, authorisation, period } = content;
  const kind = AUTHORISATION_TYPES[authorisation.type];
  const renewal = authorisation.renewal;
  w.bookmark('Cover');
  w.paragraph(kind.procedure, { font: 'regular', size: 11, color: MUTED });
  w.gap(6);
  w.paragraph(product.name, { font: 'bold', size: 24, color: ACCENT });
  w.paragraph(product.activeSubstance, { font: 'regular', size: 13, color: INK });
  w.gap(10);
  if (authorisation.illustrative) {
    w.notice(
      'Illustrative data',
      'The data in this dossier are illustrative (demonstration data held by the tracker). They are not the marketing authorisation holder’s real decisions and must not be submitted.',
    );
    w.gap(10);
  }
  keyValues(w, [
    ['EU number', orNone(product.euNumber)],
    ['EMA product number', orNone(product.emaProductNumber)],
    ['Marketing authorisation holder', product.holder],
    ['Authorisation type', `${kind.type}, notified on ${authorisation.notifiedOn}`],
    ['Advanced therapy', yesNo(product.advancedTherapy)],
    ['Additional monitoring', yesNo(product.additionalMonitoring)],
    ['Orphan designation', orNone(product.orphanDesignation)],
    ['Current expiry', ruled(authorisation.currentExpiry)],
    ['Renewal cycle', renewal === null ? 'no renewal recorded' : String(renewal.cycle)],
    ['Renewal window opens', ruled(renewal?.windowOpens ?? null)],
    ['Renewal application due', ruled(renewal?.applicationDue ?? null)],
    ['Expiry after renewal', ruled(renewal?.expiry ?? null)],
    ['Data lock point', content.dataLockPoint],
    ['Safety and exposure data', content.asAt.safety],
    ['Regulatory status', content.asAt.regulatoryStatus],
    ['Reporting period', `${period.from} to ${period.to}\n${period.basis}`],
    ['Content hash (SHA-256)', hash],
    ['Dossier format', content.format],
  ]);
  w.gap(8);
  w.paragraph(
    'The content hash is the SHA-256 of this dossier’s content as canonical JSON; it is printed on every page (first 12 characters) and identifies the version that is reviewed and signed.',
    SMALL,
  );
}
