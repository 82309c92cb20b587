import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder channels beyond the inbox: each account's e-mail addresses and webhook endpoints, what each
 * delivery attempt did, and an index that lets the scan page through open milestones in key order.
 */
export class ReminderChannels1764028800000 implements MigrationInterface {
  name = 'ReminderChannels1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_channel (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id      uuid        NOT NULL REFERENCES app_user (id),
        channel      text        NOT NULL,
        address      text        NOT NULL,
        secret       text,
        label        text,
        enabled      boolean     NOT NULL DEFAULT true,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notification_channel_kind CHECK (channel IN ('email', 'webhook')),
        CONSTRAINT ck_notification_channel_secret CHECK ((channel = 'webhook') = (secret IS NOT NULL)),
        CONSTRAINT ck_notification_channel_address CHECK (length(address) BETWEEN 3 AND 2000)
      );
      CREATE UNIQUE INDEX ux_notification_channel_address ON notification_channel (user_id, channel, lower(address));
      COMMENT ON TABLE notification_channel IS 'Where an account wants reminders besides its inbox: e-mail addresses and webhook endpoints (with the HMAC secret)';

      ALTER TABLE reminder_delivery
        ADD COLUMN queued_at        timestamptz,
        ADD COLUMN last_attempt_at  timestamptz,
        ADD COLUMN sent_to          text,
        ADD COLUMN message_id       text;
      COMMENT ON COLUMN reminder_delivery.queued_at IS 'When the delivery was last handed to the queue; the scan re-offers pending ones queued long ago (Redis lost them)';
      COMMENT ON COLUMN reminder_delivery.sent_to IS 'The address or endpoint used by the successful attempt';
      DROP INDEX ix_reminder_delivery_pending;
      CREATE INDEX ix_reminder_delivery_pending ON reminder_delivery (queued_at) WHERE status = 'pending';
      CREATE INDEX ix_reminder_delivery_failed ON reminder_delivery (last_attempt_at DESC) WHERE status = 'failed';

      -- The policies allow every channel; each account chooses which it uses.
      UPDATE reminder_policy SET channels = '{in-app,email,webhook}', updated_at = now() WHERE product_id IS NULL AND obligation_id IS NULL;
      ALTER TABLE reminder_policy ALTER COLUMN channels SET DEFAULT '{in-app,email,webhook}';

      DROP INDEX ix_milestone_open_due;
      CREATE INDEX ix_milestone_open_due ON milestone (due_date, id) INCLUDE (kind) WHERE status IN ('planned', 'in-progress');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_milestone_open_due;
      CREATE INDEX ix_milestone_open_due ON milestone (due_date) WHERE status IN ('planned', 'in-progress');
      ALTER TABLE reminder_policy ALTER COLUMN channels SET DEFAULT '{in-app}';
      DROP INDEX ix_reminder_delivery_failed;
      DROP INDEX ix_reminder_delivery_pending;
      CREATE INDEX ix_reminder_delivery_pending ON reminder_delivery (created_at) WHERE status = 'pending';
      ALTER TABLE reminder_delivery DROP COLUMN queued_at, DROP COLUMN last_attempt_at, DROP COLUMN sent_to, DROP COLUMN message_id;
      DROP TABLE notification_channel;
    `);
  }
}
