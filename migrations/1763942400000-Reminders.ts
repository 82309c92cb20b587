import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminder policies (data, with defaults per deadline kind), delivery records and the in-app inbox. */
export class Reminders1763942400000 implements MigrationInterface {
  name = 'Reminders1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_policy (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deadline_kind          text        NOT NULL,
        product_id             uuid        REFERENCES product (id),
        obligation_id          uuid        REFERENCES obligation (id),
        offsets_days           integer[]   NOT NULL,
        escalation_every_days  integer     NOT NULL DEFAULT 1,
        notify_roles           text[]      NOT NULL,
        escalation_roles       text[]      NOT NULL,
        channels               text[]      NOT NULL DEFAULT '{in-app}',
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_reminder_policy_offsets CHECK (cardinality(offsets_days) BETWEEN 1 AND 20 AND 0 < ALL (offsets_days) AND 3660 >= ALL (offsets_days)),
        CONSTRAINT ck_reminder_policy_cadence CHECK (escalation_every_days BETWEEN 1 AND 90),
        CONSTRAINT ck_reminder_policy_channels CHECK (channels <@ ARRAY['in-app', 'email', 'webhook']::text[] AND cardinality(channels) >= 1),
        CONSTRAINT ck_reminder_policy_level CHECK (obligation_id IS NULL OR product_id IS NULL)
      );
      CREATE UNIQUE INDEX ux_reminder_policy_scope ON reminder_policy (
        deadline_kind,
        COALESCE(product_id, '00000000-0000-0000-0000-000000000000'),
        COALESCE(obligation_id, '00000000-0000-0000-0000-000000000000')
      );
      COMMENT ON TABLE reminder_policy IS 'When to remind of a kind of deadline: a default per kind, overridable per product or obligation';

      INSERT INTO reminder_policy (deadline_kind, offsets_days, escalation_every_days, notify_roles, escalation_roles) VALUES
        ('cma-renewal',         '{90,60,30,14,7,1}', 1, '{regulatory}', '{admin}'),
        ('standard-renewal',    '{120,90,60,30,14,7,1}', 1, '{regulatory}', '{admin}'),
        ('psur',                '{60,30,14,7,1}', 1, '{regulatory,qppv}', '{qppv}'),
        ('obligation',          '{60,30,14,7,1}', 1, '{regulatory}', '{admin}'),
        ('pass-final-report',   '{90,60,30,14,7,1}', 1, '{regulatory,qppv}', '{qppv}'),
        ('pass-waiver-request', '{30,14,7,1}', 1, '{regulatory}', '{admin}'),
        ('procedure-response',  '{14,7,3,1}', 1, '{regulatory}', '{admin}');

      CREATE TABLE reminder_delivery (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deadline_type  text        NOT NULL,
        deadline_id    uuid        NOT NULL,
        product_id     uuid,
        due_date       date        NOT NULL,
        step           text        NOT NULL,
        channel        text        NOT NULL,
        recipient      text        NOT NULL,
        send_on        date        NOT NULL,
        late           boolean     NOT NULL,
        status         text        NOT NULL DEFAULT 'pending',
        attempts       integer     NOT NULL DEFAULT 0,
        last_error     text,
        created_at     timestamptz NOT NULL DEFAULT now(),
        delivered_at   timestamptz,
        CONSTRAINT ck_reminder_delivery_status CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        CONSTRAINT ck_reminder_delivery_channel CHECK (channel IN ('in-app', 'email', 'webhook')),
        CONSTRAINT ck_reminder_delivery_step CHECK (step ~ '^(before|overdue)-[0-9]+$')
      );
      CREATE UNIQUE INDEX ux_reminder_delivery_key ON reminder_delivery (deadline_type, deadline_id, due_date, step, channel, recipient);
      CREATE INDEX ix_reminder_delivery_pending ON reminder_delivery (created_at) WHERE status = 'pending';
      COMMENT ON TABLE reminder_delivery IS 'One row per reminder to one recipient on one channel; the unique key makes each reminder happen once';

      CREATE TABLE inbox_message (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id        uuid        NOT NULL REFERENCES app_user (id),
        delivery_id    uuid        NOT NULL UNIQUE REFERENCES reminder_delivery (id),
        subject        text        NOT NULL,
        body           text        NOT NULL,
        deadline_type  text        NOT NULL,
        deadline_id    uuid        NOT NULL,
        product_id     uuid,
        escalation     boolean     NOT NULL,
        late           boolean     NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        read_at        timestamptz
      );
      CREATE INDEX ix_inbox_message_user ON inbox_message (user_id, created_at DESC);
      CREATE INDEX ix_inbox_message_unread ON inbox_message (user_id) WHERE read_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE inbox_message;
      DROP TABLE reminder_delivery;
      DROP TABLE reminder_policy;
    `);
  }
}
