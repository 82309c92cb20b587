/** The dossier's numbered headings (the contents, the bookmarks and the section titles come from here). */
import { type DossierContent, type DossierObligation, riskMinimisation, specificObligations } from '../dossier-content';

/** A numbered heading: every one is in the contents and the bookmarks. */
export interface DossierHeading {
  key: string;
  number: string;
  title: string;
  level: 1 | 2;
}

const SAFETY_PARTS = [
  ['cases', 'Case counts'],
  ['tabulation', 'Summary tabulation of reactions by SOC and PT'],
  ['frequency', 'Observed frequencies against the reference safety information'],
  ['alerts', 'Alerts'],
  ['signals', 'Signals'],
  ['exposure', 'Exposure'],
] as const;

function obligationTitle(obligation: DossierObligation): string {
  return obligation.studyType === '' ? obligation.reference : `${obligation.reference} (${obligation.studyType})`;
}

/**
 * The dossier's numbered headings in order, from the content alone: the contents page is laid out before the
 * sections, and its length must not depend on where they fall.
 */
export function dossierHeadings(content: DossierContent): DossierHeading[] {
  const headings: DossierHeading[] = [];
  const add = (key: string, number: string, title: string, level: 1 | 2 = 1): void => {
    headings.push({ key, number, title, level });
  };
  add('sob', '1', 'Specific obligations');
  specificObligations(content).forEach((o, i) => add(`sob/${i}`, `1.${i + 1}`, obligationTitle(o), 2));
  add('since-dlp', '2', 'Changes to obligations and milestones since the data lock point');
  add('changes', '3', 'Proposed changes to obligations and timelines');
  add('procedures', '4', 'PSUR/PSUSA and other procedure outcomes in the period');
  add('anx', '5', 'Additional risk-minimisation measures and other Annex II conditions');
  riskMinimisation(content).forEach((o, i) => add(`anx/${i}`, `5.${i + 1}`, obligationTitle(o), 2));
  add('safety', '6', 'Safety summary');
  SAFETY_PARTS.forEach(([key, title], i) => add(`safety/${key}`, `6.${i + 1}`, title, 2));
  add('benefit-risk', '7', 'Benefit–risk conclusion');
  if (content.lineListing !== null) {
    add('line-listing', 'A', 'Appendix: line listing of the cases received in the period');
  }
  return headings;
}

/** The named destination of a heading (what the contents entries link to). */
export function anchorName(key: string): string {
  return `section-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export type Headings = ReadonlyMap<string, DossierHeading>;

export function headingOf(headings: Headings, key: string): DossierHeading {
  const heading = headings.get(key);
  if (heading === undefined) {
    throw new Error(`no heading "${key}" in the dossier's contents`);
  }
  return heading;
}
