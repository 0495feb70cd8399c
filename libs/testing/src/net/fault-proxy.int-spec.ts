import { ImapFlow } from 'imapflow';
import { connect } from 'node:net';
import { startDovecot, type DovecotServer, type DovecotUser } from '../dovecot-server';
import { withImapSession } from '../imap-session';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

const USER: DovecotUser = { username: 'faults@test.local', password: 'faults-pw' };
/** Larger than login and SELECT together: a byte offset of a few KB lands inside it. */
const BIG_BYTES = 200_000;
/** A stalled connection is given up after this; short, the test waits for it. */
const SOCKET_TIMEOUT_MS = 1_500;

function message(subject: string, bodyBytes = 100): Buffer {
  const body = 'x'.repeat(bodyBytes).replace(/(.{76})/g, '$1\r\n');
  return Buffer.from(`Subject: ${subject}\r\nMessage-ID: <${subject}@test>\r\n\r\n${body}\r\n`);
}

/** An imapflow client through the proxy, with a short socket timeout. */
async function connectThrough(proxy: FaultProxy): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: proxy.host,
    port: proxy.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: USER.username, pass: USER.password },
    logger: false,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function subjectsInInbox(server: DovecotServer): Promise<string[]> {
  return withImapSession(server, USER, async (client) => {
    await client.mailboxOpen('INBOX');
    const subjects: string[] = [];
    for await (const m of client.fetch('1:*', { envelope: true })) {
      subjects.push(m.envelope?.subject ?? '');
    }
    return subjects;
  }).catch(() => []);
}

describe('startFaultProxy in front of Dovecot', () => {
  let dovecot: DovecotServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [USER] });
    proxy = await startFaultProxy({ target: dovecot });
  });
  afterAll(async () => {
    await proxy?.stop();
    await dovecot?.stop();
  });
  afterEach(() => {
    proxy.setFaults(undefined);
    proxy.setAnswer(undefined);
  });

  it('answers a chosen APPEND in the server’s place and forwards the rest', async () => {
    proxy.setAnswer((command) =>
      command.verb === 'APPEND' && command.bytes.includes('Subject: refuse-me')
        ? 'NO [OVERQUOTA] Quota exceeded (injected)'
        : undefined,
    );
    const client = await connectThrough(proxy);
    try {
      await expect(client.append('INBOX', message('refuse-me'))).rejects.toMatchObject({
        serverResponseCode: 'OVERQUOTA',
      });
      await client.append('INBOX', message('keep-me'));
    } finally {
      await client.logout();
    }
    expect(await subjectsInInbox(dovecot)).toEqual(['keep-me']);
    expect(proxy.events.join('\n')).toMatch(/answered APPEND #\d+ with "NO \[OVERQUOTA\]/);
  });

  it('cuts inside an APPEND literal: the server keeps no partial message', async () => {
    const before = await subjectsInInbox(dovecot);
    proxy.setFaults(() => ({ kind: 'cut', direction: 'toServer', afterBytes: 5_000 }));
    const client = await connectThrough(proxy);
    await expect(client.append('INBOX', message('cut-append', BIG_BYTES))).rejects.toThrow();
    client.close();
    expect(await subjectsInInbox(dovecot)).toEqual(before);
  });

  it('cuts inside a FETCH literal and resets: the client sees the connection fail', async () => {
    await withImapSession(dovecot, USER, (c) => c.append('INBOX', message('big', BIG_BYTES)));
    for (const kind of ['cut', 'reset'] as const) {
      proxy.setFaults(() => ({ kind, direction: 'toClient', afterBytes: 20_000 }));
      const client = await connectThrough(proxy);
      await client.mailboxOpen('INBOX');
      const fetchAll = async () => {
        for await (const m of client.fetch('1:*', { source: true })) void m;
      };
      await expect(fetchAll()).rejects.toThrow();
      client.close();
    }
    expect(proxy.events.slice(-2).join('\n')).toMatch(/cut toClient.*\n.*reset toClient/);
  });

  it('stalls: the client gives up after its socket timeout instead of hanging', async () => {
    proxy.setFaults(() => ({ kind: 'stall', direction: 'toClient', afterBytes: 2_000 }));
    const client = await connectThrough(proxy);
    await expect(
      (async () => {
        await client.mailboxOpen('INBOX');
        for await (const m of client.fetch('1:*', { source: true })) void m;
      })(),
    ).rejects.toThrow();
    client.close();
  });

  it('cuts between commands: the next command never reaches the server', async () => {
    proxy.setFaults(() => ({ kind: 'cutBetweenCommands', afterCommands: 1 }));
    const login = `a1 LOGIN ${USER.username} ${USER.password}\r\n`;
    const replies = await talk(proxy.port, [login, 'a2 NOOP\r\n']);
    expect(replies).toMatch(/^a1 OK/m);
    expect(replies).not.toMatch(/^a2 /m);
    expect(proxy.events.at(-1)).toMatch(/cut before command 1/);
  });
});

/** Sends each command once the one before was answered; what the server said until the close. */
function talk(port: number, commands: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const queue = [...commands];
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.endsWith('\r\n') && queue.length > 0) socket.write(queue.shift() as string);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}
