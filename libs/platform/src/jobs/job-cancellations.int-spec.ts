import { NatsReplicas, startNatsReplicas } from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { NatsConnection } from 'nats';
import { JobCancellations } from './job-cancellations';

describe('JobCancellations on a real NATS server', () => {
  let replicas: NatsReplicas;
  let connections: NatsConnection[];

  beforeAll(async () => {
    replicas = await startNatsReplicas(2);
    connections = replicas.connections;
  });

  afterAll(() => replicas?.stop());

  it('tells a worker that missed the broadcast that the job was cancelled', async () => {
    const [orchestrator, lateWorker] = connections.map((nc) => new JobCancellations(nc));
    const jobId = randomUUID();
    expect(await lateWorker.isCancelled(jobId)).toBe(false);
    await orchestrator.markCancelled(jobId);
    expect(await lateWorker.isCancelled(jobId)).toBe(true);
    expect(await lateWorker.isCancelled(randomUUID())).toBe(false);
  });

  it('aborts the work in progress of a cancelled job, and only that job', async () => {
    const worker = new JobCancellations(connections[1]);
    const [cancelled, other] = [randomUUID(), randomUUID()];
    const running = worker.begin(cancelled);
    const untouched = worker.begin(other);
    worker.cancel(cancelled);
    expect(running.signal.aborted).toBe(true);
    expect(untouched.signal.aborted).toBe(false);
    expect(worker.begin(cancelled).signal.aborted).toBe(true);
    running.end();
    untouched.end();
  });
});
