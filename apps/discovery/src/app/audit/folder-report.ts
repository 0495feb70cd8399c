import {
  AuditedMessage,
  AuditFinding,
  FINDINGS_PER_MESSAGE,
  FolderAudit,
  FolderAuditSamples,
  REPORTED_HEADER_CHARS,
} from '@btsx/contracts';
import {
  comparableFlags,
  headerText,
  IdentityHeaders,
  FolderReader,
  normalizeMessageId,
  readLetters,
  uidSet,
} from '@btsx/imap';
import { Finding } from './folder-comparison';

/** Named messages per kind and folder on the status page: the report has them all. */
export const SAMPLES_PER_FINDING = 20;

/** Where an audit's report goes, a part at a time (job.audit.findings). */
export interface ReportSink {
  write(findings: AuditFinding[]): Promise<void>;
}

export interface FolderPair {
  source: string;
  destination: string;
}

export interface AuditSessions {
  source: FolderReader;
  destination: FolderReader;
}

export type FolderFindings = Pick<
  FolderAudit,
  'missing' | 'refused' | 'extra' | 'changed' | 'flagDifferences' | 'samples'
>;

export function noFindings(extrasExpected: boolean): FolderFindings {
  return {
    missing: 0,
    refused: 0,
    extra: extrasExpected ? null : 0,
    changed: 0,
    flagDifferences: 0,
    samples: { missing: [], extra: [], flags: [], changed: [] },
  };
}

/**
 * One folder's findings: counted, the first few kept as samples, and every one written to
 * the report with the headers that name it (read again for the findings only, a part at a
 * time, while the folder is still open): memory holds one part, never the folder's list.
 */
export class FolderReport {
  private readonly findings: FolderFindings;
  private pending: Finding[] = [];

  constructor(
    private readonly folders: FolderPair,
    private readonly sessions: AuditSessions,
    private readonly sink: ReportSink,
    extrasExpected: boolean,
  ) {
    this.findings = noFindings(extrasExpected);
  }

  async add(finding: Finding): Promise<void> {
    this.count(finding);
    this.pending.push(finding);
    if (this.pending.length >= FINDINGS_PER_MESSAGE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = await this.describe(this.pending);
    this.pending = [];
    for (const row of rows) this.sample(row);
    await this.sink.write(rows);
  }

  result(): FolderFindings {
    return this.findings;
  }

  private count({ kind }: Finding): void {
    const f = this.findings;
    if (kind === 'missing') f.missing++;
    else if (kind === 'refused') f.refused++;
    else if (kind === 'changed') f.changed = (f.changed ?? 0) + 1;
    else if (kind === 'flags') f.flagDifferences++;
    else if (f.extra !== null) f.extra++;
  }

  /** The findings as report rows, with the headers of the letter each one is about. */
  private async describe(findings: Finding[]): Promise<AuditFinding[]> {
    const sourceUids = findings.flatMap((f) => (f.source ? [f.source.uid] : []));
    const destinationOnly = findings.flatMap((f) => (f.source ? [] : [f.destination!.uid]));
    const [source, destination] = await Promise.all([
      headersOf(this.sessions.source, this.folders.source, sourceUids),
      headersOf(this.sessions.destination, this.folders.destination, destinationOnly),
    ]);
    return findings.map((f) => {
      const headers = f.source ? source.get(f.source.uid) : destination.get(f.destination!.uid);
      return row(f, this.folders, headers);
    });
  }

  private sample(row: AuditFinding): void {
    const { samples } = this.findings;
    const list = listFor(samples, row.kind);
    if (!list || list.length >= SAMPLES_PER_FINDING) return;
    if (row.kind === 'flags') {
      samples.flags.push({
        sourceUid: row.sourceUid!,
        destinationUid: row.destinationUid!,
        sourceFlags: row.sourceFlags!,
        destinationFlags: row.destinationFlags!,
      });
      return;
    }
    (list as AuditedMessage[]).push(named(row));
  }
}

function listFor(samples: FolderAuditSamples, kind: AuditFinding['kind']): unknown[] | undefined {
  if (kind === 'missing') return samples.missing;
  if (kind === 'extra') return samples.extra;
  if (kind === 'flags') return samples.flags;
  if (kind === 'changed') return (samples.changed ??= []);
  return undefined;
}

function named(row: AuditFinding): AuditedMessage {
  const uid = row.kind === 'extra' ? row.destinationUid! : row.sourceUid!;
  const size = row.kind === 'extra' ? row.destinationSize! : row.sourceSize!;
  const changed =
    row.kind === 'changed'
      ? { destinationUid: row.destinationUid, destinationSize: row.destinationSize }
      : {};
  return { uid, size, ...(row.messageId ? { messageId: row.messageId } : {}), ...changed };
}

function row(finding: Finding, folders: FolderPair, headers?: IdentityHeaders): AuditFinding {
  const { kind, source, destination } = finding;
  const flags = kind === 'flags' && source && destination;
  const messageId = normalizeMessageId(headers?.messageId);
  return {
    kind,
    sourceFolder: folders.source,
    destinationFolder: folders.destination,
    ...(source ? { sourceUid: source.uid, sourceSize: source.size } : {}),
    ...(destination ? { destinationUid: destination.uid, destinationSize: destination.size } : {}),
    ...(messageId ? { messageId: messageId.slice(0, REPORTED_HEADER_CHARS) } : {}),
    ...optional('date', headerText(headers?.date, REPORTED_HEADER_CHARS)),
    ...optional('subject', headerText(headers?.subject, REPORTED_HEADER_CHARS)),
    ...(flags
      ? {
          sourceFlags: comparableFlags(source.flags),
          destinationFlags: comparableFlags(destination.flags),
        }
      : {}),
  };
}

function optional<K extends string>(key: K, value: string | undefined) {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

async function headersOf(
  session: FolderReader,
  folder: string,
  uids: number[],
): Promise<Map<number, IdentityHeaders>> {
  const headers = new Map<number, IdentityHeaders>();
  if (uids.length === 0) return headers;
  for await (const letter of readLetters(session, folder, uidSet(uids))) {
    headers.set(letter.uid, letter.headers);
  }
  return headers;
}
