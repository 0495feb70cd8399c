import type { BtsxSystem } from '@btsx/runner';
import { DovecotOptions, DovecotServer, DovecotUser, startDovecot } from '../dovecot-server';
import type { NatsServer } from '../nats-server';
import type { PostgresServer } from '../postgres-server';
import { startTestSystem, stopTestSystem, type TestSystemOptions } from './test-system';

export interface TestbedOptions extends TestSystemOptions {
  source: DovecotOptions;
  destination: DovecotOptions;
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
    const [source, destination, { postgres, nats, system }] = await Promise.all([
      startDovecot(options.source),
      startDovecot(options.destination),
      startTestSystem(options),
    ]);
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
    await stopTestSystem(this);
    await Promise.all([this.source.stop(), this.destination.stop()]);
  }
}
