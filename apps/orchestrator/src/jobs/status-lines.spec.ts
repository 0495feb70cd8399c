import {
  folderLines,
  folderRefusedLine,
  folderRenamedLine,
  jobCreatedLines,
  keptLine,
  leftOutLine,
  notOwnedLine,
  plannedLine,
  renamedSinceLine,
  throttledLine,
} from './status-lines';
import { EMPTY_TALLY } from './task-tally';

const folder = { source: 'INBOX', destination: 'Inbox' };

describe('status lines', () => {
  it('names the folder and message counts of a plan', () => {
    expect(plannedLine(3, 120).message).toBe('Found 3 folders (120 messages)');
    expect(plannedLine(1, null).message).toBe('Found 1 folder');
  });

  it('names the first folders of other users or shared that are not copied, and counts the rest', () => {
    expect(notOwnedLine(['Shared Folders/news'])).toEqual({
      level: 'info',
      message: 'Not copied: 1 folder of other users or shared (Shared Folders/news)',
    });
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => `Other Users/${n}`);
    expect(notOwnedLine(many).message).toBe(
      'Not copied: 7 folders of other users or shared (Other Users/a, Other Users/b, ' +
        'Other Users/c, Other Users/d, Other Users/e and 2 more)',
    );
  });

  it('names the folders the folder selection left out, with the pattern that did it', () => {
    const named = [
      { path: 'Trash', reason: 'excluded by \\Trash' },
      { path: 'Sent', reason: 'not included: matches none of INBOX' },
    ];
    expect(leftOutLine({ count: 2, named }).message).toBe(
      'Left out: 2 folders (Trash: excluded by \\Trash; Sent: not included: matches none of INBOX)',
    );
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((path) => ({ path, reason: 'excluded by *' }));
    expect(leftOutLine({ count: 30, named: many }).message).toBe(
      'Left out: 30 folders (a: excluded by *; b: excluded by *; c: excluded by *; ' +
        'd: excluded by *; e: excluded by *; and 25 more)',
    );
  });

  it('names both the refused name and the substitute a folder was copied into', () => {
    const folder = {
      source: 'Reports/2024',
      destination: 'INBOX.Reports_2024',
      taskIds: [],
      refusedBecause: 'Invalid mailbox name',
    };
    expect(folderRenamedLine(folder, 'INBOX.Reports/2024')).toEqual({
      level: 'warning',
      message:
        'Reports/2024: the destination refused "INBOX.Reports/2024" (Invalid mailbox name); ' +
        'copied into "INBOX.Reports_2024" instead',
    });
  });

  it('says where a folder renamed at the source is copied on: renamed there too, or under its old name', () => {
    const renamed = { from: 'Projects', to: 'Projects 2025', destination: 'Projects' };
    expect(renamedSinceLine({ ...renamed, renamedAtDestination: false })).toEqual({
      level: 'warning',
      message:
        '"Projects" was renamed "Projects 2025" at the source since the last pass; its copy goes ' +
        'on under "Projects" at the destination (Mirror deletions renames it there as well)',
    });
    const mirrored = { ...renamed, destination: 'Projects 2025', renamedAtDestination: true };
    expect(renamedSinceLine(mirrored)).toEqual({
      level: 'info',
      message:
        '"Projects" was renamed "Projects 2025" at the source since the last pass; its copy was ' +
        'renamed at the destination too',
    });
  });

  it('says at job creation how fast the job copies at most, when the user set limits', () => {
    const options = {
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: true,
      reconcileExisting: false,
      limits: { bytesPerSecond: 5 * 1024 * 1024, messagesPerSecond: 20 },
    };
    expect(jobCreatedLines(options).map((line) => line.message)).toEqual([
      'Job created',
      'Copying at most 5.0 MB/s and 20 messages/s',
    ]);
  });

  it('says how long a throttled folder waits, in seconds', () => {
    expect(throttledLine('INBOX', 30_000)).toEqual({
      level: 'warning',
      message: 'INBOX: server throttling, waiting 30 s',
    });
  });

  it('names a folder the destination refused, at error level, with the reason', () => {
    expect(folderRefusedLine('a/~x', 'Folder "a.~x": Begins with \'~\'')).toEqual({
      level: 'error',
      message: 'a/~x not copied: Folder "a.~x": Begins with \'~\'',
    });
  });

  it('warns of messages Delete Source left in the source, with the first reason', () => {
    const kept = [
      { folder: 'INBOX', reason: 'not found at the destination by its Message-ID' },
      { folder: 'INBOX', reason: 'another reason' },
      { folder: 'INBOX', reason: 'another reason' },
    ];
    expect(keptLine(kept)).toEqual({
      level: 'warning',
      message:
        'INBOX: 3 messages left in the source: not found at the destination by its Message-ID',
    });
    expect(keptLine(kept.slice(0, 1)).message).toMatch(/^INBOX: 1 message left in the source: /);
  });

  it('says Copying when a folder starts', () => {
    const lines = folderLines(folder, 'pending', 'copying', {
      ...EMPTY_TALLY,
      tasks: 1,
      copying: 1,
    });
    expect(lines).toEqual([{ level: 'info', message: 'Copying INBOX → Inbox' }]);
  });

  it('summarises a finished folder, as a warning when messages failed', () => {
    const t = { ...EMPTY_TALLY, tasks: 1, done: 1, copied: 12, failed: 1 };
    expect(folderLines(folder, 'copying', 'done', t)).toEqual([
      { level: 'warning', message: 'INBOX: 12 copied, 0 skipped, 1 failed' },
    ]);
  });

  it('says both when a folder finished before the plan arrived', () => {
    const t = { ...EMPTY_TALLY, tasks: 1, done: 1, copied: 2 };
    expect(folderLines(folder, 'pending', 'done', t).map((l) => l.message)).toEqual([
      'Copying INBOX → Inbox',
      'INBOX: 2 copied, 0 skipped, 0 failed',
    ]);
  });

  it('is silent for folders without tasks and for no change', () => {
    expect(folderLines(folder, 'pending', 'done', EMPTY_TALLY)).toEqual([]);
    expect(folderLines(folder, 'done', 'done', { ...EMPTY_TALLY, tasks: 1, done: 1 })).toEqual([]);
  });
});
