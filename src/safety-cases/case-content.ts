/**
 * What one version of a case says (E2B(R3) sections C, D, E, G, H in plain terms). A version is stored
 * whole and never changed; the next piece of information is a new version. Pure types and code lists.
 */
import type { IsoDate } from '../common/calendar-date';
import type { IcsrReportType } from '../deadlines/engine/icsr';

export const VERSION_TYPES = ['initial', 'follow-up', 'amendment', 'nullification'] as const;
export type VersionType = (typeof VERSION_TYPES)[number];

/** Where a solicited report comes from (GVP VI.B.1.2). */
export const SOLICITED_SOURCES = ['registry', 'patient-support-programme', 'non-interventional-study', 'market-research', 'other'] as const;
export type SolicitedSource = (typeof SOLICITED_SOURCES)[number];

/** Reporter qualification (E2B C.2.r.4); unknown counts as consumer for validity. */
export const QUALIFICATIONS = ['physician', 'pharmacist', 'other-health-professional', 'lawyer', 'consumer'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_UNITS = ['year', 'month', 'week', 'day'] as const;
export type AgeUnit = (typeof AGE_UNITS)[number];

/** E2B D.2.3 age groups. */
export const AGE_GROUPS = ['foetus', 'neonate', 'infant', 'child', 'adolescent', 'adult', 'elderly'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** E2B E.i.3.2 seriousness criteria, each per reaction. */
export const SERIOUSNESS_CRITERIA = ['death', 'life-threatening', 'hospitalisation', 'disability', 'congenital-anomaly', 'other-medically-important'] as const;
export type SeriousnessCriterion = (typeof SERIOUSNESS_CRITERIA)[number];

/** E2B E.i.7 outcome. */
export const OUTCOMES = ['recovered', 'recovering', 'not-recovered', 'recovered-with-sequelae', 'fatal', 'unknown'] as const;
export type ReactionOutcome = (typeof OUTCOMES)[number];

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** E2B G.k.1 drug role. */
export const DRUG_ROLES = ['suspect', 'concomitant', 'interacting', 'not-administered'] as const;
export type DrugRole = (typeof DRUG_ROLES)[number];

/** E2B G.k.8 action taken with the drug. */
export const ACTIONS_TAKEN = ['withdrawn', 'dose-reduced', 'dose-increased', 'dose-not-changed', 'not-applicable', 'unknown'] as const;
export type ActionTaken = (typeof ACTIONS_TAKEN)[number];

export const CHALLENGE_RESULTS = ['positive', 'negative', 'not-done', 'unknown'] as const;
export type ChallengeResult = (typeof CHALLENGE_RESULTS)[number];

/**
 * Causality (WHO-UMC categories). "Reasonably possible" (GVP VI: a causal relationship cannot be
 * excluded) = certain, probable or possible.
 */
export const CAUSALITY_ASSESSMENTS = ['certain', 'probable', 'possible', 'unlikely', 'unrelated', 'unassessable'] as const;
export type CausalityAssessment = (typeof CAUSALITY_ASSESSMENTS)[number];
export const REASONABLY_POSSIBLE: readonly CausalityAssessment[] = ['certain', 'probable', 'possible'];

/** Special situations recorded with a case (GVP VI.B.6), including the seed products' own. */
export const SPECIAL_SITUATIONS = [
  'loss-of-factor-ix-expression',
  'graft-failure',
  'infection-transmitted-by-product',
  'overdose',
  'medication-error',
  'misuse',
  'abuse',
  'off-label-use',
  'occupational-exposure',
  'pregnancy-exposure',
  'breastfeeding-exposure',
  'other',
] as const;
export type SpecialSituation = (typeof SPECIAL_SITUATIONS)[number];

export interface Reporter {
  name: string | null;
  qualification: Qualification | null;
  /** ISO 3166-1 alpha-2, upper case (EU for the European Union is not a country). */
  country: string | null;
  /** Exactly one reporter of a valid case is the primary source (E2B C.2.r.5); its country decides EEA or not. */
  primarySource: boolean;
}

export interface Patient {
  initials: string | null;
  /** Any identifier of the patient (record, registry or study subject number). */
  identifier: string | null;
  ageValue: number | null;
  ageUnit: AgeUnit | null;
  ageGroup: AgeGroup | null;
  sex: Sex | null;
  weightKg: number | null;
  medicalHistory: string | null;
  /** Date of death when the patient died. */
  diedOn: IsoDate | null;
}

export interface Reaction {
  /** Stable key within the case ("r1", "r2"...): follow-ups keep it so causality and diffs line up. */
  key: string;
  reportedTerm: string;
  /** MedDRA coding: LLT and its PT when a dictionary is loaded, with its version; else a PT name only, shown as uncoded. */
  lltCode: number | null;
  lltName: string | null;
  ptCode: number | null;
  ptName: string | null;
  /** Primary SOC of the PT from the dictionary; null when uncoded. */
  socName: string | null;
  meddraVersion: string | null;
  onset: IsoDate | null;
  outcome: ReactionOutcome;
  severity: Severity | null;
  seriousness: SeriousnessCriterion[];
}

export interface Drug {
  /** Stable key within the case ("d1", "d2"...). */
  key: string;
  role: DrugRole;
  /** The tracked product when it is one of ours (a suspect of our case usually is). */
  productId: string | null;
  name: string;
  batchNumber: string | null;
  dose: string | null;
  route: string | null;
  actionTaken: ActionTaken | null;
  dechallenge: ChallengeResult | null;
  rechallenge: ChallengeResult | null;
}

export interface Causality {
  drugKey: string;
  reactionKey: string;
  reporter: CausalityAssessment | null;
  company: CausalityAssessment | null;
}

export interface OtherIdentifier {
  /** Who gave it: a regulator, another company, a literature database... */
  source: string;
  id: string;
}

/** A manual expectedness decision for one reaction, kept with its reason and author. */
export interface ExpectednessOverride {
  reactionKey: string;
  expected: boolean;
  reason: string;
  by: string;
}

export interface CaseContent {
  reportType: IcsrReportType;
  solicitedSource: SolicitedSource | null;
  literatureReference: string | null;
  /** C.1.4: the day the holder first received the case. Calendar date as recorded. */
  initialReceiptOn: IsoDate;
  /** C.1.5: day 0 of this version (the most recent information). Calendar date as recorded. */
  day0: IsoDate;
  /** Follow-up only: does it carry significant new information (a new clock)? */
  significant: boolean;
  /** C.1.9.1.r: the case's ids elsewhere (equal ids mean a duplicate for certain). */
  otherIdentifiers: OtherIdentifier[];
  /** C.1.10.r: ids of linked reports (mother–child, same patient in a study): related, not duplicates. */
  linkedReports: string[];
  reporters: Reporter[];
  patient: Patient;
  reactions: Reaction[];
  drugs: Drug[];
  causality: Causality[];
  narrative: string;
  lackOfEfficacy: boolean;
  specialSituations: SpecialSituation[];
  expectednessOverrides: ExpectednessOverride[];
  nullificationReason: string | null;
  /** Generated demo data, never real: shown everywhere the case appears. */
  synthetic: boolean;
}

/** EEA: the EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2). */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
]);
