import { CopyTask, JobPlanned, JobRequested, PlannedFolder } from '@btsx/contracts';
import {
  ensureFolder,
  FolderMapping,
  ImapError,
  ImapSession,
  listFolders,
  ListedFolders,
  planFolderMapping,
  planLabelSource,
  RemoteFolder,
} from '@btsx/imap';
import { splitUidRanges } from './uid-ranges';

export interface JobPlan {
  planned: JobPlanned;
  tasks: CopyTask[];
}

/**
 * Plans one job on two open sessions: maps every source folder onto the destination,
 * creates what is missing there, counts messages when asked, and cuts copy tasks. A folder
 * the destination refuses to create gets no task and carries the server's reason instead.
 */
export class JobPlanner {
  /** `publishTask` hands each folder's tasks to the copiers as soon as its folder exists. */
  constructor(
    private readonly source: ImapSession,
    private readonly destination: ImapSession,
    private readonly signal: AbortSignal,
    private readonly publishTask: (task: CopyTask) => Promise<void>,
    /** DISCOVERY_RANGE_MESSAGES: folders of twice this many messages are cut; 0 never. */
    private readonly rangeMessages = 0,
  ) {}

  async plan(job: JobRequested): Promise<JobPlan> {
    // Counts cut large folders into ranges; with LIST-STATUS they cost no extra round trip.
    const withCounts = job.options.progressUpdates || this.source.hasCapability('LIST-STATUS');
    const listed = await listFolders(this.source, { withCounts });
    const notOwned = listed.filter((f) => f.foreign).map((f) => f.path);
    const { folders: sourceFolders, allMail } = planLabelSource(listed.filter((f) => !f.foreign));
    const destinationFolders = (await listFolders(this.destination)).filter((f) => !f.foreign);
    const mappings = planFolderMapping(
      sourceFolders,
      destinationFolders,
      this.destination.namespaces.personal,
    );
    const selectable = new Set(sourceFolders.filter((f) => !f.noSelect).map((f) => f.path));
    const ready = new Set(
      destinationFolders.filter((f) => f.subscribed && !f.noSelect).map((f) => f.path),
    );
    const existing = new Map(destinationFolders.map((f) => [f.path, f]));

    const folders: PlannedFolder[] = [];
    const tasks: CopyTask[] = [];
    for (const [position, mapping] of mappings.entries()) {
      this.signal.throwIfAborted();
      // A folder already there and subscribed costs nothing; CREATE and SUBSCRIBE are the
      // server's slowest commands (ours: ~15 ms each on Maildir), so 1,000 folders add up.
      const refusal = ready.has(mapping.destination)
        ? undefined
        : await this.refusalOf(mapping.destination, existing);
      if (!selectable.has(mapping.source)) continue;
      const listedFolder = sourceFolders.find((f) => f.path === mapping.source);
      // Unknown (no task is skipped on a guess) when the server gave no count for the folder.
      const messages = job.options.progressUpdates ? listedFolder?.messages : undefined;
      const { source, destination } = mapping;
      // Derived here alone: the tasks and the audit take it from the plan.
      const skipMessagesIn =
        mapping.source === allMail ? labelFolders(sourceFolders, allMail) : undefined;
      const planned = { source, destination, messages, skipMessagesIn };
      if (refusal) {
        folders.push({ ...planned, taskIds: [], error: refusal });
        continue;
      }
      const folderTasks = this.tasksFor(
        job,
        { ...mapping, skipMessagesIn },
        position,
        listedFolder,
      );
      for (const task of folderTasks) await this.publishTask(task);
      tasks.push(...folderTasks);
      folders.push({ ...planned, taskIds: folderTasks.map((t) => t.taskId) });
    }
    const planned = { jobId: job.jobId, folders, ...(notOwned.length > 0 ? { notOwned } : {}) };
    return { planned, tasks };
  }

  /**
   * Creates the folder, or answers why the destination refused it (a folder under a refused
   * one is refused in turn, by the same CREATE of its parent). A connection lost or a server
   * throttling still throws: the whole plan is retried.
   */
  private async refusalOf(path: string, existing: ListedFolders): Promise<string | undefined> {
    try {
      await ensureFolder(this.destination, path, existing);
      return undefined;
    } catch (error) {
      if (error instanceof ImapError && error.permanent) return error.message;
      throw error;
    }
  }

  /** One task per UID range of the folder; a counted empty folder needs none, nor does Folders Only. */
  private tasksFor(
    job: JobRequested,
    mapping: FolderMapping & { skipMessagesIn?: string[] },
    position: number,
    listed: RemoteFolder | undefined,
  ): CopyTask[] {
    if (job.options.foldersOnly || listed?.messages === 0) return [];
    // Every task of All Mail reads all label folders first: cutting it would repeat that read.
    const ranges = mapping.skipMessagesIn
      ? [{ uidFrom: 1 }]
      : splitUidRanges(listed, this.rangeMessages);
    return ranges.map((range, n) => ({
      taskId: `${job.jobId}/${position}/${n}`,
      jobId: job.jobId,
      sourceCredentialId: job.sourceCredentialId,
      destinationCredentialId: job.destinationCredentialId,
      sourceFolder: mapping.source,
      destinationFolder: mapping.destination,
      skipMessagesIn: mapping.skipMessagesIn,
      ...range,
      options: job.options,
    }));
  }
}

/** Every other selectable folder: a message in any of them is not All Mail's to copy. */
function labelFolders(folders: RemoteFolder[], allMail: string): string[] {
  return folders.filter((f) => !f.noSelect && f.path !== allMail).map((f) => f.path);
}
