import { createHash } from 'node:crypto';
import type { JobView } from '@btsx/contracts';
import type { ImapTestServer, ImapTestUser } from '../imap-test-server';
import { withImapSession } from '../imap-session';
import { readMailbox, type SnapshotMessage } from '../mailbox-snapshot';
import type { BtsxApiClient } from '../system/btsx-api-client';

const FLAGGED = '\\Flagged';
const DELETED = '\\Deleted';

interface Account {
  server: ImapTestServer;
  user: ImapTestUser;
}

/**
 * A delta pass after the matrix's job, on every pair: a letter arrives in the source's INBOX
 * and another letter there is flagged. The pass must copy that one letter, give the other's
 * copy the flag, and change nothing else at the destination.
 */
export async function deltaProblems(
  api: BtsxApiClient,
  job: JobView,
  from: Account,
  to: Account,
  timeoutMs: number,
): Promise<string[]> {
  const before = await inbox(to);
  const arrived = Buffer.from(
    `Message-ID: <delta-${job.id}@interop.test>\r\nDate: ${new Date().toUTCString()}\r\n` +
      `From: Interop <interop@interop.test>\r\nSubject: Arrived after the first pass\r\n\r\n` +
      `Copied by the delta pass.\r\n`,
  );
  await withImapSession(from.server, from.user, async (client) => {
    await client.append('INBOX', arrived, [], new Date());
    await client.mailboxOpen('INBOX');
    // Read whole before the STORE: imapflow runs one command at a time.
    const messages = await client.fetchAll('1:*', { uid: true, flags: true });
    const plain = messages.find(({ flags }) => !flags?.has(FLAGGED) && !flags?.has(DELETED));
    if (plain) await client.messageFlagsAdd(String(plain.uid), [FLAGGED], { uid: true });
  });
  const id = await api.restartJob(job.id, from, to, { delta: true });
  const pass = await api.waitForEnd(id, timeoutMs);
  const after = await inbox(to);
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`delta pass: ${problem}`);
  if (pass.status !== 'completed') say(`ended ${pass.status}: ${pass.error ?? ''}`);
  if (pass.counters.copied !== 1) say(`copied ${pass.counters.copied}, not 1`);
  if (pass.audit?.totals?.missing) say(`its audit found ${pass.audit.totals.missing} missing`);
  const sha256 = createHash('sha256').update(arrived).digest('hex');
  if (!after.some((m) => m.sha256 === sha256)) say('the new letter is not in the INBOX');
  if (after.length !== before.length + 1)
    say(`INBOX went from ${before.length} to ${after.length}`);
  const flagged = (messages: SnapshotMessage[]) =>
    messages.filter((m) => m.flags.includes(FLAGGED));
  if (flagged(after).length !== flagged(before).length + 1)
    say('the flag set at the source is not there');
  return problems;
}

async function inbox({ server, user }: Account): Promise<SnapshotMessage[]> {
  const mailbox = await readMailbox(server, user);
  return mailbox.find((folder) => folder.path === 'INBOX')?.messages ?? [];
}
