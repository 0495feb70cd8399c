import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BtsxSystem, type SystemSettings } from '@btsx/runner';
import { DovecotOptions, DovecotServer, DovecotUser, startDovecot } from '../dovecot-server';
import { NatsServer, startNats } from '../nats-server';
import { PostgresServer, startPostgres } from '../postgres-server';

export interface TestbedOptions {
  /** Service logs (and whatever the test saves) go here. */
  outputDir: string;
  source: DovecotOptions;
  destination: DovecotOptions;
  copiers?: number;
  serviceEnv?: SystemSettings['serviceEnv'];
}

/**
 * What every end-to-end run needs: a throwaway Postgres and NATS, a source and a
 * destination Dovecot, and every BTSX service (built under dist/) as its own process.
 */
export class MigrationTestbed {
  private constructor(
    readonly postgres: PostgresServer,
    readonly nats: NatsServer,
    readonly source: DovecotServer,
    readonly destination: DovecotServer,
    readonly system: BtsxSystem,
  ) {}

  static async start(options: TestbedOptions): Promise<MigrationTestbed> {
    mkdirSync(options.outputDir, { recursive: true });
    const [postgres, nats, source, destination] = await Promise.all([
      startPostgres(),
      startNats(),
      startDovecot(options.source),
      startDovecot(options.destination),
    ]);
    const system = await BtsxSystem.start({
      natsUrl: nats.url,
      databaseUrl: postgres.url,
      encryptionKey: randomBytes(32).toString('base64'),
      webRoot: resolve('dist/apps/web/browser'),
      distRoot: resolve('dist'),
      logDir: options.outputDir,
      copiers: options.copiers,
      serviceEnv: options.serviceEnv,
      allowPrivateHosts: true,
    });
    return new MigrationTestbed(postgres, nats, source, destination, system);
  }

  get url(): string {
    return this.system.url;
  }

  /** The `imap+plain://` URL of an account, as the CLI takes it. */
  accountUrl(server: DovecotServer, user: DovecotUser): string {
    return `imap+plain://${encodeURIComponent(user.username)}@${server.host}:${server.port}`;
  }

  async stop(): Promise<void> {
    await this.system.stop();
    await Promise.all([
      this.source.stop(),
      this.destination.stop(),
      this.nats.stop(),
      this.postgres.stop(),
    ]);
  }
}
