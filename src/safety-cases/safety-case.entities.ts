import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IcsrReportType } from '../deadlines/engine/icsr';
import type { CaseContent, VersionType } from './case-content';
import type { CaseAssessment } from './case-assessment';

export const CASE_STATUSES = ['valid', 'incomplete', 'nullified'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** An individual case safety report: its identity and a summary of its current version (the versions hold the content). */
@Entity({ name: 'safety_case' })
export class SafetyCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null while the suspect product is not a registered product (then `reportedProduct` names it). */
  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ name: 'reported_product', type: 'text', nullable: true })
  reportedProduct!: string | null;

  /** The holder's safety report id (E2B C.1.1). */
  @Column({ name: 'safety_report_id', type: 'text' })
  safetyReportId!: string;

  /** The worldwide unique case id (E2B C.1.8.1). */
  @Column({ name: 'worldwide_id', type: 'text' })
  worldwideId!: string;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'current_type', type: 'text' })
  currentType!: VersionType;

  @Column({ name: 'report_type', type: 'text' })
  reportType!: IcsrReportType;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ type: 'boolean' })
  serious!: boolean;

  @Column({ name: 'serious_unexpected', type: 'boolean', default: false })
  seriousUnexpected!: boolean;

  @Column({ name: 'primary_country', type: 'text', nullable: true })
  primaryCountry!: string | null;

  @Column({ name: 'initial_receipt_on', type: 'date' })
  initialReceiptOn!: string;

  @Column({ name: 'latest_day0', type: 'date' })
  latestDay0!: string;

  /** Set when this case is a duplicate: the master case it is linked to. */
  @Column({ name: 'master_case_id', type: 'uuid', nullable: true })
  masterCaseId!: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  /** Downloaded from EudraVigilance: the authority's copy, with no reporting clock; never submitted back. */
  @Column({ name: 'from_eudravigilance', type: 'boolean', default: false })
  fromEudravigilance!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** What a case said at one version and how it was assessed; never changed or deleted. */
@Entity({ name: 'safety_case_version' })
export class SafetyCaseVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'version_type', type: 'text' })
  versionType!: VersionType;

  @Column({ type: 'date' })
  day0!: string;

  @Column({ type: 'jsonb' })
  content!: CaseContent;

  @Column({ type: 'jsonb' })
  assessment!: CaseAssessment;

  @Column({ name: 'rsi_id', type: 'uuid', nullable: true })
  rsiId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Business day the version was recorded: an amendment counts at a data lock point only when recorded by it. */
  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;
}

export const CLOCK_STATUSES = ['open', 'submitted', 'superseded', 'cancelled'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** A reporting deadline of a case, from its initial receipt or a significant follow-up, with its rule. */
@Entity({ name: 'case_clock' })
export class CaseClock {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'date' })
  day0!: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'integer' })
  days!: number;

  @Column({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ name: 'rule_source', type: 'text' })
  ruleSource!: string;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ type: 'text', default: 'open' })
  status!: ClockStatus;

  @Column({ name: 'submitted_on', type: 'date', nullable: true })
  submittedOn!: string | null;

  @Column({ name: 'submitted_version', type: 'integer', nullable: true })
  submittedVersion!: number | null;

  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime!: boolean | null;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** A version of a case accepted by a recipient (positive acknowledgement). Append-only. */
@Entity({ name: 'case_submission' })
export class CaseSubmission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ name: 'acknowledged_on', type: 'date' })
  acknowledgedOn!: string;

  @Column({ name: 'ack_ref', type: 'text', nullable: true })
  ackRef!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

export const CASE_LINK_KINDS = ['duplicate-of', 'related'] as const;
export type CaseLinkKind = (typeof CASE_LINK_KINDS)[number];

/** A duplicate linked to its master, or two related reports (mother and child). */
@Entity({ name: 'case_link' })
export class CaseLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'other_case_id', type: 'uuid' })
  otherCaseId!: string;

  @Column({ type: 'text' })
  kind!: CaseLinkKind;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Business day the link was recorded: a duplicate linked after a data lock point still counted at that DLP. */
  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;
}
