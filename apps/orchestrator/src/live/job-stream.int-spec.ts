// A job's status page over Server-Sent Events against a real Postgres and NATS: stored
// lines, progress, the end with the final view, and resuming after Last-Event-ID.
import { startNats, startPostgres } from '@btsx/testing';
import { counts, JobsTestbed, startJobsTestbed } from '../jobs-testbed';
import { eventually } from '../orchestrator-testbed';

let jobs: JobsTestbed;
let baseUrl: JobsTestbed['baseUrl'];
let getJob: JobsTestbed['getJob'];
let createJob: JobsTestbed['createJob'];
let plan: JobsTestbed['plan'];
let finishTask: JobsTestbed['finishTask'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ baseUrl, getJob, createJob, plan, finishTask } = jobs);
});

afterAll(() => jobs?.close());

describe('orchestrator', () => {
  it('streams status lines over SSE, then end with the final view', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`]);
    await eventually(async () => expect((await getJob(id)).status).toBe('running'));
    const response = await fetch(`${baseUrl}/api/jobs/${id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const events = readSse(response);
    const first = await events.until((e) => e.event === 'progress');
    expect(first.filter((e) => e.event === 'status').map((e) => e.data.message)).toEqual([
      'Job created',
      'Found 1 folder (3 messages)',
    ]);
    await finishTask(id, `${id}/0/0`, counts(3));
    const rest = await events.until((e) => e.event === 'end');
    const messages = rest.filter((e) => e.event === 'status').map((e) => e.data.message);
    expect(messages).toEqual([
      'Copying INBOX → INBOX',
      'INBOX: 3 copied, 0 skipped, 0 failed',
      'Migration completed: 3 copied, 0 skipped, 0 failed',
    ]);
    expect(rest.at(-1)?.data.status).toBe('completed');
    expect(await events.closed).toBe(true);

    const resumed = readSse(
      await fetch(`${baseUrl}/api/jobs/${id}/events`, {
        headers: { 'Last-Event-ID': String(first[1].id) },
      }),
    );
    const replay = await resumed.until((e) => e.event === 'end');
    expect(replay.filter((e) => e.event === 'status')).toHaveLength(3);
  });
});

interface SseMessage {
  event: string;
  id?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** A small SSE parser over fetch's body, enough for the events this service sends. */
function readSse(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  const closed = new Promise<boolean>((resolve) => {
    const check = setInterval(() => done && (clearInterval(check), resolve(true)), 20);
  });
  async function next(): Promise<SseMessage | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) continue;
        const fields = Object.fromEntries(
          block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        );
        return {
          event: fields.event,
          id: fields.id ? Number(fields.id) : undefined,
          data: JSON.parse(fields.data),
        };
      }
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        return null;
      }
      buffer += chunk.value;
    }
  }
  return {
    closed,
    async until(stop: (e: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage[]> {
      const seen: SseMessage[] = [];
      const timer = setTimeout(() => void reader.cancel(), timeoutMs);
      try {
        for (;;) {
          const message = await next();
          if (!message) throw new Error(`SSE closed after ${JSON.stringify(seen)}`);
          seen.push(message);
          if (stop(message)) break;
        }
        if (seen.at(-1)?.event === 'end') await next();
        return seen;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
