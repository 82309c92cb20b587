import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disproportionality (pharmacovigilance §6): runs over one database at a time — the holder's own cases or the
 * FAERS background data, never pooled — with their parameters and a row per product–event pair.
 * FAERS drugs and reactions get the product and event they are counted as, as small integers from two
 * dictionaries the importer extends (active ingredient else verbatim name, upper case; PT, lower case);
 * event totals of the FAERS data are kept for one-product runs and refreshed after a load.
 */
export class Disproportionality1764633600000 implements MigrationInterface {
  name = 'Disproportionality1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Products and events as small integers: counting hashes (report, id) pairs, not strings.
      CREATE TABLE faers_product (
        id    integer PRIMARY KEY,
        name  text    NOT NULL,
        CONSTRAINT ux_faers_product_name UNIQUE (name)
      );
      CREATE TABLE faers_event (
        id    integer PRIMARY KEY,
        name  text    NOT NULL,
        CONSTRAINT ux_faers_event_name UNIQUE (name)
      );
      COMMENT ON TABLE faers_product IS 'What FAERS drugs are counted as: the active ingredient, else the verbatim name, trimmed, upper case';
      COMMENT ON TABLE faers_event IS 'FAERS reactions as counted: the PT name, trimmed, lower case';
      ALTER TABLE faers_drug ADD COLUMN product_id integer;
      ALTER TABLE faers_reaction ADD COLUMN event_id integer;
      INSERT INTO faers_product (id, name)
        SELECT row_number() OVER (ORDER BY name), name FROM (SELECT DISTINCT upper(btrim(COALESCE(NULLIF(btrim(prod_ai), ''), drugname))) AS name FROM faers_drug) p WHERE name <> '';
      INSERT INTO faers_event (id, name)
        SELECT row_number() OVER (ORDER BY name), name FROM (SELECT DISTINCT lower(btrim(pt)) AS name FROM faers_reaction) e WHERE name <> '';
      UPDATE faers_drug d SET product_id = p.id FROM faers_product p WHERE p.name = upper(btrim(COALESCE(NULLIF(btrim(d.prod_ai), ''), d.drugname)));
      UPDATE faers_reaction r SET event_id = e.id FROM faers_event e WHERE e.name = lower(btrim(r.pt));
      CREATE INDEX ix_faers_drug_product ON faers_drug (product_id);
      COMMENT ON COLUMN faers_drug.product_id IS 'faers_product: what the drug is counted as';
      COMMENT ON COLUMN faers_reaction.event_id IS 'faers_event: the reaction as counted';

      CREATE TABLE faers_event_total (
        event_id  integer PRIMARY KEY,
        reports   integer NOT NULL
      );
      CREATE TABLE faers_background (
        id           integer     PRIMARY KEY DEFAULT 1,
        reports      integer     NOT NULL,
        loaded_at    timestamptz,
        computed_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_faers_background_one CHECK (id = 1)
      );
      COMMENT ON TABLE faers_event_total IS 'Reports per event over all FAERS reports, for one-product runs; see faers_background';
      COMMENT ON TABLE faers_background IS 'When faers_event_total was computed, for which load (the newest faers_quarter.loaded_at)';

      CREATE TABLE disproportionality_run (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        database      text        NOT NULL,
        product       text,
        parameters    jsonb       NOT NULL,
        totals        jsonb,
        status        text        NOT NULL DEFAULT 'running',
        error         text,
        trigger       text        NOT NULL,
        requested_by  text        NOT NULL,
        started_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        CONSTRAINT ck_disproportionality_run_database CHECK (database IN ('own', 'faers')),
        CONSTRAINT ck_disproportionality_run_status CHECK (status IN ('running', 'done', 'failed')),
        CONSTRAINT ck_disproportionality_run_trigger CHECK (trigger IN ('request', 'job'))
      );
      CREATE INDEX ix_disproportionality_run_started ON disproportionality_run (started_at DESC);
      COMMENT ON TABLE disproportionality_run IS 'One disproportionality run over one database (own cases or FAERS, never pooled): parameters (roles, minimum count, product), totals, status';

      CREATE TABLE disproportionality_result (
        run_id      uuid             NOT NULL REFERENCES disproportionality_run (id),
        product     text             NOT NULL,
        event       text             NOT NULL,
        a           integer          NOT NULL,
        b           integer          NOT NULL,
        c           integer          NOT NULL,
        d           bigint           NOT NULL,
        expected    double precision NOT NULL,
        prr         double precision,
        prr_lower   double precision,
        prr_upper   double precision,
        ror         double precision,
        ror_lower   double precision,
        ror_upper   double precision,
        chi2        double precision,
        chi2_yates  double precision,
        ic          double precision NOT NULL,
        ic025       double precision NOT NULL,
        ic975       double precision NOT NULL,
        hits        text[]           NOT NULL DEFAULT '{}',
        CONSTRAINT pk_disproportionality_result PRIMARY KEY (run_id, product, event)
      );
      COMMENT ON TABLE disproportionality_result IS 'A product–event pair of a run: its 2×2 table, PRR, ROR, χ², IC and the screening presets it hits';

      CREATE TRIGGER tg_disproportionality_result_append_only BEFORE UPDATE OR DELETE ON disproportionality_result FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE disproportionality_result, disproportionality_run, faers_background, faers_event_total;
      DROP INDEX ix_faers_drug_product;
      ALTER TABLE faers_drug DROP COLUMN product_id;
      ALTER TABLE faers_reaction DROP COLUMN event_id;
      DROP TABLE faers_event, faers_product;
    `);
  }
}
