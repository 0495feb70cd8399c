import { AuditFolderRequest, FolderAudit, JobAuditRequested } from '@btsx/contracts';
import {
  IdentifiedMessage,
  ImapError,
  ImapSession,
  listFolders,
  planLabelSource,
  readIdentities,
} from '@btsx/imap';
import { compareFolder, noFindings } from './folder-comparison';

const ALL_MAIL = '\\All';

/** What the auditor learns once per job, before it compares folders. */
interface AuditContext {
  /** The source's All Mail (Gmail), whose labelled messages the copy left out. */
  allMail?: string;
  /** Every audited source folder: the labels All Mail's messages went with. */
  sourceFolders: string[];
  /** Destination folders that show every message (Gmail's All Mail): extras are expected. */
  destinationViews: Set<string>;
}

/**
 * The completeness audit of one job on two open sessions: per folder pair, reads every
 * message's identity and flags on both sides (EXAMINE, so nothing changes) and compares
 * them. `onFolder` runs after each folder, for heartbeats.
 */
export class JobAuditor {
  constructor(
    private readonly source: ImapSession,
    private readonly destination: ImapSession,
    private readonly signal: AbortSignal,
    private readonly onFolder: () => void = () => undefined,
  ) {}

  async audit(request: JobAuditRequested): Promise<FolderAudit[]> {
    const context = await this.context(request);
    const audits: FolderAudit[] = [];
    for (const folder of request.folders) {
      this.signal.throwIfAborted();
      audits.push(await this.auditFolder(folder, request.deleteSource, context));
      this.onFolder();
    }
    return audits;
  }

  private async context(request: JobAuditRequested): Promise<AuditContext> {
    const { allMail } = planLabelSource(await listFolders(this.source));
    const destinationViews = (await listFolders(this.destination))
      .filter((f) => f.specialUse === ALL_MAIL)
      .map((f) => f.path);
    return {
      allMail,
      sourceFolders: request.folders.map((f) => f.source),
      destinationViews: new Set(destinationViews),
    };
  }

  private async auditFolder(
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
      readOrMissing(this.source, folder.source),
      readOrMissing(this.destination, folder.destination),
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
      folder.source === context.allMail ? await this.labelled(context) : new Set<string>();
    const findings = compareFolder(
      { source, destination },
      { refusedUids: new Set(folder.refusedUids), skipped, extrasExpected },
    );
    return { ...names, ...findings };
  }

  /** Identities of every other audited source folder: the copy skipped these in All Mail. */
  private async labelled(context: AuditContext): Promise<Set<string>> {
    const identities = new Set<string>();
    for (const folder of context.sourceFolders) {
      if (folder === context.allMail) continue;
      const found = await readOrMissing(this.source, folder);
      for (const identity of found?.keys() ?? []) identities.add(identity);
    }
    return identities;
  }
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
