import { ImapFlow } from 'imapflow';
import type { DovecotServer, DovecotUser } from './dovecot-server';

/**
 * Runs `work` on a logged-in imapflow connection and always logs out. Test servers use
 * self-signed certificates, hence no verification when the plain port upgrades to TLS.
 */
export async function withImapSession<T>(
  server: DovecotServer,
  user: DovecotUser,
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
