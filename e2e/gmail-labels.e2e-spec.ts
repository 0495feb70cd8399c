// A Gmail-shaped source end to end: a Dovecot that looks like Gmail (labels as folders,
// [Gmail]/All Mail holding every message, Starred and Important as views), migrated
// through the public API to a plain Dovecot by every service as its own process. Labels
// become folders, All Mail becomes the Archive with only the messages no label holds,
// and the views are not copied.
import { JobView } from '@btsx/contracts';
import {
  BtsxApiClient,
  DovecotUser,
  FixtureFolder,
  FixtureMessage,
  listAccountFolders,
  listFolderMessages,
  ListedMessage,
  MigrationTestbed,
  seedMailbox,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/gmail-labels');
const GMAIL_USER: DovecotUser = { username: 'carol@gmail.test', password: 'gm-Labels-Secret-1' };
const TARGET: DovecotUser = { username: 'carol@dest.test', password: 'dst-Labels-Secret-1' };
const JOB_TIMEOUT_MS = 120_000;
const BASE_DATE = Date.UTC(2024, 2, 1, 9, 0, 0);

let serial = 0;
function message(subject: string, flags: string[] = []): FixtureMessage {
  serial++;
  const raw = [
    `Message-ID: <gmail-labels-${serial}@gmail.test>`,
    `Date: ${new Date(BASE_DATE + serial * 60_000).toUTCString()}`,
    'From: Dana <dana@gmail.test>',
    'To: Carol <carol@gmail.test>',
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This is "${subject}".`,
    '',
  ].join('\r\n');
  return { raw: Buffer.from(raw), flags, internalDate: new Date(BASE_DATE + serial * 60_000) };
}

const inInbox = message('plain inbox message', ['\\Seen']);
const starred = message('starred inbox message', ['\\Flagged']);
const important = message('important inbox message', ['$Important']);
const work = message('work only');
const family = message('family only');
/** Carries both labels: Gmail shows it once, this Dovecot twice in All Mail. */
const bothLabels = message('work and family');
const sent = message('sent reply', ['\\Seen']);
const archived = message('archived, no label', ['\\Seen']);
const trashed = message('in the trash');
const spam = message('spam offer');

const FIXTURE: FixtureFolder[] = [
  { path: 'INBOX', messages: [inInbox, starred, important] },
  { path: 'Work', messages: [work, bothLabels] },
  { path: 'Family', messages: [family, bothLabels] },
  { path: '[Gmail]/Sent Mail', specialUse: '\\Sent', messages: [sent] },
  // APPEND to All Mail files the message in the hidden archive: no label.
  { path: '[Gmail]/All Mail', specialUse: '\\All', messages: [archived] },
  { path: '[Gmail]/Trash', specialUse: '\\Trash', messages: [trashed] },
  { path: '[Gmail]/Spam', specialUse: '\\Junk', messages: [spam] },
];

/** Source folder → destination folder, for every folder that holds its own messages. */
const MOVED: [string, string][] = [
  ['INBOX', 'INBOX'],
  ['Work', 'Work'],
  ['Family', 'Family'],
  ['[Gmail]/Sent Mail', 'Sent'],
  ['[Gmail]/Trash', 'Trash'],
  ['[Gmail]/Spam', 'Junk'],
];
const EXPECTED_MESSAGES = 11;

const hashes = (messages: ListedMessage[]): string[] => messages.map((m) => m.sha256).sort();

describe('a Gmail-shaped mailbox migrated to a plain IMAP server', () => {
  let testbed: MigrationTestbed;
  let job: JobView;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [GMAIL_USER], gmailLayout: true },
      destination: { users: [TARGET], separator: '.' },
    });
    await seedMailbox(testbed.source, GMAIL_USER, FIXTURE);
    const api = new BtsxApiClient(testbed.url);
    const { id } = await api.startJob(
      { server: testbed.source, user: GMAIL_USER },
      { server: testbed.destination, user: TARGET },
      { progressUpdates: true },
    );
    job = await api.waitForEnd(id, JOB_TIMEOUT_MS);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const sourceFolder = (path: string) => listFolderMessages(testbed.source, GMAIL_USER, path);
  const destinationFolder = (path: string) => listFolderMessages(testbed.destination, TARGET, path);

  it('seeded a source that looks like Gmail', async () => {
    expect((await sourceFolder('[Gmail]/Starred')).length).toBe(1);
    expect((await sourceFolder('[Gmail]/Important')).length).toBe(1);
    // INBOX 3 + labels 4 (one message twice) + Sent 1 + archived 1; not Trash or Spam.
    expect((await sourceFolder('[Gmail]/All Mail')).length).toBe(9);
  });

  it('completes the job with consistent counters', () => {
    expect(job.status).toBe('completed');
    expect(job.error).toBeNull();
    expect(job.failures).toEqual([]);
    const { counters, folders } = job;
    expect(counters.failed).toBe(0);
    expect(counters.copied).toBe(EXPECTED_MESSAGES);
    const sum = (key: 'copied' | 'skipped' | 'failed') =>
      folders.reduce((n, folder) => n + folder[key], 0);
    expect(sum('copied')).toBe(counters.copied);
    expect(sum('skipped')).toBe(counters.skipped);
    expect(sum('failed')).toBe(counters.failed);
    expect(folders.every((folder) => folder.state === 'done')).toBe(true);
    if (counters.total !== null) {
      expect(counters.copied + counters.skipped + counters.failed).toBe(counters.total);
    }
  });

  it.each(MOVED)('copies exactly the messages of %s into %s', async (from, to) => {
    const [expected, actual] = await Promise.all([sourceFolder(from), destinationFolder(to)]);
    expect(expected.length).toBeGreaterThan(0);
    expect(hashes(actual)).toEqual(hashes(expected));
  });

  it('puts only the archived message in Archive, once', async () => {
    const labelled = new Set(
      (await Promise.all(MOVED.map(([from]) => sourceFolder(from)))).flat().map((m) => m.sha256),
    );
    const archivedOnly = (await sourceFolder('[Gmail]/All Mail')).filter(
      (m) => !labelled.has(m.sha256),
    );
    expect(archivedOnly).toHaveLength(1);
    expect(hashes(await destinationFolder('Archive'))).toEqual(hashes(archivedOnly));
  });

  // imapflow leaves `specialUse` unset for \Important (the attribute is only in `flags`),
  // so a lister that reads `specialUse` alone copies Important as an ordinary folder.
  it('creates no Starred, Important or [Gmail] folders on the destination', async () => {
    const paths = (await listAccountFolders(testbed.destination, TARGET)).map((f) => f.path);
    for (const path of paths) {
      expect(path).not.toMatch(/^\[Gmail\]|Starred|Important|All Mail/);
    }
    expect(paths).toEqual(
      expect.arrayContaining(['INBOX', 'Work', 'Family', 'Sent', 'Trash', 'Junk', 'Archive']),
    );
  });

  it('keeps \\Flagged on the starred message and the $Important keyword', async () => {
    const inbox = await destinationFolder('INBOX');
    const flagged = inbox.filter((m) => m.flags.includes('\\Flagged'));
    expect(flagged).toHaveLength(1);
    const [sourceStarred] = await sourceFolder('[Gmail]/Starred');
    expect(flagged[0].sha256).toBe(sourceStarred.sha256);
    expect(inbox.filter((m) => m.flags.includes('$Important'))).toHaveLength(1);
  });
});
