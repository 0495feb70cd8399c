import type { JobFolderView, JobView } from '@btsx/contracts';
import { describe, expect, it } from 'vitest';
import { applyProgress } from './job-progress';

const folder = (source: string, copied = 0): JobFolderView => ({
  source,
  destination: source,
  total: 5,
  copied,
  skipped: 0,
  filtered: 0,
  failed: 0,
  state: copied > 0 ? 'copying' : 'pending',
  error: null,
  rule: null,
});

const view = {
  status: 'running',
  counters: { total: 10, copied: 0, skipped: 0, failed: 0, filtered: 0, bytes: 0 },
  folders: [folder('INBOX'), folder('Sent')],
  failures: [],
  audit: null,
} as unknown as JobView;

describe('applyProgress', () => {
  it('replaces the changed folder rows at their index and keeps the others', () => {
    const next = applyProgress(view, {
      status: 'running',
      counters: { ...view.counters, copied: 2 },
      folders: [{ ...folder('Sent', 2), position: 1 }],
    });
    expect(next.counters.copied).toBe(2);
    expect(next.folders).toEqual([folder('INBOX'), folder('Sent', 2)]);
    expect(view.folders[1].copied).toBe(0);
  });

  it('keeps failures and audit the event does not carry, and takes those it does', () => {
    const failure = { folder: 'INBOX', uid: 7, size: 9, reason: 'Too large' };
    const { status, counters } = view;
    const kept = applyProgress({ ...view, failures: [failure] }, { status, counters });
    expect(kept.failures).toEqual([failure]);
    expect(applyProgress(view, { status, counters, failures: [failure] }).failures).toEqual([
      failure,
    ]);
  });
});
