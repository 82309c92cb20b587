import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { type Role, ROLES } from '../../auth/roles';
import type { NotificationChannelView, CreatedChannelView } from '../notification-channels.service';
import type { DeliveryView } from '../reminder-deliveries.service';
import type { PolicyView } from '../reminder-policies.service';
import { DELIVERY_STATUSES, type ExternalChannel, REMINDER_CHANNELS, type ReminderChannel } from '../reminder.entities';
import { POLICY_LEVELS, type PolicyLevel } from './reminder-policy.dto';

/** The deadline a reminder is about. */
export class ReminderDeadlineResponse {
  @ApiProperty({ example: 'milestone', description: '`milestone`, `case-clock` (a case’s reporting clock) or `signal-esi` (an emerging safety issue’s notification)' })
  type!: string;

  @ApiProperty()
  id!: string;
}

/** A reminder in your in-app inbox. */
export class InboxItemResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: ReminderDeadlineResponse })
  deadline!: ReminderDeadlineResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ description: 'the deadline is overdue: sent to the escalation recipients too' })
  escalation!: boolean;

  @ApiProperty({ description: 'sent later than planned (the scan caught up after a pause)' })
  late!: boolean;

  @ApiInstant()
  createdAt!: string;

  @ApiInstant({ nullable: true })
  readAt!: string | null;
}

export class UnreadCountResponse {
  @ApiProperty({ type: 'integer' })
  unread!: number;
}

export class MarkedReadResponse {
  @ApiProperty({ type: 'integer', description: 'messages marked read' })
  marked!: number;
}

/** An e-mail address or webhook endpoint of yours for reminders. */
export class NotificationChannelResponse implements NotificationChannelView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['email', 'webhook'] })
  channel!: ExternalChannel;

  @ApiProperty({ description: 'the e-mail address or the webhook URL' })
  address!: string;

  @ApiProperty({ type: String, nullable: true })
  label!: string | null;

  @ApiProperty({ description: 'false while paused' })
  enabled!: boolean;

  @ApiInstant()
  createdAt!: string;

  @ApiInstant()
  updatedAt!: string;
}

export class CreatedNotificationChannelResponse extends NotificationChannelResponse implements CreatedChannelView {
  @ApiPropertyOptional({ description: 'a webhook’s signing secret (HMAC-SHA256), shown only in this answer' })
  secret?: string;
}

/** One reminder to one recipient on one channel, with its delivery state. */
export class ReminderDeliveryResponse implements DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'also the stable delivery id receivers use to drop a repeat' })
  id!: string;

  @ApiProperty({ type: ReminderDeadlineResponse })
  deadline!: ReminderDeadlineResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiDate({ description: 'the deadline’s due date when the reminder was planned' })
  dueDate!: string;

  @ApiProperty({ example: 'before-30', description: '`before-N` days, or `overdue-K` escalations' })
  step!: string;

  @ApiProperty({ enum: REMINDER_CHANNELS })
  channel!: string;

  @ApiProperty({ example: 'user:7d0c…', description: '`user:<id>` for the inbox, `channel:<notification channel id>` for e-mail and webhooks' })
  recipient!: string;

  @ApiDate()
  plannedSendDate!: string;

  @ApiProperty()
  late!: boolean;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: string;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiInstant({ nullable: true })
  lastAttemptAt!: string | null;

  @ApiInstant({ nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the address it went to' })
  sentTo!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the e-mail Message-ID' })
  messageId!: string | null;
}

/** Reminder steps, escalation and recipients of a deadline kind, or its override for a product or obligation. */
export class ReminderPolicyResponse implements PolicyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'cma-renewal' })
  deadlineKind!: string;

  @ApiProperty({ enum: POLICY_LEVELS })
  level!: PolicyLevel;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  obligationId!: string | null;

  @ApiProperty({ type: 'integer', isArray: true, example: [90, 60, 30, 14, 7, 1], description: 'days before the due date a reminder goes out' })
  offsetsDays!: number[];

  @ApiProperty({ type: 'integer', description: 'once overdue, an escalation every N days' })
  escalationEveryDays!: number;

  @ApiProperty({ enum: ROLES, isArray: true })
  notifyRoles!: Role[];

  @ApiProperty({ enum: ROLES, isArray: true })
  escalationRoles!: Role[];

  @ApiProperty({ enum: REMINDER_CHANNELS, isArray: true })
  channels!: ReminderChannel[];

  @ApiInstant()
  createdAt!: string;

  @ApiInstant()
  updatedAt!: string;
}
