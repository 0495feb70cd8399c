import { startDovecot } from './dovecot-server';
import { withImapSession } from './imap-session';

describe('a Dovecot that refuses large messages', () => {
  it('accepts a small APPEND and refuses one over maxMessageBytes with its reason', async () => {
    const user = { username: 'quota@test.local', password: 'pw' };
    const server = await startDovecot({ users: [user], maxMessageBytes: 10_000 });
    try {
      await withImapSession(server, user, async (client) => {
        const small = Buffer.from('Subject: small\r\n\r\nhello\r\n');
        await expect(client.append('INBOX', small)).resolves.toBeTruthy();
        const big = Buffer.from(`Subject: big\r\n\r\n${'x'.repeat(20_000)}\r\n`);
        await expect(client.append('INBOX', big)).rejects.toMatchObject({
          responseText: expect.stringMatching(/larger than the maximum size/),
        });
      });
    } finally {
      await server.stop();
    }
  });
});
