import { AuditCopiedReply, jobLogins, JobAuditRequested } from '@btsx/contracts';
import { CopyFollower } from './copy-follower';
import { JobChanges } from './job-changes';

const JOB = '00000000-0000-4000-8000-000000000001';

function request(...sources: string[]): JobAuditRequested {
  return {
    auditId: '00000000-0000-4000-8000-000000000002',
    jobId: JOB,
    logins: jobLogins(JOB),
    deleteSource: false,
    followsCopy: true,
    folders: sources.map((source) => ({ source, destination: source, refusedUids: [] })),
  };
}

describe('JobChanges', () => {
  it('wakes the waiters of the job that changed, and only them', async () => {
    const changes = new JobChanges();
    const signal = new AbortController().signal;
    const woken: string[] = [];
    const mine = changes.next(JOB, 60_000, signal).then(() => woken.push('mine'));
    const other = changes.next('another', 60_000, signal).then(() => woken.push('other'));
    changes.changed(JOB);
    await mine;
    expect(woken).toEqual(['mine']);
    changes.changed('another');
    await other;
  });

  it('gives up waiting after its time, or when aborted', async () => {
    const changes = new JobChanges();
    await changes.next(JOB, 5, new AbortController().signal);
    const controller = new AbortController();
    const waiting = changes.next(JOB, 60_000, controller.signal);
    controller.abort();
    await waiting;
  });
});

describe('CopyFollower', () => {
  const noWait = async () => undefined;

  it('hands out each folder once, in the request order, with the refusals the reply names', async () => {
    const replies: AuditCopiedReply[] = [
      {
        state: 'copying',
        folders: [
          { source: 'B', refusedUids: [7] },
          { source: 'A', refusedUids: [] },
        ],
      },
      {
        state: 'copied',
        folders: [
          { source: 'A', refusedUids: [] },
          { source: 'B', refusedUids: [7] },
          { source: 'C', refusedUids: [] },
        ],
      },
    ];
    let asked = 0;
    const follower = new CopyFollower(request('A', 'B', 'C'), async () => replies[asked++], noWait);
    const signal = new AbortController().signal;

    expect(await follower.next(signal)).toEqual([
      { source: 'A', destination: 'A', refusedUids: [] },
      { source: 'B', destination: 'B', refusedUids: [7] },
    ]);
    expect((await follower.next(signal)).map((f) => f.source)).toEqual(['C']);
    expect(follower.finished).toBe(true);
    expect(await follower.next(signal)).toEqual([]);
    expect(asked).toBe(2);
  });

  it('answers nothing after its idle time while the copy goes on', async () => {
    const copying = async (): Promise<AuditCopiedReply> => ({ state: 'copying', folders: [] });
    const follower = new CopyFollower(
      request('A'),
      copying,
      (ms) => new Promise((r) => setTimeout(r, ms)),
    );
    expect(await follower.next(new AbortController().signal, 20)).toEqual([]);
    expect(follower.finished).toBe(false);
  });
});
