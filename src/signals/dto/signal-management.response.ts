import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiFreeObject, ApiInstant } from '../../common/api-properties';
import type { AlertView, SignalStepView, SignalView } from '../signal-management.service';
import {
  ALERT_STATUSES,
  type AlertStatus,
  RECOMMENDED_ACTIONS,
  type RecommendedAction,
  SIGNAL_PRIORITIES,
  SIGNAL_STATUSES,
  type SignalPriority,
  type SignalStatus,
} from '../signal-workflow';

/** A statistical alert (a screening hit or a frequency flag on one of our products): to review, not yet a signal. */
export class AlertResponse implements AlertView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['disproportionality', 'frequency'] })
  source!: 'disproportionality' | 'frequency';

  @ApiProperty({ format: 'uuid', description: 'the disproportionality or frequency run that raised it' })
  runId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty()
  product!: string;

  @ApiProperty({ description: 'the event (PT or listed term)' })
  event!: string;

  @ApiProperty({ description: 'the rule that was met, in words' })
  rule!: string;

  @ApiFreeObject({ description: 'the figures behind the alert (2×2 table and ratios, or the observed proportion and interval)' })
  figures!: Record<string, unknown>;

  @ApiProperty({ enum: ALERT_STATUSES })
  status!: AlertStatus;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  decidedBy!: string | null;

  @ApiInstant({ nullable: true })
  decidedAt!: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  signalId!: string | null;

  @ApiInstant()
  createdAt!: Date;
}

export class SignalStepResponse implements SignalStepView {
  @ApiProperty({ example: 'analysed' })
  step!: string;

  @ApiProperty()
  notes!: string;

  @ApiFreeObject({ description: 'what the step recorded (priority, assessment, action…)' })
  details!: Record<string, unknown>;

  @ApiProperty()
  by!: string;

  @ApiInstant()
  at!: Date;
}

/** The emerging safety issue: notification due 3 EMA working days after it was established. */
export class EmergingSafetyIssueResponse {
  @ApiDate()
  establishedOn!: string;

  @ApiDate()
  dueOn!: string;

  @ApiProperty()
  ruleId!: string;

  @ApiDate({ nullable: true })
  notifiedOn!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'null until notified' })
  onTime!: boolean | null;
}

export class RegulatorOutcomeResponse {
  @ApiProperty()
  outcome!: string;

  @ApiDate()
  receivedOn!: string;
}

/** A signal as listed (GET /signals/:id adds its steps and alerts). */
export class SignalSummaryResponse implements Omit<SignalView, 'steps' | 'alerts'> {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  productName!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  event!: string;

  @ApiProperty({ enum: SIGNAL_STATUSES })
  status!: SignalStatus;

  @ApiProperty({ enum: SIGNAL_PRIORITIES, nullable: true })
  priority!: SignalPriority | null;

  @ApiProperty({ type: String, nullable: true })
  assessment!: string | null;

  @ApiProperty({ enum: RECOMMENDED_ACTIONS, nullable: true })
  recommendedAction!: RecommendedAction | null;

  @ApiProperty({ description: 'a QPPV approved the assessment as it now stands (an electronic signature)' })
  assessmentApproved!: boolean;

  @ApiProperty({ type: EmergingSafetyIssueResponse, nullable: true })
  emergingSafetyIssue!: EmergingSafetyIssueResponse | null;

  @ApiProperty({ type: RegulatorOutcomeResponse, nullable: true })
  regulatorOutcome!: RegulatorOutcomeResponse | null;

  @ApiProperty()
  createdBy!: string;

  @ApiInstant()
  createdAt!: Date;

  @ApiInstant()
  updatedAt!: Date;
}

/** A signal with its steps (who, when, why), alerts, emerging-safety-issue clock and regulator outcome. */
export class SignalResponse extends SignalSummaryResponse implements SignalView {
  @ApiProperty({ type: [SignalStepResponse] })
  steps!: SignalStepResponse[];

  @ApiProperty({ type: [AlertResponse] })
  alerts!: AlertResponse[];
}
