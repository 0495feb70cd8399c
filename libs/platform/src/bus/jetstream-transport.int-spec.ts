import {
  CopyTask,
  CredentialResolveRequest,
  JobCancel,
  jobLogins,
  SUBJECTS,
} from '@btsx/contracts';
import { copyTaskFixture, startNats, NatsServer } from '@btsx/testing';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { BusClient } from './bus-client';
import { PermanentError, RemoteError } from './bus-errors';
import { JetStreamContext } from './jetstream-context';
import { JetStreamTransport } from './jetstream-transport';
import { ensureConsumer } from './jetstream-setup';

const seen: { worker: string; taskId: string; delivery: number }[] = [];
const failOnce = new Set<string>();

function task(taskId: string): CopyTask {
  return copyTaskFixture({ taskId });
}

function handlersFor(worker: string) {
  @Controller()
  class Handlers {
    @EventPattern(SUBJECTS.copyTask)
    async copy(@Payload() t: CopyTask, @Ctx() ctx: JetStreamContext): Promise<void> {
      seen.push({ worker, taskId: t.taskId, delivery: ctx.deliveryCount });
      if (failOnce.delete(t.taskId)) throw new Error('transient');
      if (t.taskId === 'poison') throw new PermanentError('bad task');
      await new Promise((r) => setTimeout(r, 20));
    }

    @EventPattern(SUBJECTS.jobCancel)
    cancel(@Payload() _event: JobCancel): void {
      seen.push({ worker, taskId: 'cancel', delivery: 0 });
    }

    @MessagePattern(SUBJECTS.credentialResolve)
    resolve(@Payload() request: CredentialResolveRequest) {
      if (request.side === 'destination') {
        throw Object.assign(new Error('Credential not found'), {
          kind: 'credential_not_found',
          permanent: true,
        });
      }
      return {
        host: 'mail.example.com',
        port: 993,
        security: 'tls',
        verifyCertificate: true,
        username: worker,
      };
    }
  }
  @Module({ controllers: [Handlers] })
  class WorkerModule {}
  return WorkerModule;
}

async function startWorker(
  url: string,
  worker: string,
): Promise<[INestApplication, NatsConnection]> {
  const nc = await connect({ servers: url });
  const moduleRef = await Test.createTestingModule({ imports: [handlersFor(worker)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.connectMicroservice(
    {
      strategy: new JetStreamTransport(nc, {
        service: 'copier',
        policies: { 'copy.task': { concurrency: 2 } },
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.init();
  return [app, nc];
}

async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('JetStreamTransport on a real NATS server', () => {
  let nats: NatsServer;
  let workers: [INestApplication, NatsConnection][];
  let client: NatsConnection;
  let bus: BusClient;

  beforeAll(async () => {
    nats = await startNats();
    workers = [await startWorker(nats.url, 'a'), await startWorker(nats.url, 'b')];
    client = await connect({ servers: nats.url });
    bus = new BusClient(client);
  });

  afterAll(async () => {
    for (const [app, nc] of workers) {
      await app.close();
      await nc.close();
    }
    await client.close();
    await nats.stop();
  });

  it('splits a work queue between two workers and delivers each task to one of them once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `split-${i}`);
    for (const id of ids) await bus.publish(SUBJECTS.copyTask, task(id), id);
    await waitFor(() => ids.every((id) => seen.some((s) => s.taskId === id)));
    const deliveries = seen.filter((s) => s.taskId.startsWith('split-'));
    expect(deliveries).toHaveLength(40);
    expect(new Set(deliveries.map((d) => d.worker))).toEqual(new Set(['a', 'b']));
  });

  it('drops a republished task with the same message id', async () => {
    await bus.publish(SUBJECTS.copyTask, task('dedup'), 'dedup');
    await bus.publish(SUBJECTS.copyTask, task('dedup'), 'dedup');
    await waitFor(() => seen.some((s) => s.taskId === 'dedup'));
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.filter((s) => s.taskId === 'dedup')).toHaveLength(1);
  });

  it('redelivers a task whose handler failed, and terminates a permanent failure', async () => {
    failOnce.add('retry');
    await bus.publish(SUBJECTS.copyTask, task('retry'), 'retry');
    await bus.publish(SUBJECTS.copyTask, task('poison'), 'poison');
    await waitFor(() => seen.filter((s) => s.taskId === 'retry').length === 2);
    expect(seen.filter((s) => s.taskId === 'retry').map((s) => s.delivery)).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(seen.filter((s) => s.taskId === 'poison')).toHaveLength(1);
  });

  it('hands a task with a time to its handler no earlier, on its second delivery', async () => {
    const published = Date.now();
    await bus.publish(SUBJECTS.copyTask, task('later'), 'later', new Date(published + 1_500));
    await waitFor(() => seen.some((s) => s.taskId === 'later'));
    const handled = seen.filter((s) => s.taskId === 'later');
    expect(Date.now() - published).toBeGreaterThanOrEqual(1_500);
    expect(handled.map((s) => s.delivery)).toEqual([2]);
  });

  it('refuses an invalid payload without calling the handler', async () => {
    const js = client.jetstream();
    await js.publish(SUBJECTS.copyTask, new TextEncoder().encode('{"taskId":"invalid"}'));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(seen.some((s) => s.taskId === 'invalid')).toBe(false);
  });

  it('creates consumers idempotently and applies a changed ack wait to an existing one', async () => {
    const jsm = await client.jetstreamManager();
    const spec = { durable: 'copier-copy-task', subject: 'copy.task' as const, maxDeliver: 20 };
    await ensureConsumer(jsm, { ...spec, ackWaitMs: 45_000 });
    await ensureConsumer(jsm, { ...spec, ackWaitMs: 45_000 });
    const info = await jsm.consumers.info('BTSX_TASKS', 'copier-copy-task');
    expect(info.config.ack_wait).toBe(45_000 * 1_000_000);
    expect(info.config.filter_subject).toBe('copy.task');
  });

  it('broadcasts to every worker', async () => {
    bus.broadcast(SUBJECTS.jobCancel, { jobId: randomUUID() });
    await waitFor(() => seen.filter((s) => s.taskId === 'cancel').length === 2);
  });

  it('answers a request once, and carries a responder error back as a RemoteError', async () => {
    const owner = jobLogins(randomUUID());
    const login = await bus.request(SUBJECTS.credentialResolve, { owner, side: 'source' });
    expect(login.host).toBe('mail.example.com');
    const missing = bus.request(SUBJECTS.credentialResolve, { owner, side: 'destination' });
    await expect(missing).rejects.toEqual(expect.any(RemoteError));
    await expect(missing).rejects.toMatchObject({ kind: 'credential_not_found', permanent: true });
    await expect(
      bus.request(SUBJECTS.credentialResolve, { owner: 'job:not-a-uuid', side: 'source' }),
    ).rejects.toMatchObject({
      permanent: true,
    });
  });
});
