import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AfterCommitSubscriber } from './after-commit';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

const PG_DATE_OID = 1082;
// A PostgreSQL `date` stays the 'YYYY-MM-DD' text it is: never a JavaScript Date at some zone's midnight.
types.setTypeParser(PG_DATE_OID, (value: string) => value);

/** Connection options for the application, the worker, the CLI and the tests: schema only by migrations. */
export function dataSourceOptions(url: string, applicationName = 'cma-tracker'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [AfterCommitSubscriber],
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    applicationName,
    extra: { max: 10 },
  };
}

export function createDataSource(url: string, applicationName?: string): DataSource {
  return new DataSource(dataSourceOptions(url, applicationName));
}
