import { OBJECT_ID } from '@btsx/contracts';
import { toImapError } from '../errors/to-imap-error';
import type { CommandPipeline, TaggedReply } from './command-pipeline';
import { compileCommand } from './compile-command';
import { parseStatusText } from './parse-response';

/** A folder's UIDVALIDITY and the UID its next message gets, as SELECT or STATUS said. */
export interface FolderUids {
  uidValidity: string;
  uidNext: number;
}

/** NO or BAD as the same ImapError imapflow's failures become (toImapError's vocabulary). */
export function replyFailure(reply: TaggedReply, mailboxMissing = false) {
  return toImapError({
    mailboxMissing,
    message: reply.text,
    responseStatus: reply.status,
    responseText: reply.text,
    serverResponseCode: reply.code?.name,
  });
}

/**
 * A refused SELECT or EXAMINE of `encoded` (the quoted wire name). Dovecot answers one of a
 * missing folder with a bare NO; as imapflow does, LIST tells "does not exist"
 * (no_such_folder, the caller may create it) from any other refusal.
 */
export async function selectFailure(
  pipeline: CommandPipeline,
  reply: TaggedReply,
  encoded: string,
) {
  if (reply.code) return replyFailure(reply);
  const list = await pipeline.run(compileCommand([`LIST "" ${encoded}`], 'synchronizing'), {
    collectUntagged: true,
  });
  const entries = list.untagged.filter((line) => /^LIST\b/i.test(line));
  const missing = list.status === 'OK' && entries.every((line) => /\\NonExistent/i.test(line));
  return replyFailure(reply, missing);
}

/** `* OK [PERMANENTFLAGS (\Seen \*)]` from SELECT; undefined when the server did not say. */
export function readPermanentFlags(untagged: readonly string[]): ReadonlySet<string> | undefined {
  const args = okCode(untagged, 'PERMANENTFLAGS');
  if (args === undefined) return undefined;
  return new Set(args.replace(/[()]/g, ' ').trim().split(/\s+/).filter(Boolean));
}

/** `* OK [UIDVALIDITY n]` and `* OK [UIDNEXT n]` from SELECT (RFC 3501 section 6.3.1). */
export function readFolderUids(untagged: readonly string[]): FolderUids | undefined {
  const uidValidity = okCode(untagged, 'UIDVALIDITY')?.trim();
  const uidNext = Number(okCode(untagged, 'UIDNEXT'));
  if (!uidValidity || !Number.isSafeInteger(uidNext)) return undefined;
  return { uidValidity, uidNext };
}

/** `* OK [HIGHESTMODSEQ n]` from SELECT with CONDSTORE; undefined without (or `NOMODSEQ`). */
export function readHighestModseq(untagged: readonly string[]): bigint | undefined {
  const digits = okCode(untagged, 'HIGHESTMODSEQ')?.trim();
  return digits && /^[0-9]{1,19}$/.test(digits) ? BigInt(digits) : undefined;
}

/**
 * `* OK [MAILBOXID (id)]` from SELECT where the server offers OBJECTID (RFC 8474); undefined
 * without, or when the id is not one (Cyrus 3.6 has answered a fresh folder's with bytes).
 */
export function readMailboxId(untagged: readonly string[]): string | undefined {
  const id = okCode(untagged, 'MAILBOXID')?.replace(/[()]/g, '').trim();
  return id && OBJECT_ID.test(id) ? id : undefined;
}

/** `* n EXISTS` from SELECT; the last one counts. */
export function readExists(untagged: readonly string[]): number | undefined {
  let exists: number | undefined;
  for (const line of untagged) {
    const match = /^(\d+) EXISTS$/i.exec(line);
    if (match) exists = Number(match[1]);
  }
  return exists;
}

/** The arguments of an untagged `OK [NAME args]`, or undefined. */
function okCode(untagged: readonly string[], name: string): string | undefined {
  for (const line of untagged) {
    if (!/^OK\b/i.test(line)) continue;
    const { code } = parseStatusText(line.slice(3));
    if (code?.name === name) return code.args;
  }
  return undefined;
}
