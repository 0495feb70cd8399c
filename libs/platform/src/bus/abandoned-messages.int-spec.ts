import { CopyTask, SUBJECTS, streamOf } from '@btsx/contracts';
import { copyTaskFixture, NatsServer, pollUntil, startNats } from '@btsx/testing';
import { connect, Consumer, NatsConnection } from 'nats';
import { AbandonedMessages, abandonedWatch } from './abandoned-messages';
import { BusClient } from './bus-client';
import { ensureConsumer, ensureStreams } from './jetstream-setup';
import { durableName } from './jetstream-transport';

const WORKER = 'dying-worker';
const MAX_DELIVER = 2;

describe('AbandonedMessages', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  let bus: BusClient;
  let worker: Consumer;
  const handed: { taskId: string; deliveries: number }[] = [];

  /** A replica of the watching service. */
  async function startWatcher(): Promise<AbandonedMessages> {
    const watcher = new AbandonedMessages(nc, 'watcher', [
      abandonedWatch(WORKER, SUBJECTS.copyTask, async ({ taskId }, deliveries) => {
        handed.push({ taskId, deliveries });
      }),
    ]);
    await watcher.start();
    return watcher;
  }

  /** The worker takes the task MAX_DELIVER times and dies with it each time: no ack, no nak. */
  async function abandon(taskId: string): Promise<void> {
    await bus.publish(SUBJECTS.copyTask, copyTaskFixture({ taskId }));
    for (let delivery = 1; delivery <= MAX_DELIVER; delivery++) {
      const msg = await worker.next({ expires: 5_000 });
      expect(msg?.json<CopyTask>().taskId).toBe(taskId);
      expect(msg?.info.deliveryCount).toBe(delivery);
    }
    // JetStream notices the exhausted message when it would deliver it again.
    expect(await worker.next({ expires: 1_500 })).toBeNull();
  }

  function storedTasks(): Promise<number> {
    return nc
      .jetstreamManager()
      .then((jsm) => jsm.streams.info(streamOf(SUBJECTS.copyTask).name))
      .then((info) => info.state.messages);
  }

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    bus = new BusClient(nc);
    const jsm = await nc.jetstreamManager();
    await ensureStreams(nc);
    const durable = durableName(WORKER, SUBJECTS.copyTask);
    const stream = await ensureConsumer(jsm, {
      durable,
      subject: SUBJECTS.copyTask,
      ackWaitMs: 300,
      maxDeliver: MAX_DELIVER,
    });
    worker = await nc.jetstream().consumers.get(stream, durable);
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('hands over a message its worker never acknowledged, once across replicas, and removes it', async () => {
    const replicas = [await startWatcher(), await startWatcher()];
    await bus.publish(SUBJECTS.copyTask, copyTaskFixture({ taskId: 'acked' }));
    (await worker.next({ expires: 5_000 }))?.ack();
    await abandon('dies-every-time');

    await pollUntil('the task to be handed over', async () => handed[0], 10_000);
    await pollUntil(
      'the task to leave its stream',
      async () => (await storedTasks()) === 0 || undefined,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(handed).toEqual([{ taskId: 'dies-every-time', deliveries: MAX_DELIVER }]);
    for (const replica of replicas) await replica.stop();
  });

  it('hands over what was abandoned while no replica of the watching service ran', async () => {
    handed.length = 0;
    await abandon('abandoned-meanwhile');
    const replica = await startWatcher();
    await pollUntil('the task to be handed over', async () => handed[0], 10_000);
    await pollUntil(
      'the task to leave its stream',
      async () => (await storedTasks()) === 0 || undefined,
      10_000,
    );
    expect(handed).toEqual([{ taskId: 'abandoned-meanwhile', deliveries: MAX_DELIVER }]);
    await replica.stop();
  });
});
