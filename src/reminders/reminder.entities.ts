import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../auth/roles';

export const REMINDER_CHANNELS = ['in-app', 'email', 'webhook'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

/** When to remind of a kind of deadline; a row without product or obligation is the default for the kind. */
@Entity({ name: 'reminder_policy' })
export class ReminderPolicy {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'deadline_kind', type: 'text' })
  deadlineKind!: string;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ name: 'obligation_id', type: 'uuid', nullable: true })
  obligationId!: string | null;

  @Column({ name: 'offsets_days', type: 'integer', array: true })
  offsetsDays!: number[];

  @Column({ name: 'escalation_every_days', type: 'integer', default: 1 })
  escalationEveryDays!: number;

  @Column({ name: 'notify_roles', type: 'text', array: true })
  notifyRoles!: Role[];

  @Column({ name: 'escalation_roles', type: 'text', array: true })
  escalationRoles!: Role[];

  @Column({ type: 'text', array: true, default: () => "'{in-app,email,webhook}'" })
  channels!: ReminderChannel[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One reminder to one recipient on one channel, unique on (deadline, its due date, step, channel, recipient). */
@Entity({ name: 'reminder_delivery' })
export class ReminderDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'deadline_type', type: 'text' })
  deadlineType!: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId!: string;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text' })
  step!: string;

  @Column({ type: 'text' })
  channel!: ReminderChannel;

  /** `user:<id>` for the inbox; `channel:<notification_channel id>` for e-mail and webhooks. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ name: 'send_on', type: 'date' })
  sendOn!: string;

  @Column({ type: 'boolean' })
  late!: boolean;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** When last handed to the queue; pending deliveries queued long ago are offered again by the scan. */
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** The e-mail address or webhook URL the successful attempt went to. */
  @Column({ name: 'sent_to', type: 'text', nullable: true })
  sentTo!: string | null;

  /** E-mail: the Message-ID; webhook: the receiver's HTTP status. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;
}

export type ExternalChannel = Exclude<ReminderChannel, 'in-app'>;

/** An account's e-mail address or webhook endpoint for reminders (the inbox needs none). */
@Entity({ name: 'notification_channel' })
export class NotificationChannel {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  channel!: ExternalChannel;

  /** An e-mail address, or the webhook's https URL. */
  @Column({ type: 'text' })
  address!: string;

  /** The webhook's HMAC-SHA256 key (shown once, when created); null for e-mail. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'deadline_type', type: 'text' })
  deadlineType!: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId!: string;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'boolean' })
  escalation!: boolean;

  @Column({ type: 'boolean' })
  late!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
