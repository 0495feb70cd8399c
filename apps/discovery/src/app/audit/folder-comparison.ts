import { AuditedMessage, FolderAudit } from '@btsx/contracts';
import { IdentifiedMessage, messageIdOf } from '@btsx/imap';

/** Named messages per finding and folder: enough to look a few up by hand, bounded in size. */
export const SAMPLES_PER_FINDING = 20;

/** Each side of a folder pair, by identity (readIdentities). */
export interface FolderSides {
  source: Map<string, IdentifiedMessage[]>;
  destination: Map<string, IdentifiedMessage[]>;
}

export interface ComparisonRules {
  /** Source UIDs the destination refused during the copy (recorded failures). */
  refusedUids: ReadonlySet<number>;
  /** Identities the copy leaves out on purpose: Gmail's All Mail messages a label holds. */
  skipped: ReadonlySet<string>;
  /**
   * Destination messages without a source are expected: Delete Source moved the source
   * away, or the destination folder is a view of every folder (Gmail's All Mail).
   */
  extrasExpected: boolean;
}

export type FolderFindings = Pick<
  FolderAudit,
  'missing' | 'refused' | 'extra' | 'flagDifferences' | 'samples'
>;

export function noFindings(extrasExpected: boolean): FolderFindings {
  return {
    missing: 0,
    refused: 0,
    extra: extrasExpected ? null : 0,
    flagDifferences: 0,
    samples: { missing: [], extra: [], flags: [] },
  };
}

/**
 * Compares one folder pair message by message. Identities are a multiset: two source
 * messages sharing a Message-ID need two at the destination. Within an identity, only
 * messages of the same size pair up (a different letter that reuses a Message-ID is not the
 * source's letter), in UID order (the order the copier appended them); the unpaired rest of
 * the source is missing (or refused), the unpaired rest of the destination is extra.
 */
export function compareFolder(sides: FolderSides, rules: ComparisonRules): FolderFindings {
  const findings = noFindings(rules.extrasExpected);
  const identities = new Set([...sides.source.keys(), ...sides.destination.keys()]);
  for (const identity of identities) {
    if (rules.skipped.has(identity)) continue;
    const destination = byUid(sides.destination.get(identity));
    for (const message of byUid(sides.source.get(identity))) {
      const index = destination.findIndex((candidate) => candidate.size === message.size);
      if (index < 0) addMissing(findings, rules, identity, message);
      else compareFlags(findings, message, destination.splice(index, 1)[0]);
    }
    for (const message of destination) addExtra(findings, identity, message);
  }
  return findings;
}

function byUid(messages: IdentifiedMessage[] = []): IdentifiedMessage[] {
  return [...messages].sort((a, b) => a.uid - b.uid);
}

function addMissing(
  findings: FolderFindings,
  rules: ComparisonRules,
  identity: string,
  message: IdentifiedMessage,
): void {
  if (rules.refusedUids.has(message.uid)) {
    findings.refused++;
    return;
  }
  findings.missing++;
  sample(findings.samples.missing, named(identity, message));
}

function addExtra(findings: FolderFindings, identity: string, message: IdentifiedMessage): void {
  if (findings.extra === null) return;
  findings.extra++;
  sample(findings.samples.extra, named(identity, message));
}

function compareFlags(
  findings: FolderFindings,
  source: IdentifiedMessage,
  destination: IdentifiedMessage,
): void {
  const sourceFlags = comparableFlags(source.flags);
  const destinationFlags = comparableFlags(destination.flags);
  if (sourceFlags.join(' ') === destinationFlags.join(' ')) return;
  findings.flagDifferences++;
  sample(findings.samples.flags, {
    sourceUid: source.uid,
    destinationUid: destination.uid,
    sourceFlags,
    destinationFlags,
  });
}

/** \Recent is session state each server sets itself (RFC 3501 section 2.3.2); case is not meaningful. */
function comparableFlags(flags: readonly string[]): string[] {
  return flags
    .map((flag) => flag.toLowerCase())
    .filter((flag) => flag !== '\\recent')
    .sort();
}

function named(identity: string, message: IdentifiedMessage): AuditedMessage {
  const messageId = messageIdOf(identity);
  return { uid: message.uid, size: message.size, ...(messageId ? { messageId } : {}) };
}

function sample<T>(list: T[], item: T): void {
  if (list.length < SAMPLES_PER_FINDING) list.push(item);
}
