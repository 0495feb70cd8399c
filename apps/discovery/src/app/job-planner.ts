import { CopyTask, JobPlanned, JobRequested, PlannedFolder } from '@btsx/contracts';
import {
  ensureFolder,
  FolderMapping,
  ImapSession,
  listFolders,
  planFolderMapping,
  planLabelSource,
  RemoteFolder,
} from '@btsx/imap';

export interface JobPlan {
  planned: JobPlanned;
  tasks: CopyTask[];
}

/**
 * Plans one job on two open sessions: maps every source folder onto the destination,
 * creates what is missing there, counts messages when asked, and cuts copy tasks.
 */
export class JobPlanner {
  /** `publishTask` hands each folder's tasks to the copiers as soon as its folder exists. */
  constructor(
    private readonly source: ImapSession,
    private readonly destination: ImapSession,
    private readonly signal: AbortSignal,
    private readonly publishTask: (task: CopyTask) => Promise<void>,
  ) {}

  async plan(job: JobRequested): Promise<JobPlan> {
    const withCounts = job.options.progressUpdates;
    const listed = await listFolders(this.source, { withCounts });
    const { folders: sourceFolders, allMail } = planLabelSource(listed);
    const destinationFolders = await listFolders(this.destination);
    const delimiter = destinationFolders[0]?.delimiter ?? '/';
    const mappings = planFolderMapping(sourceFolders, destinationFolders, delimiter);
    const selectable = new Set(sourceFolders.filter((f) => !f.noSelect).map((f) => f.path));

    const folders: PlannedFolder[] = [];
    const tasks: CopyTask[] = [];
    for (const [position, mapping] of mappings.entries()) {
      this.signal.throwIfAborted();
      await ensureFolder(this.destination, mapping.destination);
      if (!selectable.has(mapping.source)) continue;
      const messages = withCounts ? countOf(sourceFolders, mapping.source) : undefined;
      const skipMessagesIn =
        mapping.source === allMail ? labelFolders(sourceFolders, allMail) : undefined;
      const folderTasks = this.tasksFor(job, { ...mapping, skipMessagesIn }, position, messages);
      for (const task of folderTasks) await this.publishTask(task);
      tasks.push(...folderTasks);
      const { source, destination } = mapping;
      folders.push({ source, destination, messages, taskIds: folderTasks.map((t) => t.taskId) });
    }
    return { planned: { jobId: job.jobId, folders }, tasks };
  }

  /** One task per folder; a counted empty folder needs none, nor does Folders Only. */
  private tasksFor(
    job: JobRequested,
    mapping: FolderMapping & { skipMessagesIn?: string[] },
    position: number,
    messages: number | undefined,
  ): CopyTask[] {
    if (job.options.foldersOnly || messages === 0) return [];
    return [
      {
        taskId: `${job.jobId}/${position}/0`,
        jobId: job.jobId,
        sourceCredentialId: job.sourceCredentialId,
        destinationCredentialId: job.destinationCredentialId,
        sourceFolder: mapping.source,
        destinationFolder: mapping.destination,
        skipMessagesIn: mapping.skipMessagesIn,
        uidFrom: 1,
        options: job.options,
      },
    ];
  }
}

/** Every other selectable folder: a message in any of them is not All Mail's to copy. */
function labelFolders(folders: RemoteFolder[], allMail: string): string[] {
  return folders.filter((f) => !f.noSelect && f.path !== allMail).map((f) => f.path);
}

/** Unknown (no task is skipped on a guess) when the server gave no count for the folder. */
function countOf(folders: RemoteFolder[], path: string): number | undefined {
  return folders.find((f) => f.path === path)?.messages;
}
