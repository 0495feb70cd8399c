import { DeliveryPolicy } from '@btsx/contracts';
import { JsMsg, NatsConnection } from 'nats';
import { PermanentError } from '../bus/bus-errors';
import { JetStreamContext } from '../bus/jetstream-context';
import { JobCancellations } from './job-cancellations';
import { JobWork, JobWorkRunner } from './job-work-runner';

const POLICY: DeliveryPolicy = {
  maxDeliveries: 10,
  ackWaitMs: 4_000,
  concurrency: 1,
  attempts: 3,
  patientAttempts: 6,
};

/** No job is cancelled in the bucket; cancel() stands for the broadcast. */
function cancellations(): JobCancellations {
  const kv = { get: () => Promise.resolve(null), status: () => Promise.resolve({ replicas: 1 }) };
  const nc = {
    jetstream: () => ({ views: { kv: () => Promise.resolve(kv) } }),
    // One NATS server: its streams report no cluster, so no leader is waited for.
    jetstreamManager: () => Promise.resolve({ streams: { info: () => Promise.resolve({}) } }),
  };
  return new JobCancellations(nc as unknown as NatsConnection);
}

function delivery(deliveryCount: number, shutdown = new AbortController().signal) {
  const msg = { info: { deliveryCount }, working: jest.fn() };
  return { msg, ctx: new JetStreamContext(msg as unknown as JsMsg, POLICY, shutdown) };
}

function work(run: JobWork['run']) {
  return {
    jobId: 'job-1',
    run: jest.fn(run),
    giveUp: jest.fn(() => Promise.resolve()),
    stopped: jest.fn(() => Promise.resolve()),
    ended: jest.fn(),
  };
}

const failing = (error: unknown) => () => Promise.reject(error);

describe('JobWorkRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('does not run the work of a job that is cancelled', async () => {
    const jobs = cancellations();
    jobs.cancel('job-1');
    const done = work(() => Promise.resolve());
    await new JobWorkRunner(jobs).run(delivery(1).ctx, done);
    expect(done.run).not.toHaveBeenCalled();
  });

  it('tells JetStream four times per ack wait that the work goes on, and stops when it ends', async () => {
    jest.useFakeTimers();
    const { msg, ctx } = delivery(1);
    const slow = work(() => new Promise((resolve) => setTimeout(resolve, 4_500)));
    const running = new JobWorkRunner(cancellations()).run(ctx, slow);
    await jest.advanceTimersByTimeAsync(4_500);
    await running;
    expect(msg.working).toHaveBeenCalledTimes(4);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(msg.working).toHaveBeenCalledTimes(4);
    expect(slow.ended).toHaveBeenCalledWith('finished');
  });

  it('throws a passing failure before the last attempt, as the work says to retry it', async () => {
    const cut = new Error('connection lost');
    const retried = { ...work(failing(cut)), retryAs: () => ({ retryAfterMs: 10 }) };
    await expect(new JobWorkRunner(cancellations()).run(delivery(2).ctx, retried)).rejects.toEqual({
      retryAfterMs: 10,
    });
    expect(retried.giveUp).not.toHaveBeenCalled();
    expect(retried.ended).toHaveBeenCalledWith('retried', { retryAfterMs: 10 });
  });

  it('gives up on the last attempt, and on a permanent failure at once', async () => {
    const runner = new JobWorkRunner(cancellations());
    const last = work(failing(new Error('connection lost')));
    await runner.run(delivery(3).ctx, last);
    expect(last.giveUp).toHaveBeenCalledWith('connection lost');
    expect(last.ended).toHaveBeenCalledWith('failed', expect.any(Error));
    const refused = work(failing(new PermanentError('no such folder')));
    await runner.run(delivery(1).ctx, refused);
    expect(refused.giveUp).toHaveBeenCalledWith('no such folder');
  });

  it('waits longer for a failure that asks for a wait of its own', async () => {
    const throttled = work(failing(Object.assign(new Error('busy'), { retryAfterMs: 1_000 })));
    const runner = new JobWorkRunner(cancellations());
    await expect(runner.run(delivery(5).ctx, throttled)).rejects.toThrow('busy');
    await runner.run(delivery(6).ctx, throttled);
    expect(throttled.giveUp).toHaveBeenCalledTimes(1);
  });

  it('says what was done when the job is cancelled midway, and neither retries nor gives up', async () => {
    const jobs = cancellations();
    const cancelled = work((signal) => {
      jobs.cancel('job-1');
      return Promise.reject(signal.reason);
    });
    await new JobWorkRunner(jobs).run(delivery(1).ctx, cancelled);
    expect(cancelled.stopped).toHaveBeenCalled();
    expect(cancelled.giveUp).not.toHaveBeenCalled();
    expect(cancelled.ended).toHaveBeenCalledWith('stopped', expect.anything());
  });

  it('hands the work back when the process shuts down, even on its last attempt', async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const stopping = work(failing(new Error('shutting down')));
    const { ctx } = delivery(3, shutdown.signal);
    await expect(new JobWorkRunner(cancellations()).run(ctx, stopping)).rejects.toThrow();
    expect(stopping.giveUp).not.toHaveBeenCalled();
    expect(stopping.ended).toHaveBeenCalledWith('handed_back', expect.any(Error));
  });
});
