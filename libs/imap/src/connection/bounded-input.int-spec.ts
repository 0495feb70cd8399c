// A hostile server over a real socket: every way it tries to make a session hold unbounded
// input or wait forever ends in an ImapError that says why, without the password.
import type { ImapLogin } from '@btsx/contracts';
import { startHostileImapServer, type HostileImapServer, type HostileScript } from '@btsx/testing';
import { listFolders } from '../folders/list-folders';
import { fetchLargeMessage } from '../messages/fetch-large-message';
import type { ImapSession } from '../session/imap-session';
import { openImapSession } from '../session/open-imap-session';

const COMMAND_TIMEOUT_MS = 2_000;
const PASSWORD = 'hostile-Secret-4711';
const ANNOUNCED_BYTES = 5 * 1024 * 1024;

describe('a session against a hostile server', () => {
  let server: HostileImapServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function failureOf(
    script: HostileScript,
    work: (session: ImapSession) => Promise<unknown> = listFolders,
  ): Promise<unknown> {
    server = await startHostileImapServer(script);
    const login: ImapLogin = {
      host: server.host,
      port: server.port,
      security: 'none',
      username: 'victim',
      password: PASSWORD,
      verifyCertificate: true,
    };
    const options = { allowPrivateHosts: true, commandTimeoutMs: COMMAND_TIMEOUT_MS };
    const error = await openImapSession(login, options)
      .then((session) => work(session))
      .then(
        () => new Error('no failure'),
        (e: unknown) => e,
      );
    expect(String(error)).not.toContain(PASSWORD);
    return error;
  }

  const fetchOne = (session: ImapSession) => fetchLargeMessage(session, 'INBOX', 1);

  it.each([
    [{ kind: 'endless-greeting' }, /larger than any mailbox needs: Line length \d+ exceeds/],
    [{ kind: 'endless-list' }, /larger than any mailbox needs: Line length \d+ exceeds/],
    [{ kind: 'many-folders', count: 100_000 }, /100000 folders; at most 5000/],
    [{ kind: 'long-folder-name', bytes: 100_000 }, /folder name of 100000 bytes .*at most 1000/],
    [{ kind: 'long-folder-name', bytes: 10 * 1024 * 1024 }, /larger than any mailbox needs/],
  ] as const)('%j fails for good: %s', async (script, reason) => {
    const error = await failureOf(script);
    expect(error).toMatchObject({ name: 'ImapError', kind: 'protocol', permanent: true });
    expect(String(error)).toMatch(reason);
  });

  it('refuses a literal over the limit', async () => {
    const error = await failureOf({ kind: 'huge-literal' }, fetchOne);
    expect(error).toMatchObject({ kind: 'protocol', permanent: true });
    expect(String(error)).toMatch(/Literal size 1073741824 exceeds/);
    expect(server?.bytesSent).toBeLessThan(64 * 1024 * 1024);
  });

  it('fails a message whose pieces go on past its announced size, never truncating it', async () => {
    const script = { kind: 'pieces-beyond-size', announcedBytes: ANNOUNCED_BYTES } as const;
    const error = await failureOf(script, fetchOne);
    expect(error).toMatchObject({ kind: 'protocol', permanent: true });
    expect(String(error)).toMatch(/more than \d+ bytes of UID 1, which it announced as 5242880/);
    expect(server?.bytesSent).toBeLessThan(3 * ANNOUNCED_BYTES);
  });

  it.each([[{ kind: 'silent-after-login' }], [{ kind: 'slow-drip', intervalMs: 50 }]] as const)(
    '%j ends with a timeout',
    async (script) => {
      const error = await failureOf(script);
      expect(error).toMatchObject({ kind: 'timeout' });
    },
    40_000,
  );
});
