import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EBGM in disproportionality runs (pharmacovigilance §6): each pair's empirical Bayes geometric mean and its
 * 5% / 95% posterior quantiles, under the gamma-mixture prior fitted over every pair of the run (the fit is
 * kept in the run's totals). NULL when the run has no fitted prior.
 */
export class Ebgm1764892800000 implements MigrationInterface {
  name = 'Ebgm1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disproportionality_result ADD COLUMN ebgm double precision, ADD COLUMN eb05 double precision, ADD COLUMN eb95 double precision;
      COMMENT ON COLUMN disproportionality_result.ebgm IS 'Empirical Bayes geometric mean (DuMouchel gamma–Poisson shrinker), under the prior fitted for the run';
      COMMENT ON COLUMN disproportionality_result.eb05 IS '5% quantile of the posterior of the relative reporting ratio';
      COMMENT ON COLUMN disproportionality_result.eb95 IS '95% quantile of the posterior of the relative reporting ratio';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disproportionality_result DROP COLUMN eb95, DROP COLUMN eb05, DROP COLUMN ebgm`);
  }
}
