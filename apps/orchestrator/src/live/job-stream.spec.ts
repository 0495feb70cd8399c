import { JobStatus, JobStatusLine, JobView } from '@btsx/contracts';
import { JobViewReader } from '../jobs/job-view.reader';
import { JobStream } from './job-stream';

class FakeReader {
  lines: JobStatusLine[] = [];
  status: JobStatus = 'running';
  copied = 0;

  async linesAfter(_jobId: string, afterId: number) {
    return this.lines.filter((l) => l.id > afterId);
  }

  async view(jobId: string) {
    return {
      id: jobId,
      status: this.status,
      counters: { total: null, copied: this.copied, skipped: 0, failed: 0, bytes: 0 },
    } as JobView;
  }
}

const line = (id: number, message: string): JobStatusLine => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  level: 'info',
  message,
});
const settle = () => new Promise((r) => setTimeout(r, 10));

function open(reader: FakeReader, lastId = 0) {
  const out: string[] = [];
  let ended = false;
  const stream = new JobStream(
    'job-1',
    lastId,
    reader as unknown as JobViewReader,
    { write: (c) => out.push(c), end: () => (ended = true) },
    (e) => {
      throw e;
    },
  );
  const events = () => out.map((c) => c.split('\n')[0]);
  return { stream, out, events, ended: () => ended };
}

describe('JobStream', () => {
  it('sends stored lines, then progress, and only news on later refreshes', async () => {
    const reader = new FakeReader();
    reader.lines = [line(1, 'Job created'), line(2, 'Found 1 folder')];
    const s = open(reader);
    s.stream.refresh();
    await settle();
    expect(s.events()).toEqual(['event: status', 'event: status', 'event: progress']);

    s.stream.refresh();
    await settle();
    expect(s.out).toHaveLength(3);

    reader.lines.push(line(3, 'Copying INBOX → INBOX'));
    reader.copied = 4;
    s.stream.refresh();
    await settle();
    expect(s.events().slice(3)).toEqual(['event: status', 'event: progress']);
  });

  it('resumes after Last-Event-ID', async () => {
    const reader = new FakeReader();
    reader.lines = [line(1, 'a'), line(2, 'b')];
    const s = open(reader, 1);
    s.stream.refresh();
    await settle();
    expect(s.out[0]).toContain('id: 2');
    expect(s.events()).toEqual(['event: status', 'event: progress']);
  });

  it('ends with the final view when the job is terminal', async () => {
    const reader = new FakeReader();
    reader.status = 'completed';
    reader.lines = [line(1, 'Migration completed')];
    const s = open(reader);
    s.stream.refresh();
    await settle();
    expect(s.events()).toEqual(['event: status', 'event: progress', 'event: end']);
    expect(s.ended()).toBe(true);
    s.stream.refresh();
    await settle();
    expect(s.out).toHaveLength(3);
  });
});
