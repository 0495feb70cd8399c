import { randomUUID } from 'node:crypto';
import { pollUntil, startDovecot, type DovecotServer } from '@btsx/testing';
import { readLetters } from '../messages/read-letters';
import { testLogin } from '../testing/test-sessions';
import { DestinationLine } from './destination-line';
import type { SendResult } from './message-sender';

const OPTIONS = { allowPrivateHosts: true };

const letter = (n: number) => ({
  uid: n,
  size: 0,
  identity: `<line-${n}@test.local>`,
  flags: ['\\Seen'],
  internalDate: new Date('2024-05-01T10:00:00Z'),
  raw: Buffer.from(`Message-ID: <line-${n}@test.local>\r\nSubject: ${n}\r\n\r\nbody ${n}\r\n`),
});

describe('DestinationLine against Dovecot', () => {
  let server: DovecotServer;
  const user = { username: `line-${randomUUID()}@test.local`, password: 'pw' };

  beforeAll(async () => {
    server = await startDovecot({ users: [user] });
  });
  afterAll(() => server?.stop());

  /** The user's sessions once the server has counted a logout: at most this many. */
  const settlesAt = (most: number) =>
    pollUntil(
      `at most ${most} session(s) of the user`,
      async () => ((await server.sessionsOf(user.username)) <= most ? true : undefined),
      5_000,
    );

  it('holds one connection at a time, switching between session and writer on demand', async () => {
    const line = new DestinationLine(testLogin(server, user), OPTIONS);
    try {
      const sender = await line.senderFor('INBOX');
      expect(sender.folderUids?.uidNext).toBe(1);
      const results: SendResult[] = [];
      await sender.send(letter(1), (result) => results.push(result));
      await sender.flush();
      expect(results).toEqual([{ kind: 'copied', uid: 1 }]);

      const session = await line.session();
      await settlesAt(1);
      const read = [];
      for await (const found of readLetters(session, 'INBOX', '1:*', { readOnly: true })) {
        read.push(found);
      }
      expect(read.map((l) => [l.uid, l.flags])).toEqual([[1, ['\\Seen']]]);

      // The same sender goes on after the session had the connection: the writer comes back.
      await sender.send(letter(2), (result) => results.push(result));
      await sender.flush();
      expect(results[1]).toEqual({ kind: 'copied', uid: 2 });
      expect(session.usable).toBe(false);
      await settlesAt(1);
      expect(line.usable).toBe(true);
    } finally {
      await line.close();
    }
    await settlesAt(0);
  });

  it('logs its writer in before the folder is known, and writes there on that one login', async () => {
    const line = new DestinationLine(testLogin(server, user), OPTIONS);
    try {
      line.logInWriter();
      await pollUntil(
        'the writer logged in',
        async () => ((await server.sessionsOf(user.username)) === 1 ? true : undefined),
        5_000,
      );
      const sender = await line.senderFor('INBOX');
      const results: SendResult[] = [];
      await sender.send(letter(3), (result) => results.push(result));
      await sender.flush();
      expect(results).toEqual([{ kind: 'copied', uid: sender.folderUids?.uidNext }]);
      expect(await server.sessionsOf(user.username)).toBe(1);
    } finally {
      await line.close();
    }
    await settlesAt(0);
  });

  it('names the destination in a failed login, without the secret', async () => {
    const secret = `wrong-${randomUUID()}`;
    const line = new DestinationLine(testLogin(server, user, { password: secret }), OPTIONS);
    const error = await line.senderFor('INBOX').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^destination account: /);
    expect((error as Error).message).not.toContain(secret);
    expect(line.usable).toBe(false);
    await line.close();
  });
});
