/**
 * Which messages of the selected folders a job copies (`options.messages`): every one unless
 * a filter leaves it out. A message left out is counted as "filtered", never as missing.
 * - `since`, `before`: its INTERNALDATE (when the server received it) is at or after `since`
 *   and before `before`. Each is an ISO 8601 date (midnight UTC) or a time with its offset.
 * - `maxBytes`: its size (RFC822.SIZE) is at most this.
 * - `skipDeleted`: it is not flagged \Deleted.
 * A message whose server did not say its date is copied: a filter never loses mail by doubt.
 */
export interface MessageFilter {
  since?: string;
  before?: string;
  maxBytes?: number;
  skipDeleted?: boolean;
}

/** What a filter looks at: what a listing of the folder tells of each message. */
export interface FilterableMessage {
  size: number;
  internalDate?: Date;
  flags?: readonly string[];
}

const DELETED = '\\Deleted';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A filter's date as a time; undefined when it is none (messageFilterProblem says so). */
export function filterTime(value: string): number | undefined {
  if (!ISO_DATE.test(value) && !ISO_TIME.test(value)) return undefined;
  const time = Date.parse(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? undefined : time;
}

/** What is wrong with a filter, in words, or undefined when it can be applied. */
export function messageFilterProblem(filter: MessageFilter): string | undefined {
  return filterDateProblem('since', filter.since) ?? filterBoundsProblem(filter);
}

/** Why `since` or `before` is not a date, or undefined when it is one (or absent). */
export function filterDateProblem(bound: 'since' | 'before', value: unknown): string | undefined {
  const problem = notADate(value);
  return problem && `${bound}: ${problem}`;
}

/** Why a filter's date is none, in words; undefined when it is one (or absent). */
export function notADate(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && filterTime(value) !== undefined) return undefined;
  return `${JSON.stringify(value)} is not a date (2024-01-31, or 2024-01-31T00:00:00+01:00)`;
}

/** Why `before` is not a date or not after `since`, or undefined when both fit. */
export function filterBoundsProblem(filter: MessageFilter): string | undefined {
  const { since, before } = filter;
  const problem = filterDateProblem('before', before);
  if (problem || since === undefined || before === undefined) return problem;
  const [from, to] = [filterTime(since), filterTime(before)];
  if (from === undefined || to === undefined || from < to) return undefined;
  return `since (${since}) must be earlier than before (${before}), or no message is left`;
}

/** Whether the filter leaves anything out. */
export function filtersMessages(filter: MessageFilter | undefined): filter is MessageFilter {
  if (!filter) return false;
  const { since, before, maxBytes, skipDeleted } = filter;
  return since !== undefined || before !== undefined || maxBytes !== undefined || !!skipDeleted;
}

/** Whether a filter needs each message's INTERNALDATE (the others come with a size listing). */
export function filtersByDate(filter: MessageFilter | undefined): boolean {
  return filter?.since !== undefined || filter?.before !== undefined;
}

/** Whether a message is left out by the filter: its dates read once, for a whole listing. */
export type LeavesOut = (message: FilterableMessage) => boolean;

export function compileMessageFilter(filter: MessageFilter | undefined): LeavesOut {
  if (!filtersMessages(filter)) return () => false;
  const { maxBytes, skipDeleted } = filter;
  const since = filter.since === undefined ? -Infinity : (filterTime(filter.since) ?? -Infinity);
  const before = filter.before === undefined ? Infinity : (filterTime(filter.before) ?? Infinity);
  return (message) => {
    if (maxBytes !== undefined && message.size > maxBytes) return true;
    if (skipDeleted && message.flags?.includes(DELETED)) return true;
    const received = message.internalDate?.getTime();
    if (received === undefined || Number.isNaN(received)) return false;
    return received < since || received >= before;
  };
}

/** The filter in words, one clause each: "received since 2024-01-01", "at most 10.0 MB". */
export function describeMessageFilter(filter: MessageFilter | undefined): string[] {
  if (!filter) return [];
  const clauses: string[] = [];
  if (filter.since !== undefined) clauses.push(`received since ${filter.since}`);
  if (filter.before !== undefined) clauses.push(`received before ${filter.before}`);
  if (filter.maxBytes !== undefined) clauses.push(`at most ${messageSizeInWords(filter.maxBytes)}`);
  if (filter.skipDeleted) clauses.push('not flagged \\Deleted');
  return clauses;
}

/** A message size as mail limits are said (binary units): "35.0 MB", "12 kB". */
export function messageSizeInWords(bytes: number): string {
  const MB = 1024 * 1024;
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/** "25MB", "500 KB", "1.5G", "1048576" as bytes (binary units); undefined when it is no size. */
export function parseMessageSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** The job option for a filter: nothing when it leaves nothing out, else only what is set. */
export function messageFilterOption(filter: MessageFilter): { messages?: MessageFilter } {
  if (!filtersMessages(filter)) return {};
  const entries = Object.entries(filter).filter(
    ([, value]) => value !== undefined && value !== false,
  );
  return { messages: Object.fromEntries(entries) as MessageFilter };
}
