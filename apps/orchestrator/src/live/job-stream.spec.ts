import { JobFolderView, JobStatus, JobStatusLine, JobView } from '@btsx/contracts';
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
      counters: { total: null, copied: this.copied, skipped: 0, failed: 0, filtered: 0, bytes: 0 },
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

function open(reader: FakeReader, lastId = 0, minGapMs = 0) {
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
    minGapMs,
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

  it('sends the folder rows that changed, at their index', async () => {
    const reader = new FakeReader();
    const folder = {
      source: 'INBOX',
      destination: 'INBOX',
      total: 3,
      skipped: 0,
      failed: 0,
      filtered: 0,
      rule: null,
    };
    const folders: JobFolderView[] = [
      { ...folder, copied: 0, state: 'pending', error: null },
      { ...folder, source: 'Sent', copied: 0, state: 'pending', error: null },
    ];
    const view = reader.view.bind(reader);
    reader.view = async (id: string) => ({
      ...(await view(id)),
      folders: structuredClone(folders),
    });
    const s = open(reader);
    s.stream.refresh();
    await settle();
    folders[1] = { ...folders[1], copied: 2, state: 'copying' };
    reader.copied = 2;
    s.stream.refresh();
    await settle();
    const data = JSON.parse(s.out[1].split('\n')[1].slice('data: '.length));
    expect(data.folders).toEqual([{ ...folders[1], position: 1 }]);
  });

  it('reads at most once per gap, folding the wakes in between into one read', async () => {
    const reader = new FakeReader();
    let reads = 0;
    const view = reader.view.bind(reader);
    reader.view = (id: string) => {
      reads += 1;
      return view(id);
    };
    const s = open(reader, 0, 100);
    s.stream.refresh();
    await settle();
    for (let i = 0; i < 5; i++) s.stream.refresh();
    await settle();
    expect(reads).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(reads).toBe(2);
    s.stream.close();
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
