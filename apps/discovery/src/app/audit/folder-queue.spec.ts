import { AuditFolderRequest, FolderAudit } from '@btsx/contracts';
import { noFindings } from './folder-report';
import { FolderQueue } from './folder-queue';

const folders: AuditFolderRequest[] = ['INBOX', 'Sent', 'Work'].map((path) => ({
  source: path,
  destination: path,
  refusedUids: [],
}));

function auditOf(folder: AuditFolderRequest): FolderAudit {
  return { source: folder.source, destination: folder.destination, ...noFindings(false) };
}

describe('FolderQueue', () => {
  it('hands out each folder once and answers in the request order, whoever finished first', () => {
    const queue = new FolderQueue(folders);
    const taken = [queue.take()!, queue.take()!, queue.take()!];
    expect(queue.take()).toBeUndefined();
    for (const item of [...taken].reverse()) queue.done(item, auditOf(item.folder));
    expect(queue.results().map((f) => f.source)).toEqual(['INBOX', 'Sent', 'Work']);
  });

  it('tells waiting pairs to give up once the last folder is taken', () => {
    const queue = new FolderQueue(folders);
    queue.take();
    queue.take();
    expect(queue.allTaken.aborted).toBe(false);
    queue.take();
    expect(queue.allTaken.aborted).toBe(true);
  });

  it('ignores a pair that failed when every folder still got its audit', () => {
    const queue = new FolderQueue(folders);
    queue.fail(new Error('helper could not log in'));
    for (let item = queue.take(); item; item = queue.take()) queue.done(item, auditOf(item.folder));
    expect(queue.results()).toHaveLength(3);
  });

  it('stops handing out folders after one was abandoned, and throws why', () => {
    const queue = new FolderQueue(folders);
    queue.take();
    queue.abandon();
    queue.fail(new Error('connection dropped'));
    expect(queue.take()).toBeUndefined();
    expect(() => queue.results()).toThrow('connection dropped');
  });

  it('has nothing to wait for with no folders', () => {
    const queue = new FolderQueue([]);
    expect(queue.allTaken.aborted).toBe(true);
    expect(queue.results()).toEqual([]);
  });
});
