import { startDovecot } from './dovecot-server';
import { withImapSession } from './imap-session';

describe('a Dovecot with Gmail layout', () => {
  it('lists labels and [Gmail] folders and files an archived message only in All Mail', async () => {
    const user = { username: 'gmail@test.local', password: 'pw' };
    const server = await startDovecot({ users: [user], gmailLayout: true });
    try {
      await withImapSession(server, user, async (client) => {
        await client.mailboxCreate('Work');
        const raw = (subject: string) => Buffer.from(`Subject: ${subject}\r\n\r\nbody\r\n`);
        await client.append('INBOX', raw('in inbox'), ['\\Flagged']);
        await client.append('Work', raw('labelled'));
        await client.append('[Gmail]/All Mail', raw('archived'));
        await client.append('[Gmail]/Sent Mail', raw('sent'));
        const list = await client.list();
        const byUse = Object.fromEntries(
          list.filter((f) => f.specialUse).map((f) => [f.specialUse, f.path]),
        );
        expect(byUse).toMatchObject({
          '\\All': '[Gmail]/All Mail',
          '\\Sent': '[Gmail]/Sent Mail',
          '\\Trash': '[Gmail]/Trash',
          '\\Junk': '[Gmail]/Spam',
          '\\Flagged': '[Gmail]/Starred',
        });
        expect(list.map((f) => f.path)).not.toContain('Sys/Archive');
        const count = async (path: string) => {
          const status = await client.status(path, { messages: true });
          return status ? status.messages : undefined;
        };
        expect(await count('[Gmail]/All Mail')).toBe(4);
        expect(await count('[Gmail]/Starred')).toBe(1);
        expect(await count('INBOX')).toBe(1);
      });
    } finally {
      await server.stop();
    }
  });
});
