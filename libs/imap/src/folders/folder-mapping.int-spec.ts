import { seedMailbox, startDovecot, type DovecotServer } from '@btsx/testing';
import type { ImapSession } from '../session/imap-session';
import { openTestSession } from '../testing/test-sessions';
import { ensureFolder } from './ensure-folder';
import { listFolders } from './list-folders';
import { planFolderMapping } from './plan-folder-mapping';

const user = { username: 'map@test.local', password: 'map-pw' };
const message = {
  raw: Buffer.from('Subject: x\r\n\r\nbody\r\n'),
  flags: [],
  internalDate: new Date(),
};

describe('folder discovery from a "/" server to a "." server', () => {
  let source: DovecotServer;
  let destination: DovecotServer;
  let sourceSession: ImapSession;
  let destinationSession: ImapSession;

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [user], separator: '/', specialUse: { '\\Sent': 'Sent' } }),
      startDovecot({ users: [user], separator: '.', specialUse: { '\\Sent': 'Sent Items' } }),
    ]);
    await seedMailbox(source, user, [
      { path: 'Projects/2024/Q1', messages: [message, message] },
      { path: 'Привет', messages: [] },
    ]);
    sourceSession = await openTestSession(source, user);
    destinationSession = await openTestSession(destination, user);
  });
  afterAll(async () => {
    await Promise.all([sourceSession?.close(), destinationSession?.close()]);
    await Promise.all([source?.stop(), destination?.stop()]);
  });

  it('lists, maps, creates and counts', async () => {
    const sourceFolders = await listFolders(sourceSession);
    expect(sourceFolders.find((f) => f.path === 'Projects/2024/Q1')?.segments).toEqual([
      'Projects',
      '2024',
      'Q1',
    ]);
    const mappings = planFolderMapping(
      sourceFolders,
      await listFolders(destinationSession),
      destinationSession.namespaces.personal,
    );
    const target = (path: string) => mappings.find((m) => m.source === path)?.destination;
    expect(target('INBOX')).toBe('INBOX');
    expect(target('Sent')).toBe('Sent Items');
    expect(target('Projects/2024/Q1')).toBe('Projects.2024.Q1');
    expect(target('Привет')).toBe('Привет');

    for (const mapping of mappings) await ensureFolder(destinationSession, mapping.destination);
    for (const mapping of mappings) await ensureFolder(destinationSession, mapping.destination);
    const created = (await listFolders(destinationSession)).map((f) => f.path);
    expect(created).toEqual(expect.arrayContaining(['Projects.2024.Q1', 'Привет', 'Sent Items']));
    expect(created.filter((p) => p === 'Projects.2024.Q1')).toHaveLength(1);
    const counted = await listFolders(sourceSession, { withCounts: true });
    expect(counted.find((f) => f.path === 'Projects/2024/Q1')?.messages).toBe(2);
  });
});
