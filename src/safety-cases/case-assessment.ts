/**
 * Triage of one case version (GVP VI): validity, seriousness, EEA or not, causality, expectedness against
 * the reference safety information in force, and the reporting clock. Pure: the service gathers the inputs.
 */
import type { IsoDate } from '../common/calendar-date';
import type { ClosureDay } from '../deadlines/engine/derived-date';
import type { ReferenceSafetyInformation } from '../reference-safety/reference-terms';
import type { CaseContent, VersionType } from './case-content';
import { ClockPlan, OpenClock, planClock } from './case-clock-plan';
import { assessExpectedness, ReactionExpectedness, seriousUnexpected } from './expectedness';
import { assessSeriousness, SeriousnessAssessment } from './seriousness';
import { causalityPossible, eeaBasis, isEea, isSuspected, primarySourceCountry } from './triage';
import { assessValidity, ValidityAssessment } from './validity';

export interface CaseAssessment {
  validity: ValidityAssessment;
  seriousness: SeriousnessAssessment;
  primarySourceCountry: string | null;
  eea: boolean;
  eeaBasis: string;
  causalityPossible: boolean | null;
  expectedness: ReactionExpectedness[];
  seriousUnexpected: boolean;
  referenceSafety: { id: string; version: number; document: string; effectiveFrom: IsoDate; complete: boolean } | null;
  /** Keys of reactions recorded by name only (no MedDRA code). */
  uncodedReactions: string[];
  meddraVersion: string | null;
  /** What to chase at follow-up: for biologicals (both seed products) the batch number of every suspect. */
  toChase: string[];
  clock: ClockPlan['clock'];
  noClock: ClockPlan['noClock'];
}

export interface AssessmentInput {
  versionType: VersionType;
  content: CaseContent;
  rsi: ReferenceSafetyInformation | null;
  hltNamesOfPt: (ptName: string) => string[];
  meddraVersion: string | null;
  previousSerious: boolean | null;
  openClocks: readonly OpenClock[];
  closures: readonly ClosureDay[];
  fromEudraVigilance?: boolean;
}

export function assessCase(input: AssessmentInput): { assessment: CaseAssessment; plan: ClockPlan } {
  const { content, rsi } = input;
  const validity = assessValidity(content);
  const seriousness = assessSeriousness(content);
  const country = primarySourceCountry(content);
  const eea = isEea(country);
  const possible = causalityPossible(content);
  const expectedness = assessExpectedness(content, rsi, input.hltNamesOfPt);
  const plan = planClock({
    versionType: input.versionType,
    significant: content.significant,
    reportType: content.reportType,
    day0: content.day0,
    valid: validity.valid,
    missing: validity.missing,
    serious: seriousness.serious,
    fatalOrLifeThreatening: seriousness.fatal || seriousness.lifeThreatening,
    eea,
    causalityPossible: possible,
    previousSerious: input.previousSerious,
    openClocks: input.openClocks,
    closures: input.closures,
    fromEudraVigilance: input.fromEudraVigilance ?? false,
  });
  const assessment: CaseAssessment = {
    validity,
    seriousness,
    primarySourceCountry: country,
    eea,
    eeaBasis: eeaBasis(content),
    causalityPossible: possible,
    expectedness,
    seriousUnexpected: seriousUnexpected(content, expectedness),
    referenceSafety: rsi === null ? null : { id: rsi.id, version: rsi.version, document: rsi.document, effectiveFrom: rsi.effectiveFrom, complete: rsi.complete },
    uncodedReactions: content.reactions.filter((r) => r.lltCode === null && r.ptCode === null).map((r) => r.key),
    meddraVersion: input.meddraVersion,
    toChase: content.drugs.filter((d) => isSuspected(d) && d.batchNumber === null).map((d) => `batch number of suspect ${d.name} (${d.key})`),
    clock: plan.clock,
    noClock: plan.noClock,
  };
  return { assessment, plan };
}
