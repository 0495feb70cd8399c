import { Checkpoint, CheckpointStore } from '@btsx/imap';
import { Registry } from 'prom-client';
import { CopierMetrics } from './copier-metrics';

class MemoryCheckpoints implements CheckpointStore {
  readonly saved = new Map<string, Checkpoint>();
  async load(taskId: string) {
    return this.saved.get(taskId) ?? null;
  }
  async save(taskId: string, checkpoint: Checkpoint) {
    this.saved.set(taskId, checkpoint);
  }
}

function checkpoint(uidValidity: string, copied: number, bytes: number): Checkpoint {
  const counts = { copied, skipped: 1, failed: 0, filtered: 2, bytes };
  return { uidValidity, lastUid: copied, ...counts, failures: [] };
}

async function sample(registry: Registry, name: string, labels = ''): Promise<number> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels}`));
  return Number(line?.split(' ').pop());
}

describe('CopierMetrics', () => {
  let registry: Registry;
  let metrics: CopierMetrics;
  let store: MemoryCheckpoints;

  beforeEach(() => {
    registry = new Registry();
    metrics = new CopierMetrics(registry);
    store = new MemoryCheckpoints();
  });

  it('counts what each checkpoint adds, from where a resumed task starts', async () => {
    await store.save('t', checkpoint('7', 100, 1_000));
    const task = metrics.startTask(store);
    await task.load('t');
    await task.save('t', checkpoint('7', 300, 3_000));
    task.end('finished');
    expect(await sample(registry, 'btsx_messages_total', '{result="copied"}')).toBe(200);
    expect(await sample(registry, 'btsx_messages_total', '{result="skipped"}')).toBe(0);
    expect(await sample(registry, 'btsx_copied_bytes_total')).toBe(2_000);
    expect(store.saved.get('t')?.copied).toBe(300);
  });

  it('counts from nothing when a new UIDVALIDITY restarts the task', async () => {
    await store.save('t', checkpoint('7', 100, 1_000));
    const task = metrics.startTask(store);
    await task.load('t');
    await task.save('t', checkpoint('8', 40, 400));
    expect(await sample(registry, 'btsx_messages_total', '{result="copied"}')).toBe(40);
    expect(await sample(registry, 'btsx_messages_total', '{result="skipped"}')).toBe(1);
  });

  it('counts failed task runs by the IMAP error kind, or internal', async () => {
    metrics
      .startTask(store)
      .end('retried', Object.assign(new Error('gone'), { kind: 'connection_lost' }));
    metrics.startTask(store).end('failed', new Error('bug'));
    expect(await sample(registry, 'btsx_task_failures_total', '{reason="connection_lost"}')).toBe(
      1,
    );
    expect(await sample(registry, 'btsx_task_failures_total', '{reason="internal"}')).toBe(1);
  });

  it('does not count a task handed back on shutdown or cancelled as a failure', async () => {
    metrics.startTask(store).end('handed_back', new Error('shutting down'));
    metrics.startTask(store).end('stopped', new Error('cancelled'));
    expect(await registry.metrics()).not.toContain('btsx_task_failures_total{');
    expect(
      await sample(registry, 'btsx_task_duration_seconds_count', '{outcome="handed_back"}'),
    ).toBe(1);
  });
});
