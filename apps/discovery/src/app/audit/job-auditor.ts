import { AuditFolderRequest, FolderAudit, JobAuditRequested, PassRange } from '@btsx/contracts';
import {
  fetchDigests,
  FolderReader,
  ImapSession,
  LetterTable,
  listFolders,
  planLabelSource,
  showsAllMail,
} from '@btsx/imap';
import type { OpenPair, OpenReaders, OpenSessions } from '../job-sessions';
import { compareSides, ComparisonRules, digestsNeeded, FolderSides } from './folder-comparison';
import { FolderQueue } from './folder-queue';
import { identitiesIn, readBothSides } from './folder-sides';
import { AuditSessions, FolderReport, noFindings, ReportSink } from './folder-report';

/** One folder to audit, with what the job says about it. */
interface FolderJob {
  folder: AuditFolderRequest;
  request: JobAuditRequested;
  context: AuditContext;
  extrasExpected: boolean;
}

/** What the auditor learns once per job, before it compares folders. */
interface AuditContext {
  /** Per source folder, the folders whose messages its copy left out (Gmail's All Mail: labels). */
  skipMessagesIn: Map<string, string[]>;
  /** Destination folders that show every message (Gmail's All Mail): extras are expected. */
  destinationViews: Set<string>;
}

/** How the audit spreads its folders over session pairs. */
export interface AuditSpread {
  /** Session pairs one audit reads folders over at most. */
  pairs: number;
  /**
   * Helper pairs log in only when the first pair's login took this long (a reader's login is
   * two round trips): at a distance every folder costs a round trip that pairs side by side
   * overlap; close by, a login costs more than it saves (on loopback a 10-message job took
   * 614 ms with four pairs, 432 ms with one).
   */
  helpAfterMs: number;
}

export const AUDIT_SPREAD: AuditSpread = { pairs: 4, helpAfterMs: 50 };

/**
 * Folders a pair of pipelined readers has in hand at once: a folder's EXAMINE and FETCH
 * leave as soon as the FETCH before them ended, and one folder is compared while the next
 * is read.
 */
const FOLDERS_PER_READER_PAIR = 4;

export interface AuditorOptions {
  /** Runs after each folder, for heartbeats. */
  onFolder?: () => void;
  spread?: AuditSpread;
  /** Every pair reads over pipelined readers when given, else over sessions. */
  readers?: OpenReaders;
}

/**
 * The completeness audit of one job: per folder pair, reads every message's identity, size
 * and flags on both sides afresh (EXAMINE, so nothing changes), reads the bytes of the
 * letters the matching rule needs (every one that has a counterpart, for a deep audit) and
 * compares them; every finding goes to `report`. At a distance the folders are spread over
 * several session pairs (AuditSpread); a helper pair stops waiting for connection leases
 * once every folder is taken.
 */
export class JobAuditor {
  /** Session pairs that read folders in the last audit(). */
  sessionPairs = 0;
  private readonly onFolder: () => void;
  private readonly spread: AuditSpread;
  /** Pipelined readers where given, else sessions. */
  private readonly openPair: OpenPair;
  private readonly foldersAtOnce: number;

  constructor(
    private readonly sessions: OpenSessions,
    private readonly signal: AbortSignal,
    private readonly report: ReportSink,
    options: AuditorOptions = {},
  ) {
    this.onFolder = options.onFolder ?? (() => undefined);
    this.spread = options.spread ?? AUDIT_SPREAD;
    this.openPair = options.readers ?? sessions;
    this.foldersAtOnce = options.readers ? FOLDERS_PER_READER_PAIR : 1;
  }

  async audit(request: JobAuditRequested): Promise<FolderAudit[]> {
    const queue = new FolderQueue(request.folders);
    const helpers: Promise<void>[] = [];
    this.sessionPairs = 0;
    const context =
      plannedContext(request) ?? (await this.sessions((s, d) => listedContext(request, s, d)));
    const started = performance.now();
    await this.openPair(async (source, destination) => {
      const loginMs = performance.now() - started;
      if (loginMs >= this.spread.helpAfterMs)
        helpers.push(...this.helpers(queue, context, request));
      await this.drain(queue, { source, destination }, context, request);
    }).catch((error: unknown) => queue.fail(error));
    await Promise.all(helpers);
    return queue.results();
  }

  private helpers(
    queue: FolderQueue,
    context: AuditContext,
    request: JobAuditRequested,
  ): Promise<void>[] {
    const count = Math.min(this.spread.pairs, request.folders.length) - 1;
    const help = (source: FolderReader, destination: FolderReader) =>
      this.drain(queue, { source, destination }, context, request);
    return Array.from({ length: Math.max(0, count) }, () =>
      this.openPair(help, queue.allTaken).catch((error: unknown) => queue.fail(error)),
    );
  }

  /** Audits folders from the queue over one pair, foldersAtOnce of them side by side. */
  private async drain(
    queue: FolderQueue,
    sessions: AuditSessions,
    context: AuditContext,
    request: JobAuditRequested,
  ): Promise<void> {
    this.sessionPairs++;
    const lane = () => this.drainLane(queue, sessions, context, request);
    await Promise.all(Array.from({ length: this.foldersAtOnce }, lane));
  }

  private async drainLane(
    queue: FolderQueue,
    sessions: AuditSessions,
    context: AuditContext,
    request: JobAuditRequested,
  ): Promise<void> {
    for (let next = queue.take(); next; next = queue.take()) {
      try {
        this.signal.throwIfAborted();
        queue.done(next, await this.auditFolder(sessions, next.folder, request, context));
      } catch (error) {
        queue.abandon();
        throw error;
      }
      this.onFolder();
    }
  }

  private async auditFolder(
    sessions: AuditSessions,
    folder: AuditFolderRequest,
    request: JobAuditRequested,
    context: AuditContext,
  ): Promise<FolderAudit> {
    const names = { source: folder.source, destination: folder.destination };
    const extrasExpected = request.deleteSource || context.destinationViews.has(folder.destination);
    // Its messages are not missing by accident: the job already reported why.
    if (folder.notCreated) {
      const error = `Not verified: the destination refused to create it (${folder.notCreated})`;
      return { ...names, ...noFindings(extrasExpected), error };
    }
    if (folder.unchanged) return { ...names, ...noFindings(extrasExpected), filtered: 0 };
    const job = { folder, request, context, extrasExpected };
    const ranged = folder.range && (await this.compare(sessions, job, folder.range));
    return ranged || (await this.compare(sessions, job))!;
  }

  /**
   * Compares the folder's two sides, whole or from a delta pass's range. A range whose
   * UIDVALIDITY changed, or in which a source message is not found, answers undefined: the
   * message may be elsewhere in the folder, so the whole folder is compared instead.
   */
  private async compare(
    sessions: AuditSessions,
    { folder, request, context, extrasExpected }: FolderJob,
    range?: PassRange,
  ): Promise<FolderAudit | undefined> {
    const names = { source: folder.source, destination: folder.destination };
    const read = await readBothSides(sessions, names, request.messages, range);
    if (read === 'renumbered') return undefined;
    if ('refused' in read) {
      return { ...names, ...noFindings(extrasExpected), error: `Not verified: ${read.refused}` };
    }
    const [source, destination] = read.sides;
    if (!source) {
      const error = 'The source folder no longer exists';
      return { ...names, ...noFindings(extrasExpected), error };
    }
    // A destination folder that is gone holds nothing: every source message is then missing.
    const sides = {
      source: source.table,
      destination: destination?.table ?? new LetterTable().seal(),
    };
    const skippedIn = context.skipMessagesIn.get(folder.source) ?? [];
    const rules = {
      refusedUids: new Set(folder.refusedUids),
      skipped: await identitiesIn(sessions.source, skippedIn),
      extrasExpected,
      deep: request.deep === true,
    };
    await this.readDigests(sessions, names, sides, rules);
    const found = compareSides(sides, rules);
    // A range's findings are few: held, so that one missing message sends the folder whole.
    const findings = range ? [...found] : found;
    if (Array.isArray(findings) && findings.some((f) => f.kind === 'missing')) return undefined;
    const report = new FolderReport(names, sessions, this.report, extrasExpected);
    for (const finding of findings) {
      this.signal.throwIfAborted();
      await report.add(finding);
    }
    await report.flush();
    return { ...names, ...report.result(), filtered: source.filtered };
  }

  /** The bytes of every letter the comparison needs, both sides at once, into the tables. */
  private async readDigests(
    sessions: AuditSessions,
    names: { source: string; destination: string },
    sides: FolderSides,
    rules: ComparisonRules,
  ): Promise<void> {
    const needed = digestsNeeded(sides, rules);
    const read = (session: FolderReader, folder: string, table: LetterTable, rows: number[]) =>
      fetchDigests(session, folder, lettersAt(table, rows), (uid, digest) =>
        table.setDigest(table.rowOf(uid), digest),
      );
    await Promise.all([
      read(sessions.source, names.source, sides.source, needed.source),
      read(sessions.destination, names.destination, sides.destination, needed.destination),
    ]);
  }
}

/** UID and size of each of these rows, made one at a time as they are read. */
function* lettersAt(table: LetterTable, rows: number[]): Generator<{ uid: number; size: number }> {
  for (const row of rows) yield table.uidAndSize(row);
}

/**
 * What the planner told the audit (job.planned, stored by the orchestrator, carried by the
 * request): per source folder, the folders whose messages its copy left out, and which
 * destination folders show every message. Null for a job planned before the plan said which
 * destinations do: listedContext then learns it from the servers.
 */
function plannedContext(request: JobAuditRequested): AuditContext | null {
  if (request.folders.some((f) => f.destinationIsView === undefined)) return null;
  const views = request.folders.filter((f) => f.destinationIsView).map((f) => f.destination);
  return { skipMessagesIn: carriedSkips(request), destinationViews: new Set(views) };
}

/** Per source folder, the folders the request says its copy left out. */
function carriedSkips(request: JobAuditRequested): Map<string, string[]> {
  return new Map(
    request.folders.flatMap((f) => (f.skipMessagesIn ? [[f.source, f.skipMessagesIn]] : [])),
  );
}

/**
 * The planner's rules applied again, to a job planned before the plan carried them all: the
 * destination listed for its views, and (if the request carries no left-out folders) the
 * source listed for its All Mail.
 */
async function listedContext(
  request: JobAuditRequested,
  source: ImapSession,
  destination: ImapSession,
): Promise<AuditContext> {
  const carried = carriedSkips(request);
  const [skipMessagesIn, destinationFolders] = await Promise.all([
    carried.size > 0 ? carried : relistedSkips(request, source),
    listFolders(destination),
  ]);
  const views = destinationFolders.filter(showsAllMail).map((f) => f.path);
  return { skipMessagesIn, destinationViews: new Set(views) };
}

/** The source's All Mail, listed afresh, leaves out every other audited folder. */
async function relistedSkips(
  request: JobAuditRequested,
  source: ImapSession,
): Promise<Map<string, string[]>> {
  const { allMail } = planLabelSource(await listFolders(source));
  if (!allMail) return new Map();
  const labels = request.folders.map((f) => f.source).filter((path) => path !== allMail);
  return new Map([[allMail, labels]]);
}
