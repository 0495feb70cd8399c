import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPostgresCluster } from './postgres-cluster';

/** The rows `sql` returns, on a connection of its own. */
async function rows(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client
    .query(sql)
    .then((result) => result.rows)
    .finally(() => client.end());
}

describe('startPostgresCluster', () => {
  it('keeps its data dir across stop and start, as npm start does', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'btsx-pg-keep-'));
    // As root the cluster runs as postgres, which must be able to reach the data dir.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    const logFile = join(dataDir, 'server.log');
    try {
      const first = await startPostgresCluster({ dataDir, logFile });
      await rows(first.url, 'create table kept (id int); insert into kept values (7)');
      await first.stop();

      const second = await startPostgresCluster({ dataDir, logFile });
      try {
        expect(await rows(second.url, 'select id from kept')).toEqual([{ id: 7 }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
