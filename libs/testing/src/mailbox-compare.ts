import type { MailboxSnapshot, SnapshotFolder, SnapshotMessage } from './mailbox-snapshot';

/** Enough of the hash to tell messages apart in a report. */
const SHORT_HASH_LENGTH = 12;

function describe(message: SnapshotMessage): string {
  const date = new Date(message.internalDate * 1000).toISOString();
  return `${message.sha256.slice(0, SHORT_HASH_LENGTH)} (${message.size} bytes, ${date})`;
}

const flagList = (message: SnapshotMessage): string => [...message.flags].sort().join(' ');
const keyOf = (message: SnapshotMessage): string =>
  `${message.sha256}|${flagList(message)}|${message.internalDate}`;

/** Removes from `pool` the first message matching `predicate`, returning it. */
function take(pool: SnapshotMessage[], predicate: (m: SnapshotMessage) => boolean) {
  const index = pool.findIndex(predicate);
  return index < 0 ? undefined : pool.splice(index, 1)[0];
}

function compareMessages(
  label: string,
  source: SnapshotMessage[],
  destination: SnapshotMessage[],
): string[] {
  // Multisets: drop exact (content, flags, date) matches first, then explain what is left.
  const unmatched = [...destination];
  const sourceLeft = source.filter(
    (message) => !take(unmatched, (m) => keyOf(m) === keyOf(message)),
  );
  const differences: string[] = [];
  for (const message of sourceLeft) {
    const sameContent = take(unmatched, (m) => m.sha256 === message.sha256);
    if (!sameContent) {
      differences.push(`${label}: missing message ${describe(message)}`);
      continue;
    }
    if (flagList(sameContent) !== flagList(message)) {
      differences.push(
        `${label}: flag mismatch on ${describe(message)}: source [${flagList(message)}], destination [${flagList(sameContent)}]`,
      );
    }
    if (sameContent.internalDate !== message.internalDate) {
      const actual = new Date(sameContent.internalDate * 1000).toISOString();
      differences.push(`${label}: date mismatch on ${describe(message)}: destination ${actual}`);
    }
  }
  for (const message of unmatched) {
    const kind = source.some((m) => m.sha256 === message.sha256) ? 'a duplicate' : 'not in source';
    differences.push(`${label}: extra message ${describe(message)} (${kind})`);
  }
  return differences;
}

function counterpart(
  folder: SnapshotFolder,
  destination: MailboxSnapshot,
): SnapshotFolder | undefined {
  const bySpecialUse = folder.specialUse
    ? destination.find((candidate) => candidate.specialUse === folder.specialUse)
    : undefined;
  return bySpecialUse ?? destination.find((candidate) => candidate.path === folder.path);
}

function labelOf(source: SnapshotFolder, destination: SnapshotFolder): string {
  const attribute = source.specialUse ? ` (${source.specialUse})` : '';
  const target = destination.path === source.path ? '' : ` -> "${destination.path}"`;
  return `"${source.path}"${target}${attribute}`;
}

/**
 * Human-readable differences between two snapshots, [] when identical. A source folder maps
 * to the destination folder with its special-use attribute, else to the same logical path.
 * Empty destination folders without a source counterpart (auto-created ones) are ignored.
 */
export function compareMailboxes(source: MailboxSnapshot, destination: MailboxSnapshot): string[] {
  const matched = new Set<SnapshotFolder>();
  const differences: string[] = [];
  for (const folder of source) {
    const target = counterpart(folder, destination);
    if (!target) {
      differences.push(`missing folder "${folder.path}" (${folder.messages.length} messages)`);
      continue;
    }
    matched.add(target);
    differences.push(...compareMessages(labelOf(folder, target), folder.messages, target.messages));
  }
  for (const folder of destination) {
    if (!matched.has(folder) && folder.messages.length > 0) {
      differences.push(`extra folder "${folder.path}" (${folder.messages.length} messages)`);
    }
  }
  return differences;
}
