import { PostgresServer, startPostgres } from '@btsx/testing';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { ensureSchema, migrateUnderLock } from './database.module';

const SCHEMA = 'rollout';

/** A migration slow enough that replicas booting together overlap in it. */
class CreateThings1700000000000 implements MigrationInterface {
  name = 'CreateThings1700000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "${SCHEMA}"."things" (id int PRIMARY KEY)`);
    await runner.query('SELECT pg_sleep(0.5)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${SCHEMA}"."things"`);
  }
}

describe('migrateUnderLock', () => {
  let postgres: PostgresServer;

  beforeAll(async () => {
    postgres = await startPostgres();
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    await db.query(`CREATE SCHEMA "${SCHEMA}"`);
    await db.end();
  });

  afterAll(async () => {
    await postgres?.stop();
  });

  it('lets replicas booting together make the same schema at once', async () => {
    const boots = Array.from({ length: 6 }, () => ensureSchema(postgres.url, 'together'));
    await expect(Promise.all(boots)).resolves.toBeDefined();
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'together'",
    );
    await db.end();
    expect(rows[0].n).toBe(1);
  });

  function replica(): DataSource {
    return new DataSource({
      type: 'postgres',
      url: postgres.url,
      schema: SCHEMA,
      migrations: [CreateThings1700000000000],
      migrationsTableName: 'migrations',
    });
  }

  it('lets three replicas booting at once migrate in turn: each boots, the migration runs once', async () => {
    const replicas = await Promise.all(
      [replica(), replica(), replica()].map((r) => r.initialize()),
    );
    try {
      await Promise.all(replicas.map((r) => migrateUnderLock(r, SCHEMA)));
      const [ran] = await replicas[0].query(
        `SELECT count(*)::int AS n FROM "${SCHEMA}".migrations`,
      );
      expect(ran.n).toBe(1);
      // Each released the lock: a fourth replica boots at once.
      const late = await replica().initialize();
      await migrateUnderLock(late, SCHEMA);
      replicas.push(late);
    } finally {
      await Promise.all(replicas.map((r) => r.destroy()));
    }
  });
});
