import { AuditFolderRequest, FolderAudit, JobAuditRequested } from '@btsx/contracts';
import {
  IdentifiedMessage,
  ImapError,
  ImapSession,
  listFolders,
  planLabelSource,
  readIdentities,
} from '@btsx/imap';
import type { OpenSessions } from '../job-sessions';
import { FolderQueue } from './folder-queue';
import { compareFolder, noFindings } from './folder-comparison';

const ALL_MAIL = '\\All';

interface AuditSessions {
  source: ImapSession;
  destination: ImapSession;
}

/** What the auditor learns once per job, before it compares folders. */
interface AuditContext {
  /** The source's All Mail (Gmail), whose labelled messages the copy left out. */
  allMail?: string;
  /** Every audited source folder: the labels All Mail's messages went with. */
  sourceFolders: string[];
  /** Destination folders that show every message (Gmail's All Mail): extras are expected. */
  destinationViews: Set<string>;
}

/** How the audit spreads its folders over session pairs. */
export interface AuditSpread {
  /** Session pairs one audit reads folders over at most. */
  pairs: number;
  /**
   * Helper pairs log in only when the first pair's login took this long (a login is several
   * round trips): at a distance every folder costs round trips that pairs side by side
   * overlap; close by, a login costs more than it saves (on loopback a 10-message job took
   * 614 ms with four pairs, 432 ms with one).
   */
  helpAfterMs: number;
}

export const AUDIT_SPREAD: AuditSpread = { pairs: 4, helpAfterMs: 100 };

/**
 * The completeness audit of one job: per folder pair, reads every message's identity and
 * flags on both sides (EXAMINE, so nothing changes) and compares them. At a distance the
 * folders are spread over several session pairs (AuditSpread); a helper pair stops waiting
 * for connection leases once every folder is taken. `onFolder` runs after each folder, for
 * heartbeats.
 */
export class JobAuditor {
  /** Session pairs that read folders in the last audit(). */
  sessionPairs = 0;

  constructor(
    private readonly sessions: OpenSessions,
    private readonly signal: AbortSignal,
    private readonly onFolder: () => void = () => undefined,
    private readonly spread: AuditSpread = AUDIT_SPREAD,
  ) {}

  async audit(request: JobAuditRequested): Promise<FolderAudit[]> {
    const queue = new FolderQueue(request.folders);
    const helpers: Promise<void>[] = [];
    this.sessionPairs = 0;
    const started = performance.now();
    await this.sessions(async (source, destination) => {
      const loginMs = performance.now() - started;
      const context = await this.context(request, source, destination);
      if (loginMs >= this.spread.helpAfterMs)
        helpers.push(...this.helpers(queue, context, request));
      await this.drain(queue, { source, destination }, context, request.deleteSource);
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
    const help = (source: ImapSession, destination: ImapSession) =>
      this.drain(queue, { source, destination }, context, request.deleteSource);
    return Array.from({ length: Math.max(0, count) }, () =>
      this.sessions(help, queue.allTaken).catch((error: unknown) => queue.fail(error)),
    );
  }

  private async drain(
    queue: FolderQueue,
    sessions: AuditSessions,
    context: AuditContext,
    deleteSource: boolean,
  ): Promise<void> {
    this.sessionPairs++;
    for (let next = queue.take(); next; next = queue.take()) {
      try {
        this.signal.throwIfAborted();
        queue.done(next, await this.auditFolder(sessions, next.folder, deleteSource, context));
      } catch (error) {
        queue.abandon();
        throw error;
      }
      this.onFolder();
    }
  }

  private async context(
    request: JobAuditRequested,
    source: ImapSession,
    destination: ImapSession,
  ): Promise<AuditContext> {
    const [sourceFolders, destinationFolders] = await Promise.all([
      listFolders(source),
      listFolders(destination),
    ]);
    const destinationViews = destinationFolders
      .filter((f) => f.specialUse === ALL_MAIL)
      .map((f) => f.path);
    return {
      allMail: planLabelSource(sourceFolders).allMail,
      sourceFolders: request.folders.map((f) => f.source),
      destinationViews: new Set(destinationViews),
    };
  }

  private async auditFolder(
    sessions: AuditSessions,
    folder: AuditFolderRequest,
    deleteSource: boolean,
    context: AuditContext,
  ): Promise<FolderAudit> {
    const names = { source: folder.source, destination: folder.destination };
    const extrasExpected = deleteSource || context.destinationViews.has(folder.destination);
    // Its messages are not missing by accident: the job already reported why.
    if (folder.notCreated) {
      const error = `Not verified: the destination refused to create it (${folder.notCreated})`;
      return { ...names, ...noFindings(extrasExpected), error };
    }
    // Both sides at once: at a distance each read is a few round trips.
    const [source, destinationFound] = await Promise.all([
      readOrMissing(sessions.source, folder.source),
      readOrMissing(sessions.destination, folder.destination),
    ]);
    if (!source) {
      return {
        ...names,
        ...noFindings(extrasExpected),
        error: 'The source folder no longer exists',
      };
    }
    // A destination folder that is gone holds nothing: every source message is then missing.
    const destination = destinationFound ?? new Map();
    const skipped =
      folder.source === context.allMail
        ? await labelled(sessions.source, context)
        : new Set<string>();
    const findings = compareFolder(
      { source, destination },
      { refusedUids: new Set(folder.refusedUids), skipped, extrasExpected },
    );
    return { ...names, ...findings };
  }
}

/** Identities of every other audited source folder: the copy skipped these in All Mail. */
async function labelled(source: ImapSession, context: AuditContext): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const folder of context.sourceFolders) {
    if (folder === context.allMail) continue;
    const found = await readOrMissing(source, folder);
    for (const identity of found?.keys() ?? []) identities.add(identity);
  }
  return identities;
}

/** The folder's messages by identity, or null when the folder does not exist. */
async function readOrMissing(
  session: ImapSession,
  folder: string,
): Promise<Map<string, IdentifiedMessage[]> | null> {
  try {
    return await readIdentities(session, folder, { readOnly: true });
  } catch (error) {
    if (error instanceof ImapError && error.kind === 'no_such_folder') return null;
    throw error;
  }
}
