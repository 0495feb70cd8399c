import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPostgres } from './index';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  it('serves the btsx database and survives a restart', async () => {
    const server = await startPostgres();
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/btsx$/);
      expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await server.restart();
      expect(await query(server.url, 'select current_database() as db')).toEqual([{ db: 'btsx' }]);
    } finally {
      await server.stop();
    }
  });

  it('keeps a given data dir across stop and start', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'btsx-pg-keep-'));
    // As root the cluster runs as postgres, which must be able to reach the data dir.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    try {
      const first = await startPostgres({ dataDir });
      await query(first.url, 'create table kept (id int); insert into kept values (7)');
      await first.stop();

      const second = await startPostgres({ dataDir });
      try {
        expect(await query(second.url, 'select id from kept')).toEqual([{ id: 7 }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
