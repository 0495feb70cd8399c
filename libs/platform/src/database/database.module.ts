import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** The owning service's schema; no service reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/**
 * TypeORM's migrations table lives in the schema, so the schema must exist first. Under a
 * lock: two replicas booting together both ran CREATE SCHEMA IF NOT EXISTS, and PostgreSQL
 * failed one with a duplicate key (the check and the insert are not atomic).
 */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`btsx-schema:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock named after the
 * schema: replicas that boot together (a rollout, a scale-up) take turns, and the later ones
 * find nothing left to do. Without it two would run the same CREATE TABLE and one would fail
 * its boot. A data source that could not migrate is closed (the caller retries).
 */
export async function migrateUnderLock(dataSource: DataSource, schema: string) {
  const lockName = [`btsx-migrations:${schema}`];
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', lockName);
    await dataSource.runMigrations({ transaction: 'all' });
    // Unlocked by hand: the pooled connection outlives this and would keep the lock.
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', lockName);
    await lock.release();
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** Postgres through TypeORM with checked-in migrations run at boot; never `synchronize`. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureSchema(options.url, options.schema);
            return {
              type: 'postgres' as const,
              url: options.url,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              migrationsTableName: 'migrations',
              synchronize: false,
              retryAttempts: 30,
              retryDelay: 1000,
            };
          },
          dataSourceFactory: async (config) =>
            migrateUnderLock(await new DataSource(config!).initialize(), options.schema),
        }),
      ],
    };
  }
}
