import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The life of a marketing authorisation after its grant (Reg (EC) No 726/2004 Art 14, 14-a): conversion of a
 * conditional authorisation into a standard one, the outcome of a five-year renewal (validity without limit, or
 * one additional five-year renewal on pharmacovigilance grounds, Art 14(3)), and the endings (not renewed,
 * withdrawn, lapsed). Each is an event kept for ever — the authorisation's type history — with the Commission
 * decision, its dates and the procedure; the authorisation row holds the current state.
 */
export class AuthorisationLifecycle1765400000002 implements MigrationInterface {
  name = 'AuthorisationLifecycle1765400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authorisation_event (
        id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        authorisation_id  uuid        NOT NULL REFERENCES marketing_authorisation (id),
        product_id        uuid        NOT NULL REFERENCES product (id),
        event             text        NOT NULL,
        from_type         text        NOT NULL,
        to_type           text        NOT NULL,
        decision_ref      text,
        decided_on        date        NOT NULL,
        notified_on       date,
        procedure_ref     text,
        renewal_cycle     integer,
        renewal_outcome   text,
        expiry            date,
        expiry_source     text,
        reason            text        NOT NULL,
        recorded_by       text        NOT NULL,
        recorded_at       timestamptz NOT NULL DEFAULT now(),
        recorded_on       date        NOT NULL,
        CONSTRAINT ck_authorisation_event_event CHECK (event IN ('conversion', 'renewal-decision', 'not-renewed', 'withdrawn', 'lapsed')),
        CONSTRAINT ck_authorisation_event_types CHECK (from_type IN ('conditional', 'standard', 'exceptional-circumstances') AND to_type IN ('conditional', 'standard', 'exceptional-circumstances')),
        CONSTRAINT ck_authorisation_event_conversion CHECK (event <> 'conversion' OR (from_type = 'conditional' AND to_type = 'standard' AND notified_on IS NOT NULL AND decision_ref IS NOT NULL)),
        CONSTRAINT ck_authorisation_event_renewal CHECK ((event = 'renewal-decision') = (renewal_cycle IS NOT NULL AND renewal_outcome IN ('unlimited', 'additional-five-year'))),
        CONSTRAINT ck_authorisation_event_expiry CHECK ((expiry IS NULL) = (expiry_source IS NULL))
      );
      CREATE INDEX ix_authorisation_event_authorisation ON authorisation_event (authorisation_id, decided_on, recorded_at);
      COMMENT ON TABLE authorisation_event IS 'What happened to a marketing authorisation after its grant: conversion into a standard authorisation, five-year renewal decisions, endings (not renewed, withdrawn, lapsed); never changed or deleted';
      CREATE TRIGGER tg_authorisation_event_append_only BEFORE UPDATE OR DELETE ON authorisation_event FOR EACH ROW EXECUTE FUNCTION refuse_change();

      ALTER TABLE marketing_authorisation
        ADD COLUMN converted_on date,
        ADD COLUMN ended_on date,
        ADD COLUMN ending text,
        ADD CONSTRAINT ck_marketing_authorisation_ending CHECK ((ended_on IS NULL) = (ending IS NULL) AND (ending IS NULL OR ending IN ('not-renewed', 'withdrawn', 'lapsed'))),
        ADD CONSTRAINT ck_marketing_authorisation_converted CHECK (converted_on IS NULL OR type = 'standard');
      COMMENT ON COLUMN marketing_authorisation.converted_on IS 'Notification of the Commission decision converting a conditional authorisation into a standard one (anchors the standard validity when no expiry is recorded)';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE marketing_authorisation DROP CONSTRAINT ck_marketing_authorisation_converted, DROP CONSTRAINT ck_marketing_authorisation_ending,
        DROP COLUMN ending, DROP COLUMN ended_on, DROP COLUMN converted_on;
      DROP TABLE authorisation_event;
    `);
  }
}
