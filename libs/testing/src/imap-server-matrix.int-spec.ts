import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { runImapCommands } from './raw-imap';
import {
  compareMailboxes,
  readMailbox,
  seedMailbox,
  snapshotOfFixture,
  startCourier,
  startCyrus,
  startDovecot,
  type FixtureFolder,
  type ImapTestServer,
  withImapSession,
} from './index';

/** Courier's accounts are machine-wide: names no other test process uses at the same time. */
const unique = (name: string) => ({
  username: `${name}-${randomBytes(4).toString('hex')}@test.local`,
  password: 'pw',
});
const user = unique('matrix');

const message = (subject: string, body = 'Hello.') =>
  Buffer.from(`From: a@test.local\r\nSubject: ${subject}\r\n\r\n${body}\r\n`);

/** Two levels deep, one parent never created itself (a \Noselect level on Courier). */
const FIXTURE: FixtureFolder[] = [
  {
    path: 'INBOX',
    messages: [
      { raw: message('one'), flags: ['\\Seen'], internalDate: new Date('2021-03-04T05:06:07Z') },
      { raw: message('two'), flags: [], internalDate: new Date('2022-01-01T00:00:00Z') },
    ],
  },
  {
    path: 'Projects',
    messages: [
      {
        raw: message('plan'),
        flags: ['\\Flagged'],
        internalDate: new Date('2020-02-29T12:00:00Z'),
      },
    ],
  },
  {
    path: 'Projects/2024',
    messages: [
      {
        raw: message('q1', 'Grüße, 8-bit body.'),
        flags: ['\\Answered', '\\Seen', '$Label1'],
        internalDate: new Date('2024-03-31T23:59:59Z'),
      },
      { raw: message('q2'), flags: ['\\Draft'], internalDate: new Date('2024-06-30T10:00:00Z') },
    ],
  },
  {
    path: 'Lists/Rust',
    messages: [
      { raw: message('crate'), flags: [], internalDate: new Date('2019-07-08T09:10:11Z') },
    ],
  },
];

/** Each server's NAMESPACE reply, so a change of its package's defaults shows up here. */
const MATRIX: [string, () => Promise<ImapTestServer>, string][] = [
  ['Courier', () => startCourier(), '(("INBOX." ".")) NIL (("#shared." ".")("shared." "."))'],
  [
    "Cyrus with '/'",
    () => startCyrus({ separator: '/' }),
    '(("" "/")) (("Other Users/" "/")) (("Shared Folders/" "/"))',
  ],
  [
    "Cyrus with '.'",
    () => startCyrus({ separator: '.' }),
    '(("" ".")) (("Other Users." ".")) (("Shared Folders." "."))',
  ],
  [
    'Dovecot with the INBOX. prefix',
    () => startDovecot({ users: [], separator: '.', namespacePrefix: 'INBOX.' }),
    '(("INBOX." ".")) NIL NIL',
  ],
];

describe.each(MATRIX)('%s', (_name, start, namespace) => {
  let server: ImapTestServer;

  beforeAll(async () => {
    server = await start();
    await server.addUser(user);
  });

  afterAll(() => server?.stop());

  it('logs the account in and reports its namespaces', async () => {
    const [reply] = await runImapCommands(server, user, ['NAMESPACE']);
    expect(reply.untagged).toEqual([`* NAMESPACE ${namespace}`]);
  });

  it('counts each logged-in session of a user, and only theirs', async () => {
    const [who, other] = [unique('who'), unique('other')];
    await Promise.all([server.addUser(who), server.addUser(other)]);
    await withImapSession(server, who, () =>
      withImapSession(server, who, async () => {
        expect(await server.sessionsOf(who.username)).toBe(2);
        expect(await server.sessionsOf(other.username)).toBe(0);
        expect(await server.usersWithSessions()).toContain(who.username);
        expect(await server.usersWithSessions()).not.toContain(other.username);
      }),
    );
  });

  it('refuses a wrong password', async () => {
    const client = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      auth: { user: user.username, pass: 'wrong' },
      logger: false,
    });
    await expect(client.connect()).rejects.toThrow();
  });

  it('reads back what was seeded, message by message', async () => {
    await seedMailbox(server, user, FIXTURE);
    const read = await readMailbox(server, user);
    expect(compareMailboxes(snapshotOfFixture(FIXTURE), read)).toEqual([]);
  });
});

describe('Cyrus', () => {
  it('keeps apart the mailboxes of users added at once, each by a new imapd', async () => {
    const server = await startCyrus();
    try {
      const users = ['first', 'second', 'third', 'fourth'].map(unique);
      await Promise.all(users.map((each) => server.addUser(each)));
      await seedMailbox(server, users[0], [{ path: 'INBOX', messages: FIXTURE[0].messages }]);
      const inboxes = await Promise.all(users.map((each) => readMailbox(server, each)));
      const counts = inboxes.map(
        (mailbox) => mailbox.find((f) => f.path === 'INBOX')?.messages.length,
      );
      expect(counts).toEqual([FIXTURE[0].messages.length, 0, 0, 0]);
    } finally {
      await server.stop();
    }
  });
});
