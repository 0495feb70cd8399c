import {
  compileMessageFilter,
  filtersByDate,
  JobOptions,
  PlanEstimate,
  PlanFolderView,
  PlanLeftOutView,
  PlanTotals,
  PlanView,
  serverLimits,
} from '@btsx/contracts';
import {
  FolderMapping,
  FolderReader,
  ImapSession,
  listMessageSizes,
  type ListedMessage,
  identitiesIn,
  readLetters,
} from '@btsx/imap';
import { labelFolders, Survey, surveyFolders } from './folder-survey';
import { pacedSeconds } from './paced-estimate';

/** Work the machine does per message, both servers and the audit included (performance.md). */
const SECONDS_PER_MESSAGE = 0.002;
/** A job's fixed cost: starting, planning and auditing through the services. */
const SECONDS_PER_JOB = 1;
/** Folders the plan lists at once on its reader: at a distance each is a few round trips. */
const FOLDERS_AT_ONCE = 8;
/** Folders a job copies side by side (copier slots), for the estimate. */
const LANES = 4;
/** At most this much of the source is read to measure how fast it sends. */
const SAMPLE_BYTES = 2 * 1024 * 1024;
const SAMPLE_MESSAGES = 20;

/** One folder's messages as the plan counts them. */
interface FolderCount {
  kept: ListedMessage[];
  filtered: number;
}

/**
 * What a job of these options would do, found on two open sessions without writing to
 * either: the planner's survey (the same folder selection and mapping), each folder's
 * messages listed and filtered as a copier would, and a short measurement of both servers.
 */
export class PlanPreview {
  /** `reader` lists the source's folders, several at once; the sessions survey. */
  constructor(
    private readonly source: ImapSession,
    private readonly destination: ImapSession,
    private readonly reader: FolderReader,
  ) {}

  async view(options: JobOptions): Promise<PlanView> {
    const survey = await surveyFolders(this.source, this.destination, options, false);
    // The sessions are idle while the reader lists: their round trips are timed meanwhile.
    const roundTrips = Promise.all([
      bestOf(3, () => this.source.roundTripMs()),
      bestOf(3, () => this.destination.roundTripMs()),
    ]);
    roundTrips.catch(() => undefined);
    const limit = this.destinationLimit();
    const copied = survey.mappings.filter((m) => this.isCopied(survey, m));
    const counts = options.foldersOnly
      ? copied.map(() => ({ kept: [], filtered: 0 }))
      : await inLanes(copied, FOLDERS_AT_ONCE, (mapping) => this.count(survey, mapping, options));
    const folders = copied.map((mapping, n) => folderView(survey, mapping, counts[n], limit));
    const totals = totalsOf(folders);
    return {
      folders,
      leftOut: leftOutOf(survey),
      totals,
      destinationLimit: limit ?? null,
      estimate: await this.estimate(totals, counts, copied, await roundTrips, options),
    };
  }

  /** The planner plans every selectable folder of the source that it mapped. */
  private isCopied(survey: Survey, mapping: FolderMapping): boolean {
    const listed = survey.sourceFolders.find((f) => f.path === mapping.source);
    return listed !== undefined && !listed.noSelect;
  }

  /** The destination's APPENDLIMIT or its provider's known limit, whichever is lower. */
  private destinationLimit(): number | undefined {
    const limits = [
      this.destination.appendLimit,
      serverLimits(this.destination.endpoint).maxMessageBytes,
    ];
    const known = limits.filter((limit): limit is number => limit !== undefined);
    return known.length > 0 ? Math.min(...known) : undefined;
  }

  /**
   * The folder's messages as its copy would take them: those the filter keeps, and (for All
   * Mail) of those only the ones no label folder holds, since those arrive with their labels.
   * Every message listed is counted once, as the job counts it: filtered, or not.
   */
  private async count(
    survey: Survey,
    { source }: FolderMapping,
    options: JobOptions,
  ): Promise<FolderCount> {
    const filter = options.messages;
    const isAllMail = source === survey.allMail;
    // The EXAMINE and the listing go together; an empty folder's listing is let go.
    const opened = this.reader.openFolder(source, true);
    const listing: Promise<(ListedMessage & { identity?: string })[]> = isAllMail
      ? collect(readLetters(this.reader, source, '1:*', {}, filtersByDate(filter)))
      : listMessageSizes(this.reader, source, { from: 1 }, { readOnly: true }, filter);
    listing.catch(() => undefined);
    if ((await opened).exists === 0) return { kept: [], filtered: 0 };
    const listed = await listing;
    const leavesOut = compileMessageFilter(filter);
    const kept = listed.filter((message) => !leavesOut(message));
    const filtered = listed.length - kept.length;
    if (!isAllMail) return { kept, filtered };
    const labelled = await identitiesIn(this.reader, labelFolders(survey.sourceFolders, source));
    return { kept: kept.filter((m) => !labelled.has(m.identity!)), filtered };
  }

  /**
   * Round trips measured on both servers (the best of three NOOPs), the source's speed on a
   * sample of the largest folder's messages, and the job's costs as performance.md found them.
   */
  private async estimate(
    totals: PlanTotals,
    counts: FolderCount[],
    folders: FolderMapping[],
    [sourceRoundTripMs, destinationRoundTripMs]: number[],
    options: JobOptions,
  ): Promise<PlanEstimate> {
    const sourceBytesPerSecond = await this.sourceSpeed(counts, folders);
    const roundTrip = Math.max(sourceRoundTripMs, destinationRoundTripMs) / 1000;
    const lanes = Math.max(1, Math.min(LANES, counts.filter((c) => c.kept.length > 0).length));
    // Each APPEND waits for its `+` into a server without LITERAL+: two round trips a message.
    const appends = this.destination.appendsOneAtATime
      ? (totals.messages * 2 * destinationRoundTripMs) / 1000
      : 0;
    const transfer = sourceBytesPerSecond ? totals.bytes / sourceBytesPerSecond : 0;
    const unpaced =
      SECONDS_PER_JOB +
      4 * roundTrip +
      (3 * roundTrip * folders.length + appends + transfer) / lanes +
      totals.messages * SECONDS_PER_MESSAGE;
    const accounts = { source: this.source.endpoint, destination: this.destination.endpoint };
    const seconds = pacedSeconds(unpaced, totals, options.limits, accounts);
    return {
      seconds: Math.round(seconds * 10) / 10,
      sourceRoundTripMs: round(sourceRoundTripMs),
      destinationRoundTripMs: round(destinationRoundTripMs),
      sourceBytesPerSecond: sourceBytesPerSecond && Math.round(sourceBytesPerSecond),
    };
  }

  /** Bytes a second the source sent its first messages of the largest folder in; null if none. */
  private async sourceSpeed(counts: FolderCount[], folders: FolderMapping[]) {
    const bytesOf = (count: FolderCount) => count.kept.reduce((n, m) => n + m.size, 0);
    const largest = counts.reduce(
      (best, count, n) => (bytesOf(count) > bytesOf(counts[best]) ? n : best),
      0,
    );
    const sample: ListedMessage[] = [];
    let bytes = 0;
    for (const message of counts[largest]?.kept ?? []) {
      if (sample.length === SAMPLE_MESSAGES || bytes + message.size > SAMPLE_BYTES) break;
      sample.push(message);
      bytes += message.size;
    }
    if (sample.length === 0 || bytes === 0) return null;
    const uids = sample.map((m) => m.uid).join(',');
    const start = performance.now();
    const rows = this.reader.fetch(folders[largest].source, { readOnly: true }, uids, {
      source: true,
    });
    for await (const row of rows) void row;
    const seconds = (performance.now() - start) / 1000;
    return seconds > 0 ? bytes / seconds : null;
  }
}

function folderView(
  survey: Survey,
  mapping: FolderMapping,
  { kept, filtered }: FolderCount,
  limit: number | undefined,
): PlanFolderView {
  const exists = survey.destinationFolders.some((f) => f.path === mapping.destination);
  return {
    source: mapping.source,
    destination: mapping.destination,
    state: exists ? 'existing' : 'new',
    renamedBecause: renamedBecause(survey, mapping),
    messages: kept.length,
    bytes: kept.reduce((n, m) => n + m.size, 0),
    filtered,
    tooLarge: limit === undefined ? 0 : kept.filter((m) => m.size > limit).length,
  };
}

/** The user's rule, or the destination's folder of the same role under another name. */
function renamedBecause(survey: Survey, mapping: FolderMapping): string | null {
  if (mapping.rule) return `by rule ${mapping.rule}`;
  const name = (path: string, folders: Survey['sourceFolders']) =>
    folders.find((f) => f.path === path)?.segments.join('/') ?? path;
  const from = name(mapping.source, survey.sourceFolders);
  const to = name(mapping.destination, survey.destinationFolders);
  if (mapping.specialUse && from !== to) return `the destination's ${mapping.specialUse} folder`;
  return null;
}

function leftOutOf(survey: Survey): PlanLeftOutView[] {
  return [
    ...survey.leftOut.map(({ path, reason }) => ({ source: path, reason })),
    ...survey.notOwned.map((source) => ({
      source,
      reason: "another user's or a shared folder, not the account's own",
    })),
  ];
}

function totalsOf(folders: PlanFolderView[]): PlanTotals {
  const sum = (pick: (f: PlanFolderView) => number) => folders.reduce((n, f) => n + pick(f), 0);
  return {
    folders: folders.length,
    newFolders: folders.filter((f) => f.state === 'new').length,
    messages: sum((f) => f.messages),
    bytes: sum((f) => f.bytes),
    filtered: sum((f) => f.filtered),
    tooLarge: sum((f) => f.tooLarge),
  };
}

async function bestOf(times: number, measure: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let n = 0; n < times; n++) best = Math.min(best, await measure());
  return best;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** `work` on every item, at most `lanes` at once; the results in the items' order. */
async function inLanes<T, R>(
  items: T[],
  lanes: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let n = next++; n < items.length; n = next++) results[n] = await work(items[n]);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}
