/**
 * Expectedness (listedness) of each reaction against the product's reference safety information
 * (pharmacovigilance §1; GVP Annex I): unexpected when its nature, severity or outcome is not consistent with
 * the listed terms. Matching is on the MedDRA PT (or on a listed HLT through the dictionary). Pure functions.
 */
import type { ReferenceSafetyInformation, ReferenceTerm } from '../reference-safety/reference-terms';
import { type CaseContent, type ExpectednessOverride, type Reaction, type Severity, SEVERITIES } from './case-content';
import { reactionSeriousness } from './seriousness';

export const EXPECTEDNESS_BASES = ['listed', 'not-listed', 'fatal-outcome-not-labelled', 'more-severe-than-labelled', 'override', 'no-reference-information', 'uncoded'] as const;
export type ExpectednessBasis = (typeof EXPECTEDNESS_BASES)[number];

export interface ReactionExpectedness {
  reactionKey: string;
  ptName: string | null;
  /** null = cannot be decided (no reference information, or an uncoded term that matches nothing). */
  expected: boolean | null;
  basis: ExpectednessBasis;
  /** The listed term the reaction matched, if any. */
  listedTerm: string | null;
  rsiVersion: number | null;
  explanation: string;
}

/** The HLT names a PT sits under (from the loaded MedDRA dictionary). */
export type HltNamesOfPt = (ptName: string) => readonly string[];

interface Match {
  term: ReferenceTerm;
  /** How it matched, for the explanation. */
  how: string;
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function quoted(text: string): string {
  return `"${text}"`;
}

/** Listed reaction terms that cover the name: PT matches first, then HLT matches, each in the RSI's order. */
function matches(rsi: Readonly<ReferenceSafetyInformation>, name: string, ptName: string | null, hltNamesOfPt: HltNamesOfPt | undefined): Match[] {
  const reactionTerms = rsi.terms.filter((term) => term.kind === 'reaction');
  const wanted = normalise(name);
  const onPt: Match[] = reactionTerms
    .filter((term) => term.ptNames.some((listed) => normalise(listed) === wanted))
    .map((term) => ({ term, how: `listed as ${quoted(term.term)}` }));
  if (ptName === null || hltNamesOfPt === undefined) {
    return onPt;
  }
  const hlts = hltNamesOfPt(ptName).map((hlt) => ({ hlt, key: normalise(hlt) }));
  const onHlt: Match[] = reactionTerms.flatMap((term) => {
    const hit = hlts.find(({ key }) => term.hltNames.some((listed) => normalise(listed) === key));
    return hit === undefined || onPt.some((match) => match.term === term) ? [] : [{ term, how: `under HLT ${quoted(hit.hlt)}, listed as ${quoted(term.term)}` }];
  });
  return [...onPt, ...onHlt];
}

function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

interface Verdict {
  expected: boolean;
  basis: ExpectednessBasis;
  /** Completes "<reaction> is <how> in the <RSI version>". */
  reason: string;
}

/** Nature matched; now outcome, then severity. */
function judge(reaction: Readonly<Reaction>, term: ReferenceTerm): Verdict {
  if (reactionSeriousness(reaction).includes('death') && !term.fatalOutcomeListed) {
    return { expected: false, basis: 'fatal-outcome-not-labelled', reason: ', but the label does not mention a fatal outcome for it: the fatal outcome makes it unexpected.' };
  }
  if (reaction.severity !== null && term.maxSeverity !== null && severityRank(reaction.severity) > severityRank(term.maxSeverity)) {
    return {
      expected: false,
      basis: 'more-severe-than-labelled',
      reason: `, but the label describes it as at most ${term.maxSeverity} and this reaction is ${reaction.severity}: more severe than labelled is unexpected.`,
    };
  }
  return { expected: true, basis: 'listed', reason: ': expected.' };
}

function overrideFor(content: Readonly<CaseContent>, reactionKey: string): ExpectednessOverride | undefined {
  // The latest recorded decision for the reaction wins.
  return content.expectednessOverrides.filter((override) => override.reactionKey === reactionKey).at(-1);
}

function assessReaction(
  content: Readonly<CaseContent>,
  reaction: Readonly<Reaction>,
  rsi: Readonly<ReferenceSafetyInformation> | null,
  hltNamesOfPt: HltNamesOfPt | undefined,
): ReactionExpectedness {
  const ptName = reaction.ptName !== null && reaction.ptName.trim() !== '' ? reaction.ptName.trim() : null;
  const reportedTerm = reaction.reportedTerm.trim();
  const name = ptName ?? (reportedTerm === '' ? null : reportedTerm);
  const subject = ptName !== null ? `PT ${quoted(ptName)}` : name !== null ? `Reported term ${quoted(name)} (not coded to MedDRA)` : 'The reaction';
  const found = rsi === null || name === null ? [] : matches(rsi, name, ptName, hltNamesOfPt);
  const base = { reactionKey: reaction.key, ptName, rsiVersion: rsi?.version ?? null };
  const incomplete = rsi !== null && !rsi.complete ? ` The reference list (version ${rsi.version}) is marked incomplete, so "not listed" may only mean "not entered yet".` : '';

  const override = overrideFor(content, reaction.key);
  if (override !== undefined) {
    const decision = override.expected ? 'expected' : 'unexpected';
    return {
      ...base,
      expected: override.expected,
      basis: 'override',
      listedTerm: found[0]?.term.term ?? null,
      explanation: `Set to ${decision} by ${override.by}: ${quoted(override.reason)}.${incomplete}`,
    };
  }
  if (rsi === null) {
    return { ...base, expected: null, basis: 'no-reference-information', listedTerm: null, explanation: 'No reference safety information for the product: expectedness cannot be assessed.' };
  }
  const version = `reference safety information version ${rsi.version}`;
  // A reaction is expected when any listed term covers its nature, outcome and severity; otherwise the first match says why not.
  const onReported = ptName === null ? ' The match was on the reported term, not on a MedDRA PT.' : '';
  const verdicts = found.map((match) => ({ match, verdict: judge(reaction, match.term) }));
  const chosen = verdicts.find(({ verdict }) => verdict.expected) ?? verdicts[0];
  if (chosen !== undefined) {
    return {
      ...base,
      expected: chosen.verdict.expected,
      basis: chosen.verdict.basis,
      listedTerm: chosen.match.term.term,
      explanation: `${subject} is ${chosen.match.how} in the ${version}${chosen.verdict.reason}${onReported}${incomplete}`,
    };
  }
  if (ptName === null) {
    const what = name === null ? 'The reaction has neither a MedDRA term nor a reported term' : `${subject} matches no listed term`;
    return { ...base, expected: null, basis: 'uncoded', listedTerm: null, explanation: `${what} in the ${version}: code it to MedDRA to decide.${incomplete}` };
  }
  return { ...base, expected: false, basis: 'not-listed', listedTerm: null, explanation: `${subject} is not listed in the ${version}: unexpected.${incomplete}` };
}

/**
 * Expectedness of each reaction of the case, in the case's order. Only listed terms of kind "reaction" count
 * ("fatal adverse reactions 8%" is an outcome across reactions, not a listed reaction). A manual override wins.
 * With `rsi` null nothing can be decided (expected null).
 */
export function assessExpectedness(
  content: Readonly<CaseContent>,
  rsi: Readonly<ReferenceSafetyInformation> | null,
  hltNamesOfPt?: HltNamesOfPt,
): ReactionExpectedness[] {
  return content.reactions.map((reaction) => assessReaction(content, reaction, rsi, hltNamesOfPt));
}

/**
 * Serious and unexpected: at least one serious reaction that is not known to be expected. An undecided
 * reaction (expected null) counts as unexpected, on the safe side (ICH E2A: when in doubt, unexpected).
 */
export function seriousUnexpected(content: Readonly<CaseContent>, results: readonly ReactionExpectedness[]): boolean {
  return content.reactions.some((reaction) => reactionSeriousness(reaction).length > 0 && results.find((result) => result.reactionKey === reaction.key)?.expected !== true);
}
