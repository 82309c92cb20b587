/**
 * Triage facts of a case version that the reporting clock needs besides seriousness (regulatory-rules §6):
 * the primary source's country (EEA or not) and whether a causal relationship is at least reasonably possible.
 * Pure functions.
 */
import { type CaseContent, type CausalityAssessment, type Drug, EEA_COUNTRIES, REASONABLY_POSSIBLE } from './case-content';

function known(text: string | null | undefined): text is string {
  return text !== null && text !== undefined && text.trim() !== '';
}

/** Suspect and interacting drugs: the ones a reaction is attributed to (E2B G.k.1). */
export function isSuspected(drug: Readonly<Pick<Drug, 'role'>>): boolean {
  return drug.role === 'suspect' || drug.role === 'interacting';
}

interface CountrySource {
  country: string;
  flaggedPrimary: boolean;
}

function countrySource(content: Readonly<CaseContent>): CountrySource | null {
  const primary = content.reporters.find((reporter) => reporter.primarySource && known(reporter.country));
  if (primary?.country) {
    return { country: primary.country.trim().toUpperCase(), flaggedPrimary: true };
  }
  const first = content.reporters.find((reporter) => known(reporter.country));
  return first?.country ? { country: first.country.trim().toUpperCase(), flaggedPrimary: false } : null;
}

/**
 * The country that decides EEA or not (E2B C.2.r.3 of the reporter flagged C.2.r.5): the primary source's,
 * else the first reporter's with a country; upper case; null when no reporter has one.
 */
export function primarySourceCountry(content: Readonly<CaseContent>): string | null {
  return countrySource(content)?.country ?? null;
}

/** An EEA country (EU member states plus Iceland, Liechtenstein, Norway); case-insensitive; unknown is not EEA. */
export function isEea(country: string | null): boolean {
  return country !== null && EEA_COUNTRIES.has(country.trim().toUpperCase());
}

/** Why the case counts as EEA or not, in a few words (shown beside the clock). */
export function eeaBasis(content: Readonly<CaseContent>): string {
  const source = countrySource(content);
  if (source === null) {
    return 'primary source country unknown: treated as non-EEA';
  }
  const region = isEea(source.country) ? 'EEA' : 'non-EEA';
  return source.flaggedPrimary
    ? `primary source in ${source.country} (${region})`
    : `no reporter flagged as primary source; first reporter with a country in ${source.country} (${region})`;
}

/**
 * Is a causal relationship at least reasonably possible (GVP VI: certain, probable or possible) for any
 * suspect or interacting drug and reaction of the case, by the reporter or the company?
 * - true: some assessment of such a pair is reasonably possible;
 * - false: every pair has an assessment and none is reasonably possible;
 * - null: not (fully) assessed — no pair, no assessment, or a pair left without one.
 * "Unassessable" cannot exclude a causal link, so it does not count as an assessment of its pair (the pair
 * stays open, on the safe side). Assessments of concomitant drugs or unknown keys are ignored.
 */
export function causalityPossible(content: Readonly<CaseContent>): boolean | null {
  const drugKeys = content.drugs.filter(isSuspected).map((drug) => drug.key);
  const reactionKeys = content.reactions.map((reaction) => reaction.key);
  const pairs = drugKeys.flatMap((drugKey) => reactionKeys.map((reactionKey) => ({ drugKey, reactionKey })));
  if (pairs.length === 0) {
    return null;
  }
  let everyPairAssessed = true;
  for (const { drugKey, reactionKey } of pairs) {
    const assessments = content.causality
      .filter((entry) => entry.drugKey === drugKey && entry.reactionKey === reactionKey)
      .flatMap((entry) => [entry.reporter, entry.company])
      .filter((assessment): assessment is CausalityAssessment => assessment !== null);
    if (assessments.some((assessment) => REASONABLY_POSSIBLE.includes(assessment))) {
      return true;
    }
    if (!assessments.some((assessment) => assessment !== 'unassessable')) {
      everyPairAssessed = false;
    }
  }
  return everyPairAssessed ? false : null;
}
