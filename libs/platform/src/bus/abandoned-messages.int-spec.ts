import { CopyTask, SUBJECTS, streamOf } from '@btsx/contracts';
import { copyTaskFixture, NatsServer, pollUntil, startNats } from '@btsx/testing';
import { connect, Consumer, NatsConnection } from 'nats';
import { watchAbandoned } from './abandoned-messages';
import { BusClient } from './bus-client';
import { ensureConsumer, ensureStreams } from './jetstream-setup';
import { durableName } from './jetstream-transport';

const WORKER = 'dying-worker';
const ACK_WAIT_MS = 300;
const MAX_DELIVER = 2;

describe('watchAbandoned', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  let consumer: Consumer;
  const abandoned: { taskId: string; deliveries: number }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    const jsm = await nc.jetstreamManager();
    await ensureStreams(jsm);
    const durable = durableName(WORKER, SUBJECTS.copyTask);
    const stream = await ensureConsumer(jsm, {
      durable,
      subject: SUBJECTS.copyTask,
      ackWaitMs: ACK_WAIT_MS,
      maxDeliver: MAX_DELIVER,
    });
    consumer = await nc.jetstream().consumers.get(stream, durable);
    // Two watching replicas: each advisory must reach only one of them.
    for (let replica = 0; replica < 2; replica++) {
      watchAbandoned(
        nc,
        { service: 'watcher', worker: WORKER, subject: SUBJECTS.copyTask },
        async (payload, deliveries) => {
          abandoned.push({ taskId: payload.taskId, deliveries });
        },
      );
    }
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('hands over a message its worker took max_deliver times without an ack, once, and removes it', async () => {
    const bus = new BusClient(nc);
    await bus.publish(SUBJECTS.copyTask, copyTaskFixture({ taskId: 'acked' }));
    await bus.publish(SUBJECTS.copyTask, copyTaskFixture({ taskId: 'dies-every-time' }));

    const first = await consumer.next({ expires: 5_000 });
    expect(first?.json<CopyTask>().taskId).toBe('acked');
    first?.ack();
    // The worker dies with the second message in hand, twice: no ack, no nak.
    for (let delivery = 1; delivery <= MAX_DELIVER; delivery++) {
      const msg = await consumer.next({ expires: 5_000 });
      expect(msg?.json<CopyTask>().taskId).toBe('dies-every-time');
      expect(msg?.info.deliveryCount).toBe(delivery);
    }

    // JetStream notices the exhausted message when it would deliver it again.
    const afterLast = consumer.next({ expires: 3_000 });
    const handed = await pollUntil(
      'the abandoned task to be handed over',
      async () => (abandoned.length > 0 ? abandoned : undefined),
      10_000,
    );
    const stream = streamOf(SUBJECTS.copyTask).name;
    const jsm = await nc.jetstreamManager();
    await pollUntil(
      'the abandoned task to leave its stream',
      async () => ((await jsm.streams.info(stream)).state.messages === 0 ? true : undefined),
      10_000,
    );
    await new Promise((r) => setTimeout(r, 3 * ACK_WAIT_MS));
    expect(handed).toEqual([{ taskId: 'dies-every-time', deliveries: MAX_DELIVER }]);
    expect(await afterLast).toBeNull();
  });
});
