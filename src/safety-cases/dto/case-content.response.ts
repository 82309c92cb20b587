import { ApiProperty } from '@nestjs/swagger';
import { ApiDate } from '../../common/api-properties';
import { ICSR_REPORT_TYPES, type IcsrReportType } from '../../deadlines/engine/icsr';
import { ReferenceSafetyRefResponse } from '../../reference-safety/dto/reference-safety.response';
import type { CaseAssessment } from '../case-assessment';
import type { PlannedClock } from '../case-clock-plan';
import {
  ACTIONS_TAKEN,
  type ActionTaken,
  AGE_GROUPS,
  AGE_UNITS,
  type AgeGroup,
  type AgeUnit,
  CAUSALITY_ASSESSMENTS,
  type CaseContent,
  type Causality,
  type CausalityAssessment,
  CHALLENGE_RESULTS,
  type ChallengeResult,
  type Drug,
  DRUG_ROLES,
  type DrugRole,
  type ExpectednessOverride,
  type OtherIdentifier,
  OUTCOMES,
  type Patient,
  QUALIFICATIONS,
  type Qualification,
  type Reaction,
  type ReactionOutcome,
  type Reporter,
  SERIOUSNESS_CRITERIA,
  type SeriousnessCriterion,
  SEVERITIES,
  type Severity,
  SEXES,
  type Sex,
  SOLICITED_SOURCES,
  type SolicitedSource,
  SPECIAL_SITUATIONS,
  type SpecialSituation,
} from '../case-content';
import { EXPECTEDNESS_BASES, type ExpectednessBasis, type ReactionExpectedness } from '../expectedness';
import type { SeriousnessAssessment } from '../seriousness';
import { MINIMUM_CRITERIA, type MinimumCriterion, type ValidityAssessment } from '../validity';

/** What one version of a case says (E2B(R3) sections C, D, E, G, H in plain terms). */
export class ReporterResponse implements Reporter {
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: QUALIFICATIONS, nullable: true })
  qualification!: Qualification | null;

  @ApiProperty({ type: String, nullable: true, example: 'DE', description: 'ISO 3166-1 alpha-2' })
  country!: string | null;

  @ApiProperty({ description: 'the primary source (its country decides EEA or not)' })
  primarySource!: boolean;
}

export class PatientResponse implements Patient {
  @ApiProperty({ type: String, nullable: true })
  initials!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'record, registry or study subject number' })
  identifier!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  ageValue!: number | null;

  @ApiProperty({ enum: AGE_UNITS, nullable: true })
  ageUnit!: AgeUnit | null;

  @ApiProperty({ enum: AGE_GROUPS, nullable: true })
  ageGroup!: AgeGroup | null;

  @ApiProperty({ enum: SEXES, nullable: true })
  sex!: Sex | null;

  @ApiProperty({ type: Number, nullable: true })
  weightKg!: number | null;

  @ApiProperty({ type: String, nullable: true })
  medicalHistory!: string | null;

  @ApiDate({ nullable: true })
  diedOn!: string | null;
}

export class ReactionResponse implements Reaction {
  @ApiProperty({ example: 'r1', description: 'stable key within the case (follow-ups keep it)' })
  key!: string;

  @ApiProperty()
  reportedTerm!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  lltCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lltName!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  ptCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  ptName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'primary SOC of the PT; null when uncoded' })
  socName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  meddraVersion!: string | null;

  @ApiDate({ nullable: true })
  onset!: string | null;

  @ApiProperty({ enum: OUTCOMES })
  outcome!: ReactionOutcome;

  @ApiProperty({ enum: SEVERITIES, nullable: true })
  severity!: Severity | null;

  @ApiProperty({ enum: SERIOUSNESS_CRITERIA, isArray: true })
  seriousness!: SeriousnessCriterion[];
}

export class DrugResponse implements Drug {
  @ApiProperty({ example: 'd1' })
  key!: string;

  @ApiProperty({ enum: DRUG_ROLES })
  role!: DrugRole;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the tracked product, when it is one of ours' })
  productId!: string | null;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  batchNumber!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dose!: string | null;

  @ApiProperty({ type: String, nullable: true })
  route!: string | null;

  @ApiProperty({ enum: ACTIONS_TAKEN, nullable: true })
  actionTaken!: ActionTaken | null;

  @ApiProperty({ enum: CHALLENGE_RESULTS, nullable: true })
  dechallenge!: ChallengeResult | null;

  @ApiProperty({ enum: CHALLENGE_RESULTS, nullable: true })
  rechallenge!: ChallengeResult | null;
}

export class CausalityResponse implements Causality {
  @ApiProperty()
  drugKey!: string;

  @ApiProperty()
  reactionKey!: string;

  @ApiProperty({ enum: CAUSALITY_ASSESSMENTS, nullable: true })
  reporter!: CausalityAssessment | null;

  @ApiProperty({ enum: CAUSALITY_ASSESSMENTS, nullable: true })
  company!: CausalityAssessment | null;
}

export class OtherIdentifierResponse implements OtherIdentifier {
  @ApiProperty({ description: 'who gave it: a regulator, another company…' })
  source!: string;

  @ApiProperty()
  id!: string;
}

export class ExpectednessOverrideResponse implements ExpectednessOverride {
  @ApiProperty()
  reactionKey!: string;

  @ApiProperty()
  expected!: boolean;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  by!: string;
}

export class CaseContentResponse implements CaseContent {
  @ApiProperty({ enum: ICSR_REPORT_TYPES })
  reportType!: IcsrReportType;

  @ApiProperty({ enum: SOLICITED_SOURCES, nullable: true })
  solicitedSource!: SolicitedSource | null;

  @ApiProperty({ type: String, nullable: true })
  literatureReference!: string | null;

  @ApiDate({ description: 'C.1.4: first received by the holder' })
  initialReceiptOn!: string;

  @ApiDate({ description: 'C.1.5: day 0 of this version' })
  day0!: string;

  @ApiProperty({ description: 'a follow-up with significant new information (a new clock)' })
  significant!: boolean;

  @ApiProperty({ type: [OtherIdentifierResponse] })
  otherIdentifiers!: OtherIdentifierResponse[];

  @ApiProperty({ type: [String], description: 'ids of linked reports (related, not duplicates)' })
  linkedReports!: string[];

  @ApiProperty({ type: [ReporterResponse] })
  reporters!: ReporterResponse[];

  @ApiProperty({ type: PatientResponse })
  patient!: PatientResponse;

  @ApiProperty({ type: [ReactionResponse] })
  reactions!: ReactionResponse[];

  @ApiProperty({ type: [DrugResponse] })
  drugs!: DrugResponse[];

  @ApiProperty({ type: [CausalityResponse] })
  causality!: CausalityResponse[];

  @ApiProperty()
  narrative!: string;

  @ApiProperty()
  lackOfEfficacy!: boolean;

  @ApiProperty({ enum: SPECIAL_SITUATIONS, isArray: true })
  specialSituations!: SpecialSituation[];

  @ApiProperty({ type: [ExpectednessOverrideResponse] })
  expectednessOverrides!: ExpectednessOverrideResponse[];

  @ApiProperty({ type: String, nullable: true })
  nullificationReason!: string | null;

  @ApiProperty({ description: 'generated demo data, never a real patient' })
  synthetic!: boolean;
}

export class CaseValidityResponse implements ValidityAssessment {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ enum: MINIMUM_CRITERIA, isArray: true, description: 'the minimum criteria not met' })
  missing!: MinimumCriterion[];

  @ApiProperty({ type: [String] })
  notes!: string[];
}

export class CaseSeriousnessResponse implements SeriousnessAssessment {
  @ApiProperty()
  serious!: boolean;

  @ApiProperty({ enum: SERIOUSNESS_CRITERIA, isArray: true })
  criteria!: SeriousnessCriterion[];

  @ApiProperty()
  fatal!: boolean;

  @ApiProperty()
  lifeThreatening!: boolean;

  @ApiProperty({ type: [String] })
  seriousReactionKeys!: string[];
}

export class ReactionExpectednessResponse implements ReactionExpectedness {
  @ApiProperty()
  reactionKey!: string;

  @ApiProperty({ type: String, nullable: true })
  ptName!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'null = cannot be decided' })
  expected!: boolean | null;

  @ApiProperty({ enum: EXPECTEDNESS_BASES })
  basis!: ExpectednessBasis;

  @ApiProperty({ type: String, nullable: true })
  listedTerm!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  rsiVersion!: number | null;

  @ApiProperty()
  explanation!: string;
}

/** The reporting clock a version starts, with its rule. */
export class PlannedClockResponse implements PlannedClock {
  @ApiDate()
  dueOn!: string;

  @ApiProperty({ type: 'integer', description: 'calendar days from day 0' })
  days!: number;

  @ApiProperty({ example: 'ICSR-SERIOUS-15' })
  ruleId!: string;

  @ApiProperty()
  ruleSource!: string;

  @ApiProperty()
  explanation!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the due date falls on a weekend or closure day (flagged, never moved)' })
  nonWorkingDay!: string | null;
}

export class NoClockResponse {
  @ApiProperty({ type: String, nullable: true })
  ruleId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  source!: string | null;

  @ApiProperty()
  reason!: string;
}

/** Triage of one version: validity, seriousness, EEA, causality, expectedness and the reporting clock. */
export class CaseAssessmentResponse implements CaseAssessment {
  @ApiProperty({ type: CaseValidityResponse })
  validity!: CaseValidityResponse;

  @ApiProperty({ type: CaseSeriousnessResponse })
  seriousness!: CaseSeriousnessResponse;

  @ApiProperty({ type: String, nullable: true })
  primarySourceCountry!: string | null;

  @ApiProperty()
  eea!: boolean;

  @ApiProperty()
  eeaBasis!: string;

  @ApiProperty({ type: Boolean, nullable: true, description: 'a causal relationship is at least reasonably possible; null = not assessed' })
  causalityPossible!: boolean | null;

  @ApiProperty({ type: [ReactionExpectednessResponse] })
  expectedness!: ReactionExpectednessResponse[];

  @ApiProperty()
  seriousUnexpected!: boolean;

  @ApiProperty({ type: ReferenceSafetyRefResponse, nullable: true })
  referenceSafety!: ReferenceSafetyRefResponse | null;

  @ApiProperty({ type: [String], description: 'keys of reactions recorded by name only' })
  uncodedReactions!: string[];

  @ApiProperty({ type: String, nullable: true })
  meddraVersion!: string | null;

  @ApiProperty({ type: [String], description: 'what to chase at follow-up' })
  toChase!: string[];

  @ApiProperty({ type: PlannedClockResponse, nullable: true })
  clock!: PlannedClockResponse | null;

  @ApiProperty({ type: NoClockResponse, nullable: true, description: 'why no clock starts (null when one does)' })
  noClock!: NoClockResponse | null;
}
