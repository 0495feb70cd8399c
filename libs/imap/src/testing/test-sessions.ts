// For specs only: logins and sessions on the local test servers of libs/testing.
import type { ImapLogin } from '@btsx/contracts';
import { openPipelinedReader, type PipelinedReader } from '../pipeline/pipelined-reader';
import type { ImapSession } from '../session/imap-session';
import { openImapSession } from '../session/open-imap-session';

interface TestServer {
  host: string;
  port: number;
}

interface TestUser {
  username: string;
  password: string;
}

/** A plaintext login (test servers listen on loopback), with any field overridden. */
export function testLogin(
  server: TestServer,
  user: TestUser,
  overrides: Partial<ImapLogin> = {},
): ImapLogin {
  return {
    host: server.host,
    port: server.port,
    security: 'none',
    verifyCertificate: true,
    ...user,
    ...overrides,
  };
}

/** A session of `user` on a test server. */
export function openTestSession(server: TestServer, user: TestUser): Promise<ImapSession> {
  return openImapSession(testLogin(server, user), { allowPrivateHosts: true });
}

/** The copier's pipelined source reader, logged in as `user` on a test server. */
export function openTestReader(server: TestServer, user: TestUser): Promise<PipelinedReader> {
  return openPipelinedReader(testLogin(server, user), { allowPrivateHosts: true });
}
