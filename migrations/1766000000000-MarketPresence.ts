import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sunset clause (Reg (EC) No 726/2004 Art 14(4)–(6)) and the notice of a cessation of marketing (Art 13(4)):
 * what is recorded of the product's presence on the market of each member state, and the Art 14(6) exemptions,
 * kept for ever with who recorded them. Two milestone kinds of their own, reminded by default policies: the last
 * day to place (or return) the product on the market, and each cessation's notice to the Agency.
 */
export class MarketPresence1766000000000 implements MigrationInterface {
  name = 'MarketPresence1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE market_presence_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product(id),
        kind text NOT NULL CHECK (kind IN ('placed', 'ceased', 'exemption')),
        member_state text CHECK (member_state ~ '^[A-Z]{2}$'),
        on_date date NOT NULL,
        until_date date,
        decision_ref text,
        notice_milestone_id uuid REFERENCES milestone(id),
        reason text NOT NULL,
        recorded_by text NOT NULL,
        recorded_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_market_presence_member_state CHECK ((kind = 'exemption') = (member_state IS NULL)),
        CONSTRAINT ck_market_presence_exemption CHECK (kind = 'exemption' OR until_date IS NULL),
        CONSTRAINT ck_market_presence_until CHECK (until_date IS NULL OR until_date >= on_date)
      );
      CREATE INDEX ix_market_presence_product ON market_presence_event (product_id, on_date);
      COMMENT ON TABLE market_presence_event IS 'Placing on / cessation from the market of a member state, and Art 14(6) sunset-clause exemptions (Reg 726/2004 Art 13(4), 14(4)-(6))';
      ALTER TABLE milestone DROP CONSTRAINT milestone_kind_check;
      ALTER TABLE milestone ADD CONSTRAINT milestone_kind_check
        CHECK (kind IN ('obligation', 'cma-renewal', 'standard-renewal', 'annual-reassessment', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response', 'sunset', 'cessation-notice'));
      INSERT INTO reminder_policy (deadline_kind, offsets_days, escalation_every_days, notify_roles, escalation_roles) VALUES
        ('sunset', '{365,180,90,30,14}', 7, '{regulatory}', '{admin}'),
        ('cessation-notice', '{30,14,7,1}', 1, '{regulatory}', '{admin}');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM reminder_policy WHERE deadline_kind IN ('sunset', 'cessation-notice') AND product_id IS NULL AND obligation_id IS NULL;
      ALTER TABLE milestone DROP CONSTRAINT milestone_kind_check;
      ALTER TABLE milestone ADD CONSTRAINT milestone_kind_check
        CHECK (kind IN ('obligation', 'cma-renewal', 'standard-renewal', 'annual-reassessment', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response'));
      DROP TABLE market_presence_event;
    `);
  }
}
