import { JobFolderView, JobView } from '@btsx/contracts';
import { ProgressDiff } from './progress-diff';

const folder = (source: string, copied = 0): JobFolderView => ({
  source,
  destination: source,
  total: 5,
  copied,
  skipped: 0,
  failed: 0,
  filtered: 0,
  state: copied > 0 ? 'copying' : 'pending',
  error: null,
  rule: null,
});

function view(copied: number[], extra: Partial<JobView> = {}): JobView {
  const total = copied.reduce((a, b) => a + b, 0);
  return {
    status: 'running',
    counters: { total: 10, copied: total, skipped: 0, failed: 0, filtered: 0, bytes: total * 100 },
    folders: copied.map((c, i) => folder(`F${i}`, c)),
    failures: [],
    audit: null,
    ...extra,
  } as unknown as JobView;
}

describe('ProgressDiff', () => {
  it('sends every folder, the failures and the audit first', () => {
    const event = new ProgressDiff().next(view([0, 0]));
    expect(event?.folders?.map((f) => f.position)).toEqual([0, 1]);
    expect(event?.failures).toEqual([]);
    expect(event?.audit).toBeNull();
  });

  it('then only the folder rows that changed, at their index', () => {
    const diff = new ProgressDiff();
    diff.next(view([0, 0, 0]));
    const event = diff.next(view([0, 2, 0]));
    expect(event).toEqual({
      status: 'running',
      counters: { total: 10, copied: 2, skipped: 0, failed: 0, filtered: 0, bytes: 200 },
      folders: [{ ...folder('F1', 2), position: 1 }],
    });
  });

  it('sends nothing when nothing the client shows changed', () => {
    const diff = new ProgressDiff();
    diff.next(view([1, 0]));
    expect(diff.next(view([1, 0]))).toBeNull();
  });

  it('sends failures and the audit when they change, with status and counters alone', () => {
    const diff = new ProgressDiff();
    diff.next(view([1]));
    const failure = { folder: 'F0', uid: 7, size: 9, reason: 'Too large' };
    expect(diff.next(view([1], { failures: [failure] }))).toEqual({
      status: 'running',
      counters: expect.any(Object),
      failures: [failure],
    });
    expect(diff.next(view([1], { failures: [failure], status: 'verifying' }))).toEqual({
      status: 'verifying',
      counters: expect.any(Object),
    });
  });
});
