import {
  CopyTask,
  JobPlanned,
  JobRequested,
  PassedFolder,
  PlannedFolder,
  RenamedFolder,
  RenamedFrom,
} from '@btsx/contracts';
import { FolderMapping, ImapSession, ReadyWriter, RemoteFolder } from '@btsx/imap';
import {
  emptyMark,
  goneSince,
  markOf,
  marksBySource,
  messagesSince,
  unchangedSince,
} from './delta-plan';
import { FolderPlacer, Placement } from './folder-placer';
import { findRenames, followRenames } from './folder-renames';
import { leftOutSummary } from './folder-selection';
import { labelFolders, Survey, surveyFolders } from './folder-survey';
import { splitUidRanges } from './uid-ranges';

interface FolderToPlan extends FolderMapping {
  position: number;
  placement: Placement;
  listed: RemoteFolder;
}

export interface PlannerOptions {
  /** DISCOVERY_RANGE_MESSAGES: folders of twice this many messages are cut; 0 never. */
  rangeMessages?: number;
  /** Creates the plan's folders all at once, if ready; without it they are made one at a time. */
  writer?: ReadyWriter;
}

export interface JobPlan {
  planned: JobPlanned;
  tasks: CopyTask[];
}

/**
 * Into a server that takes one APPEND at a time (Courier: two round trips a message), a
 * folder of twice this many messages is cut into ranges of about this size even when
 * DISCOVERY_RANGE_MESSAGES is 0, so several writers share it: a 440-message INBOX would
 * otherwise take 35 s alone at a 40 ms round trip while the other folders' writers idle.
 */
export const ONE_AT_A_TIME_RANGE_MESSAGES = 50;

/**
 * Plans one job on two open sessions: maps every source folder onto the destination,
 * creates what is missing there, counts messages when asked, and cuts copy tasks. A folder
 * the destination refuses to create gets no task and carries the server's reason instead.
 */
export class JobPlanner {
  /** A delta pass's marks of the previous pass, by source folder. */
  private marks = new Map<string, PassedFolder>();
  /** A delta pass: the folders renamed since the previous pass, by their source name now. */
  private renamedFrom = new Map<string, RenamedFrom>();

  /** `publishTask` hands each folder's tasks to the copiers as soon as its folder exists. */
  constructor(
    private readonly source: ImapSession,
    private readonly destination: ImapSession,
    private readonly signal: AbortSignal,
    private readonly publishTask: (task: CopyTask) => Promise<void>,
    private readonly options: PlannerOptions = {},
  ) {}

  async plan(job: JobRequested): Promise<JobPlan> {
    this.marks = marksBySource(job.since);
    const surveyed = await this.survey(job);
    const renamed = await this.followRenames(job, surveyed);
    const survey = { ...surveyed, mappings: this.wherePassed(surveyed.mappings) };
    const { destinationFolders } = survey;
    const placer = new FolderPlacer(this.destination, destinationFolders, this.options.writer?.());
    const positions = [...survey.mappings.keys()];
    // Folders already there (INBOX, the special-use ones) are copied while the rest are made.
    const isThere = (n: number) => placer.isThere(survey.mappings[n].destination);
    const there = positions.filter(isThere);
    const made = positions.filter((n) => !isThere(n));
    const planned = await this.placeAndPublish(job, survey, placer, there);
    await placer.prepare(made.map((n) => survey.mappings[n].destination));
    planned.push(...(await this.placeAndPublish(job, survey, placer, made)));
    planned.sort((a, b) => a.position - b.position);
    const { notOwned } = survey;
    const leftOut = leftOutSummary(survey.leftOut);
    const folders = planned.map((p) => p.folder);
    const gone = goneSince(job.since, survey.sourceFolders).filter(
      (source) => !renamed.some((r) => r.from === source),
    );
    return {
      planned: {
        jobId: job.jobId,
        folders,
        ...(notOwned.length > 0 && { notOwned }),
        ...(leftOut && { leftOut }),
        ...(gone.length > 0 && { goneSinceLastPass: gone }),
        ...(renamed.length > 0 && { renamedSinceLastPass: renamed }),
      },
      tasks: planned.flatMap((p) => p.tasks),
    };
  }

  /** The folders at these positions placed, in order, each one's tasks sent as it is. */
  private async placeAndPublish(
    job: JobRequested,
    survey: Survey,
    placer: FolderPlacer,
    positions: number[],
  ): Promise<{ position: number; folder: PlannedFolder; tasks: CopyTask[] }[]> {
    const planned = [];
    for (const position of positions) {
      this.signal.throwIfAborted();
      const mapping = survey.mappings[position];
      const placement = await placer.place(mapping.destination);
      const listed = survey.sourceFolders.find((f) => f.path === mapping.source);
      if (!listed || listed.noSelect) continue;
      const { folder, tasks } = this.planFolder(
        job,
        { ...mapping, position, placement, listed },
        survey,
      );
      for (const task of tasks) await this.publishTask(task);
      planned.push({ position, folder, tasks });
    }
    return planned;
  }

  /**
   * A delta pass: folders renamed at the source since the previous pass (where MAILBOXID tells)
   * take over their old names' marks, so their copies go on instead of starting over.
   */
  private async followRenames(job: JobRequested, survey: Survey): Promise<RenamedFolder[]> {
    const renames = await findRenames(
      this.source,
      job.since,
      survey.mappings,
      survey.sourceFolders,
    );
    if (renames.length === 0) return [];
    const mapped = (source: string) =>
      survey.mappings.find((m) => m.source === source)?.destination;
    const mirror = job.options.mirrorDeletions === true;
    const followed = await followRenames(this.destination, survey.destinationFolders, renames, {
      mirror,
      mapped,
    });
    for (const { passed, renamedFrom } of followed) {
      this.marks.set(passed.source, passed);
      this.renamedFrom.set(passed.source, renamedFrom);
    }
    return followed.map((f) => f.renamed);
  }

  /**
   * A folder a previous pass copied goes on into the copy it made then, wherever that is (a
   * folder renamed at the source keeps its copy's name unless the pass renamed it there too).
   */
  private wherePassed(mappings: FolderMapping[]): FolderMapping[] {
    return mappings.map((m) => {
      const passed = this.marks.get(m.source);
      return passed ? { ...m, destination: passed.destination } : m;
    });
  }

  /**
   * Both sides surveyed: counts cut large folders into ranges, tell a delta pass which folders
   * changed, and cost nothing with LIST-STATUS.
   */
  private survey(job: JobRequested): Promise<Survey> {
    const withCounts =
      job.options.progressUpdates ||
      job.since !== undefined ||
      this.source.hasCapability('LIST-STATUS') ||
      this.rangeSize() > 0;
    return surveyFolders(this.source, this.destination, job.options, withCounts);
  }

  /** A folder's entry in the plan and its copy tasks (none when the destination refused it). */
  private planFolder(
    job: JobRequested,
    { source, rule, position, placement, listed }: FolderToPlan,
    { sourceFolders, destinationViews, allMail }: Survey,
  ): { folder: PlannedFolder; tasks: CopyTask[] } {
    const { destination, refusal, substituted } = placement;
    // Derived here alone: the tasks and the audit take it from the plan.
    const skipMessagesIn = source === allMail ? labelFolders(sourceFolders, source) : undefined;
    const folder: PlannedFolder = {
      source,
      destination,
      // Unknown (no task is skipped on a guess) when the server gave no count for the folder.
      messages: job.options.progressUpdates ? this.toCopy(source, destination, listed) : undefined,
      skipMessagesIn,
      destinationIsView: destinationViews.has(destination),
      ...(rule && { rule }),
      taskIds: [],
      ...(substituted && { refusedName: substituted.name, refusedBecause: substituted.reason }),
    };
    if (refusal) return { folder: { ...folder, error: refusal }, tasks: [] };
    const passed = this.passedTo(source, destination);
    if (passed && unchangedSince(passed, listed)) {
      return { folder: { ...folder, mark: markOf(passed) }, tasks: [] };
    }
    const tasks = this.tasksFor(job, { source, destination, skipMessagesIn }, position, listed);
    const empty = tasks.length === 0 && !job.options.foldersOnly ? emptyMark(listed) : undefined;
    return { folder: { ...folder, taskIds: tasks.map((t) => t.taskId), mark: empty }, tasks };
  }

  /** The previous pass's mark of this folder, while it still goes where it went then. */
  private passedTo(source: string, destination: string): PassedFolder | undefined {
    const passed = this.marks.get(source);
    return passed?.destination === destination ? passed : undefined;
  }

  /** The messages the folder's copy will handle: all, or in a delta pass those since its mark. */
  private toCopy(source: string, destination: string, listed: RemoteFolder): number | undefined {
    const passed = this.passedTo(source, destination);
    return passed ? messagesSince(passed, listed) : listed.messages;
  }

  private rangeSize(): number {
    const { rangeMessages = 0 } = this.options;
    if (rangeMessages > 0) return rangeMessages;
    return this.destination.appendsOneAtATime ? ONE_AT_A_TIME_RANGE_MESSAGES : 0;
  }

  /** One task per UID range of the folder; a counted empty folder needs none, nor does Folders Only. */
  private tasksFor(
    job: JobRequested,
    mapping: FolderMapping & { skipMessagesIn?: string[] },
    position: number,
    listed: RemoteFolder,
  ): CopyTask[] {
    if (job.options.foldersOnly) return [];
    const passed = this.marks.get(mapping.source);
    if (passed?.destination === mapping.destination)
      return [this.deltaTask(job, mapping, position, passed)];
    if (listed.messages === 0) return [];
    // Every task of All Mail reads all label folders first: cutting it would repeat that read.
    const ranges = mapping.skipMessagesIn
      ? [{ uidFrom: 1 }]
      : splitUidRanges(listed, this.rangeSize());
    return ranges.map((range, n) => ({
      taskId: `${job.jobId}/${position}/${n}`,
      jobId: job.jobId,
      sourceFolder: mapping.source,
      destinationFolder: mapping.destination,
      skipMessagesIn: mapping.skipMessagesIn,
      listedMessages: listed.messages,
      listedUidNext: listed.uidNext,
      ...range,
      options: job.options,
    }));
  }

  /**
   * A changed folder's delta task: the messages from the mark on, and the flags changed below
   * it. Never cut into ranges: what changed is small next to the folder.
   */
  private deltaTask(
    job: JobRequested,
    mapping: FolderMapping & { skipMessagesIn?: string[] },
    position: number,
    passed: PassedFolder,
  ): CopyTask {
    return {
      taskId: `${job.jobId}/${position}/0`,
      jobId: job.jobId,
      sourceFolder: mapping.source,
      destinationFolder: mapping.destination,
      skipMessagesIn: mapping.skipMessagesIn,
      uidFrom: passed.uidNext,
      since: markOf(passed),
      renamedFrom: this.renamedFrom.get(mapping.source),
      options: job.options,
    };
  }
}
