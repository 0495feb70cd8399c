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
});
