import { ImapFlow } from 'imapflow';
import type { ImapTestServer, ImapTestUser } from './imap-test-server';

/**
 * Runs `work` on a logged-in imapflow connection and always logs out. Test servers use
 * self-signed certificates, hence no verification when the plain port upgrades to TLS.
 */
export async function withImapSession<T>(
  server: Pick<ImapTestServer, 'host' | 'port'>,
  user: ImapTestUser,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: user.username, pass: user.password },
    logger: false,
    tls: { rejectUnauthorized: false },
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
