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
 * copy the flag, and change nothing else at the destination. Where the source offers OBJECTID
 * (RFC 8474: Cyrus), a folder is also renamed there first: the pass must say so and keep
 * copying it into its copy under the old name, so no folder is copied again.
 */
export async function deltaProblems(
  api: BtsxApiClient,
  job: JobView,
  from: Account,
  to: Account,
  timeoutMs: number,
): Promise<string[]> {
  const before = await inbox(to);
  const foldersBefore = await outsideInbox(to);
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
  const renamed = await renameALeafFolder(from);
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
  if (renamed) {
    const lines = await api.statusLines(id);
    const told = `"${renamed.from}" was renamed "${renamed.to}" at the source since the last pass`;
    if (!lines.some((line) => line.message.startsWith(told))) say(`no line says ${told}`);
    const foldersAfter = await outsideInbox(to);
    if (foldersAfter !== foldersBefore) say('folders outside the INBOX changed at the destination');
  }
  return problems;
}

/**
 * Where the source offers OBJECTID, renames one folder that holds mail and has no subfolder
 * (not INBOX, not a special-use one) within its parent; answers the names, or undefined.
 */
async function renameALeafFolder({
  server,
  user,
}: Account): Promise<{ from: string; to: string } | undefined> {
  return withImapSession(server, user, async (client) => {
    if (!client.capabilities.has('OBJECTID')) return undefined;
    const folders = await client.list({ statusQuery: { messages: true } });
    const leaf = folders.find(
      (f) =>
        f.path !== 'INBOX' &&
        !f.specialUse &&
        (f.status?.messages ?? 0) > 0 &&
        !folders.some((child) => child.path.startsWith(f.path + f.delimiter)),
    );
    if (!leaf) return undefined;
    const to = `${leaf.path} renamed`;
    await client.mailboxRename(leaf.path, to);
    return { from: leaf.path, to };
  });
}

/** Every folder but INBOX, by name with its messages' digests and flags, as one text. */
async function outsideInbox({ server, user }: Account): Promise<string> {
  const mailbox = await readMailbox(server, user);
  const folders = mailbox.filter((folder) => folder.path !== 'INBOX');
  const shown = folders.map(({ path, messages }) => ({
    path,
    messages: messages.map(({ sha256, flags }) => ({ sha256, flags })),
  }));
  return JSON.stringify(shown);
}

async function inbox({ server, user }: Account): Promise<SnapshotMessage[]> {
  const mailbox = await readMailbox(server, user);
  return mailbox.find((folder) => folder.path === 'INBOX')?.messages ?? [];
}
