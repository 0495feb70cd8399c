import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownForPostgres, startPostgresCluster, type PostgresCluster } from '@btsx/runner';

export type PostgresServer = PostgresCluster;

/**
 * Starts a throwaway PostgreSQL cluster in a temp dir, without fsync (nobody keeps its data),
 * and removes it on stop().
 */
export async function startPostgres(): Promise<PostgresServer> {
  const parent = await mkdtemp(join(tmpdir(), 'btsx-postgres-'));
  try {
    await ownForPostgres(parent);
    const cluster = await startPostgresCluster({
      dataDir: join(parent, 'data'),
      logFile: join(parent, 'server.log'),
      unsafeFast: true,
    });
    return {
      ...cluster,
      async stop() {
        await cluster.stop();
        await rm(parent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
}
