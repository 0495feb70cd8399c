import { CopyTask, SUBJECTS } from '@btsx/contracts';
import { NatsServer, PostgresServer, startNats, startPostgres } from '@btsx/testing';
import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HealthCheckResult } from '@nestjs/terminus';
import { NestExpressApplication } from '@nestjs/platform-express';
import { BusModule } from '../bus/bus.module';
import { DatabaseModule } from '../database/database.module';
import { STRICT_TRANSPORT_SECURITY } from '../http/strict-transport-security';
import { runService } from '../service/run-service';

@Controller()
class ProbeHandlers {
  @EventPattern(SUBJECTS.copyTask)
  copy(@Payload() _task: CopyTask): void {}
}

/** A service on the bus with a schema of its own, as runService boots every BTSX service. */
function probeModule(natsUrl: string, databaseUrl: string) {
  @Module({
    imports: [
      BusModule.forRoot({ service: 'probe', settings: { NATS_URL: natsUrl } }),
      DatabaseModule.forRoot({ url: databaseUrl, schema: 'probe', entities: [], migrations: [] }),
    ],
    controllers: [ProbeHandlers],
  })
  class ProbeModule {}
  return { module: ProbeModule };
}

describe('health, readiness, metrics and HTTP headers of a service', () => {
  let nats: NatsServer;
  let postgres: PostgresServer;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    [nats, postgres] = await Promise.all([startNats(), startPostgres()]);
    app = await runService({
      name: 'probe',
      module: probeModule(nats.url, postgres.url),
      config: { PORT: 0, HOST: '127.0.0.1', LOG_JSON: false, LOG_LEVEL: 'error' },
      transport: {},
    });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await nats?.stop();
  });

  it('is live', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('does not name Express, and asks for HTTPS only of a request that came over HTTPS', async () => {
    const plain = await fetch(`${url}/health`);
    expect(plain.headers.get('x-powered-by')).toBeNull();
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const behindTls = await fetch(`${url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('strict-transport-security')).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it('is ready when NATS and Postgres answer', async () => {
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthCheckResult;
    expect(body.status).toBe('ok');
    expect(body.info).toEqual({ nats: { status: 'up' }, postgres: { status: 'up' } });
  });

  it('exposes process metrics and its consumer backlog to Prometheus', async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^process_resident_memory_bytes\{service="probe"\} \d+/m);
    expect(text).toMatch(
      /^btsx_consumer_pending_messages\{consumer="probe-copy-task",service="probe"\} 0$/m,
    );
    expect(text).toMatch(/^btsx_consumer_ack_pending_messages\{consumer="probe-copy-task"/m);
  });

  // The last test: it stops this suite's Postgres for good.
  it('is not ready, but still live, when Postgres is gone', async () => {
    await postgres.stop();
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as HealthCheckResult;
    expect(body.status).toBe('error');
    expect(body.error?.['postgres']?.status).toBe('down');
    expect(body.info).toEqual({ nats: { status: 'up' } });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
