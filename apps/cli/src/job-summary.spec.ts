import type { JobView } from '@btsx/contracts';
import { formatJobSummary } from './job-summary';

const account = {
  host: 'imap.test',
  port: 993,
  security: 'tls' as const,
  tlsInsecure: false,
  provider: null,
};

function job(folders: JobView['folders']): JobView {
  return {
    id: 'job-1',
    status: 'completed_with_errors',
    options: {
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: false,
      reconcileExisting: false,
      verify: false,
    },
    source: { ...account, username: 'ann' },
    destination: { ...account, username: 'ben' },
    restartedFrom: null,
    counters: { total: null, copied: 1, skipped: 0, failed: 0, filtered: 0, bytes: 10 },
    folders,
    failures: [],
    audit: null,
    error: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    retentionDays: 7,
    expiresAt: null,
    waitingUntil: null,
  };
}

describe('formatJobSummary', () => {
  it('lists each folder the destination refused, with the reason', () => {
    const folder = { total: null, copied: 0, skipped: 0, failed: 0, filtered: 0, rule: null };
    const summary = formatJobSummary(
      job([
        { ...folder, source: 'Kept', destination: 'Kept', state: 'done', error: null },
        { ...folder, source: '~x', destination: '~x', state: 'failed', error: 'Folder "~x": No' },
      ]),
    );
    expect(summary).toContain('\nFolders not copied (1):\n  ~x: Folder "~x": No');
    expect(summary).not.toContain('Kept:');
  });
});
