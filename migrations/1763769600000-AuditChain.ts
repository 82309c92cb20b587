import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident audit trail: audit rows are stamped by the database (transaction id and start time) and every
 * committed transaction that wrote audit rows is sealed at commit into one link of a SHA-256 hash chain.
 *
 * Canonical forms (src/audit/audit-chain-format.ts computes the same in TypeScript; change both or neither):
 *   line(row)   = array_to_json(ARRAY[seq, tx_id, occurred_at as epoch microseconds, actor, entity_type, entity_id,
 *                 action, product_id, before::text, after::text, reason] as text[])::text   (compact JSON array)
 *   rows_digest = hex(sha256( hex(sha256(line_1)) '\n' hex(sha256(line_2)) … ))               rows in seq order
 *   hash        = hex(sha256( prev_hash '|' tx_id '|' tx_started_at epoch µs '|' entry_count '|' rows_digest ))
 * The genesis link has prev_hash = 64 zeros.
 *
 * Sealing holds a transaction-scoped advisory lock from the moment the transaction seals (at COMMIT) until its commit
 * is durable and visible, so links are appended one after the other; the work of the transactions themselves runs in
 * parallel. It needs READ COMMITTED: after waiting for the lock, the next statement must see the latest committed link.
 */
export class AuditChain1763769600000 implements MigrationInterface {
  name = 'AuditChain1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_entry ADD COLUMN product_id uuid;
      COMMENT ON COLUMN audit_entry.product_id IS 'The product the change belongs to, if any (no foreign key: the audit outlives every record)';
      CREATE INDEX ix_audit_entry_product ON audit_entry (product_id, seq);
      CREATE INDEX ix_audit_entry_tx ON audit_entry (tx_id, occurred_at, seq);

      CREATE TABLE audit_chain (
        seq              bigserial   PRIMARY KEY,
        tx_id            bigint      NOT NULL,
        tx_started_at    timestamptz NOT NULL,
        entry_count      integer     NOT NULL CHECK (entry_count > 0),
        first_entry_seq  bigint      NOT NULL,
        last_entry_seq   bigint      NOT NULL,
        rows_digest      text        NOT NULL CHECK (rows_digest ~ '^[0-9a-f]{64}$'),
        prev_hash        text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash             text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        sealed_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT uq_audit_chain_tx UNIQUE (tx_id, tx_started_at),
        CONSTRAINT uq_audit_chain_prev_hash UNIQUE (prev_hash),
        CONSTRAINT uq_audit_chain_hash UNIQUE (hash),
        CONSTRAINT ck_audit_chain_entry_seqs CHECK (first_entry_seq <= last_entry_seq)
      );
      COMMENT ON TABLE audit_chain IS 'Append-only SHA-256 hash chain: one link per committed transaction that wrote audit rows, sealed at commit';

      -- One message for both append-only tables (the text for audit_entry is unchanged).
      CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
      CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

      CREATE FUNCTION audit_epoch_micros(ts timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT (extract(epoch FROM ts) * 1000000)::bigint $$;

      CREATE FUNCTION audit_entry_line(e audit_entry) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT array_to_json(ARRAY[
          e.seq::text, e.tx_id::text, audit_epoch_micros(e.occurred_at)::text, e.actor, e.entity_type, e.entity_id,
          e.action, e.product_id::text, e.before::text, e.after::text, e.reason
        ])::text
      $$;

      CREATE FUNCTION audit_rows_digest(p_tx bigint, p_started timestamptz,
          OUT entry_count integer, OUT first_entry_seq bigint, OUT last_entry_seq bigint, OUT rows_digest text)
        LANGUAGE sql STABLE AS $$
        SELECT count(*)::integer, min(e.seq), max(e.seq),
               encode(sha256(convert_to(coalesce(
                 string_agg(encode(sha256(convert_to(audit_entry_line(e), 'UTF8')), 'hex'), E'\\n' ORDER BY e.seq), ''), 'UTF8')), 'hex')
          FROM audit_entry e
         WHERE e.tx_id = p_tx AND e.occurred_at = p_started
      $$;

      CREATE FUNCTION audit_link_hash(p_prev text, p_tx bigint, p_started timestamptz, p_count integer, p_digest text)
        RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(
          p_prev || '|' || p_tx::text || '|' || audit_epoch_micros(p_started)::text || '|' || p_count::text || '|' || p_digest,
          'UTF8')), 'hex')
      $$;

      -- Appends the link of the transaction (p_tx, p_started). The digest is computed before the lock (it only reads
      -- that transaction's rows); the head is read by a later statement, i.e. with a snapshot taken after the lock.
      CREATE FUNCTION audit_chain_append(p_tx bigint, p_started timestamptz) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        d record;
        v_prev text;
      BEGIN
        SELECT * INTO d FROM audit_rows_digest(p_tx, p_started);
        PERFORM pg_advisory_xact_lock(7411052024);
        SELECT c.hash INTO v_prev FROM audit_chain c ORDER BY c.seq DESC LIMIT 1;
        v_prev := coalesce(v_prev, repeat('0', 64));
        INSERT INTO audit_chain (tx_id, tx_started_at, entry_count, first_entry_seq, last_entry_seq, rows_digest, prev_hash, hash)
        VALUES (p_tx, p_started, d.entry_count, d.first_entry_seq, d.last_entry_seq, d.rows_digest, v_prev,
                audit_link_hash(v_prev, p_tx, p_started, d.entry_count, d.rows_digest));
      END $$;

      CREATE FUNCTION audit_require_read_committed() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- PostgreSQL runs READ UNCOMMITTED as READ COMMITTED.
        IF current_setting('transaction_isolation') NOT IN ('read committed', 'read uncommitted') THEN
          RAISE EXCEPTION 'audit rows can only be written in a READ COMMITTED transaction (this one is %)', upper(current_setting('transaction_isolation'))
            USING ERRCODE = 'invalid_transaction_state',
                  HINT = 'The audit chain is sealed at commit and must see the latest committed link; run this change in READ COMMITTED.';
        END IF;
      END $$;

      -- Clients cannot choose the time or the transaction of an audit row.
      CREATE FUNCTION audit_entry_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM audit_require_read_committed();
        NEW.occurred_at := now();
        NEW.tx_id := txid_current();
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_entry_stamp BEFORE INSERT ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_stamp();

      -- Fires at COMMIT for every audit row: the first firing of a transaction seals it, the others find its link.
      CREATE FUNCTION audit_entry_seal() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_first bigint;
        v_last bigint;
      BEGIN
        IF NEW.tx_id <> txid_current() OR NEW.occurred_at <> now() THEN
          RAISE EXCEPTION 'audit row % does not carry the id and start time of the transaction that wrote it', NEW.seq
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        SELECT c.first_entry_seq, c.last_entry_seq INTO v_first, v_last
          FROM audit_chain c WHERE c.tx_id = NEW.tx_id AND c.tx_started_at = NEW.occurred_at;
        IF FOUND THEN
          IF NEW.seq < v_first OR NEW.seq > v_last THEN
            RAISE EXCEPTION 'audit row % was written after this transaction''s audit link was sealed', NEW.seq
              USING ERRCODE = 'integrity_constraint_violation',
                    HINT = 'Do not SET CONSTRAINTS audit_entry_seal IMMEDIATE in a transaction that writes audit rows afterwards.';
          END IF;
          RETURN NULL;
        END IF;
        PERFORM audit_require_read_committed();
        PERFORM audit_chain_append(NEW.tx_id, NEW.occurred_at);
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER audit_entry_seal AFTER INSERT ON audit_entry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_entry_seal();
    `);
    // Rows written before this migration: one link per (transaction, start time), in the order of their first row.
    await q.query(`
      DO $$
      DECLARE
        g record;
      BEGIN
        FOR g IN SELECT tx_id, occurred_at FROM audit_entry GROUP BY tx_id, occurred_at ORDER BY min(seq) LOOP
          PERFORM audit_chain_append(g.tx_id, g.occurred_at);
        END LOOP;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_entry_seal ON audit_entry;
      DROP TRIGGER audit_entry_stamp ON audit_entry;
      DROP FUNCTION audit_entry_seal();
      DROP FUNCTION audit_entry_stamp();
      DROP FUNCTION audit_require_read_committed();
      DROP FUNCTION audit_chain_append(bigint, timestamptz);
      DROP FUNCTION audit_link_hash(text, bigint, timestamptz, integer, text);
      DROP FUNCTION audit_rows_digest(bigint, timestamptz);
      DROP FUNCTION audit_entry_line(audit_entry);
      DROP FUNCTION audit_epoch_micros(timestamptz);
      DROP TABLE audit_chain;
      CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      DROP INDEX ix_audit_entry_tx;
      ALTER TABLE audit_entry DROP COLUMN product_id;
    `);
  }
}
