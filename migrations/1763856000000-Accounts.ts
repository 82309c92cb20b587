import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, roles, product scope, sessions and tokens, signing keys and electronic signatures. */
export class Accounts1763856000000 implements MigrationInterface {
  name = 'Accounts1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username              text        NOT NULL,
        display_name          text        NOT NULL,
        role                  text        NOT NULL,
        password_hash         text        NOT NULL,
        must_change_password  boolean     NOT NULL DEFAULT true,
        all_products          boolean     NOT NULL DEFAULT true,
        failed_logins         integer     NOT NULL DEFAULT 0,
        locked_until          timestamptz,
        disabled_at           timestamptz,
        password_changed_at   timestamptz NOT NULL,
        created_at            timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        CONSTRAINT ck_app_user_username CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,62}$'),
        CONSTRAINT ck_app_user_role CHECK (role IN ('admin', 'regulatory', 'safety', 'qppv', 'viewer')),
        CONSTRAINT ck_app_user_failed_logins CHECK (failed_logins >= 0)
      );
      CREATE UNIQUE INDEX ux_app_user_username ON app_user (username);
      COMMENT ON TABLE app_user IS 'Local accounts; never deleted (disabled_at), so the audit trail keeps its meaning';

      CREATE TABLE user_product (
        user_id     uuid NOT NULL REFERENCES app_user (id),
        product_id  uuid NOT NULL REFERENCES product (id),
        PRIMARY KEY (user_id, product_id)
      );
      COMMENT ON TABLE user_product IS 'The products an account with all_products = false may see and change';

      CREATE TABLE auth_token (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id       uuid        NOT NULL REFERENCES app_user (id),
        kind          text        NOT NULL,
        name          text,
        role          text,
        token_hash    text        NOT NULL,
        created_at    timestamptz NOT NULL,
        expires_at    timestamptz,
        last_used_at  timestamptz,
        revoked_at    timestamptz,
        revoked_by    text,
        CONSTRAINT ck_auth_token_kind CHECK (kind IN ('session', 'api', 'calendar')),
        CONSTRAINT ck_auth_token_api CHECK ((kind = 'api') = (name IS NOT NULL AND role IS NOT NULL)),
        CONSTRAINT ck_auth_token_role CHECK (role IS NULL OR role IN ('admin', 'regulatory', 'safety', 'qppv', 'viewer')),
        CONSTRAINT ck_auth_token_revoked CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE UNIQUE INDEX ux_auth_token_hash ON auth_token (token_hash);
      CREATE INDEX ix_auth_token_user ON auth_token (user_id, kind) WHERE revoked_at IS NULL;
      CREATE UNIQUE INDEX ux_auth_token_calendar ON auth_token (user_id) WHERE kind = 'calendar' AND revoked_at IS NULL;
      COMMENT ON TABLE auth_token IS 'Sessions, API tokens and calendar-feed tokens; only a SHA-256 of each secret is stored';

      CREATE TABLE signing_key (
        id          serial PRIMARY KEY,
        secret      text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        retired_at  timestamptz
      );
      CREATE UNIQUE INDEX ux_signing_key_active ON signing_key ((true)) WHERE retired_at IS NULL;
      COMMENT ON TABLE signing_key IS 'HMAC keys sealing electronic signatures; one active, retired ones kept to verify old seals';

      CREATE TABLE electronic_signature (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type     text        NOT NULL,
        entity_id       text        NOT NULL,
        product_id      uuid,
        meaning         text        NOT NULL,
        signer_user_id  uuid        NOT NULL REFERENCES app_user (id),
        signer_username text        NOT NULL,
        signer_name     text        NOT NULL,
        signer_role     text        NOT NULL,
        signed_at       timestamptz NOT NULL,
        comment         text,
        content         jsonb       NOT NULL,
        content_hash    text        NOT NULL,
        key_id          integer     NOT NULL REFERENCES signing_key (id),
        seal            text        NOT NULL,
        CONSTRAINT ck_electronic_signature_meaning CHECK (meaning IN ('reviewed', 'approved'))
      );
      CREATE INDEX ix_electronic_signature_entity ON electronic_signature (entity_type, entity_id, signed_at);
      COMMENT ON TABLE electronic_signature IS 'Electronic signatures (21 CFR 11.50/11.70): signer, time and meaning bound to the exact content signed';

      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % refused: these rows are kept for the record', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER electronic_signature_append_only BEFORE UPDATE OR DELETE ON electronic_signature
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER electronic_signature_no_truncate BEFORE TRUNCATE ON electronic_signature
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      -- Regulated records and accounts are never hard-deleted (retention; the audit trail must keep its meaning).
      CREATE TRIGGER app_user_no_delete BEFORE DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER product_no_delete BEFORE DELETE ON product FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER marketing_authorisation_no_delete BEFORE DELETE ON marketing_authorisation FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER obligation_no_delete BEFORE DELETE ON obligation FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER milestone_no_delete BEFORE DELETE ON milestone FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER due_date_change_no_delete BEFORE DELETE ON due_date_change FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER procedure_no_delete BEFORE DELETE ON procedure FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER procedure_no_delete ON procedure;
      DROP TRIGGER due_date_change_no_delete ON due_date_change;
      DROP TRIGGER milestone_no_delete ON milestone;
      DROP TRIGGER obligation_no_delete ON obligation;
      DROP TRIGGER marketing_authorisation_no_delete ON marketing_authorisation;
      DROP TRIGGER product_no_delete ON product;
      DROP TABLE electronic_signature;
      DROP TABLE signing_key;
      DROP TABLE auth_token;
      DROP TABLE user_product;
      DROP TABLE app_user;
      DROP FUNCTION refuse_change();
    `);
  }
}
