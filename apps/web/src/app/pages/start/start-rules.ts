import type { JobOptions, JobSwitch } from '@btsx/contracts';
import {
  describeFolderMapRule,
  folderPatternProblem,
  folderRulesOption,
  type MessageFilter,
  messageFilterOption,
  messageFilterProblem,
  parseFolderMapRule,
  typedFolderMapRuleProblem,
  JOB_OPTION_TEXTS,
  type JobOptionText,
} from '@btsx/contracts/core';

export interface StartReadiness {
  sourceAuthenticated: boolean;
  destinationAuthenticated: boolean;
  termsAgreed: boolean;
  /** Every folder pattern and folder rule compiles. */
  foldersValid: boolean;
  /** The message filter can be applied (its dates in order). */
  messagesValid: boolean;
  /** The speed limits are numbers the API takes. */
  speedValid: boolean;
  /** "When" is now, or a schedule the API takes. */
  scheduleValid: boolean;
}

/** What still stands between the person and Preview: Start's needs but the terms. */
export function missingForPreview(r: Omit<StartReadiness, 'termsAgreed'>): string[] {
  const missing: string[] = [];
  if (!r.sourceAuthenticated) missing.push('authenticate the source account');
  if (!r.destinationAuthenticated) missing.push('authenticate the destination account');
  if (!r.foldersValid) missing.push('correct the folder patterns and rules');
  if (!r.messagesValid) missing.push('correct the message filter');
  if (!r.speedValid) missing.push('correct the speed limits');
  if (!r.scheduleValid) missing.push('correct the schedule');
  return missing;
}

/** What still stands between the person and Start Migration; empty when nothing does. */
export function missingForStart(r: StartReadiness): string[] {
  const terms = r.termsAgreed ? [] : ['agree to the Terms of Service'];
  return [...missingForPreview(r), ...terms];
}

export interface OptionChoice extends JobOptionText {
  key: JobSwitch;
}

/** The page's checkboxes: each option's label and its one description, from the contracts. */
export const OPTION_CHOICES: readonly OptionChoice[] = (
  Object.keys(JOB_OPTION_TEXTS) as JobSwitch[]
).map((key) => ({ key, ...JOB_OPTION_TEXTS[key] }));

/** Every option off but Verify: the user selects the others, each for what it costs. */
export const DEFAULT_OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: false,
  reconcileExisting: false,
  verify: true,
};

/** The page's folder fields: patterns, and rules (`FROM => TO`), one a line. */
export interface FolderFields {
  include: string;
  exclude: string;
  map: string;
}

/** The patterns of a field: one a line, blanks around them and blank lines dropped. */
export function patternLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What `problemOf` says of the first line of a field it refuses; null when it takes all. */
function firstProblem(text: string, problemOf: (line: string) => string | undefined) {
  for (const line of patternLines(text)) {
    const problem = problemOf(line);
    if (problem) return problem;
  }
  return null;
}

/** What is wrong with the first pattern of a field that does not compile; null when none. */
export function patternsProblem(text: string): string | null {
  return firstProblem(text, (pattern) => {
    const problem = folderPatternProblem(pattern);
    return problem && `${pattern}: ${problem}`;
  });
}

/** What is wrong with the first rule of the rules field that does not compile; null when none. */
export function rulesProblem(text: string): string | null {
  return firstProblem(text, typedFolderMapRuleProblem);
}

/** The folder fields as JobOptions.folders: nothing when all are empty. */
export function folderRules(fields: FolderFields): Pick<JobOptions, 'folders'> {
  return folderRulesOption({
    include: patternLines(fields.include),
    exclude: patternLines(fields.exclude),
    map: patternLines(fields.map).flatMap((line) => parseFolderMapRule(line) ?? []),
  });
}

/** JobOptions.folders back into the fields (a page restored after an OAuth sign-in). */
export function folderFields({ folders }: Pick<JobOptions, 'folders'>): FolderFields {
  const lines = (entries?: string[]) => (entries ?? []).join('\n');
  return {
    include: lines(folders?.include),
    exclude: lines(folders?.exclude),
    map: lines(folders?.map?.map(describeFolderMapRule)),
  };
}

/** The page's message fields: dates as a date input gives them (YYYY-MM-DD), size in MB. */
export interface MessageFields {
  since: string;
  before: string;
  maxMegabytes: number | null;
  skipDeleted: boolean;
}

export const NO_MESSAGE_FILTER: MessageFields = {
  since: '',
  before: '',
  maxMegabytes: null,
  skipDeleted: false,
};

const MEGABYTE = 1024 * 1024;

/** The message fields as JobOptions.messages: days begin at midnight where the person is. */
export function messageFilter(fields: MessageFields): Pick<JobOptions, 'messages'> {
  const { since, before, maxMegabytes, skipDeleted } = fields;
  return messageFilterOption({
    since: since ? localMidnight(since) : undefined,
    before: before ? localMidnight(before) : undefined,
    maxBytes: maxMegabytes ? Math.round(maxMegabytes * MEGABYTE) : undefined,
    skipDeleted,
  });
}

/** Why the message fields cannot be applied; null when they can. */
export function messageFieldsProblem(fields: MessageFields): string | null {
  if (fields.maxMegabytes !== null && !(fields.maxMegabytes > 0)) {
    return 'The largest message must be more than 0 MB';
  }
  const filter: MessageFilter = messageFilter(fields).messages ?? {};
  return messageFilterProblem(filter) ?? null;
}

/** JobOptions.messages back into the fields (a page restored after an OAuth sign-in). */
export function messageFields({ messages }: Pick<JobOptions, 'messages'>): MessageFields {
  if (!messages) return NO_MESSAGE_FILTER;
  const day = (time?: string) => time?.slice(0, 10) ?? '';
  const { maxBytes } = messages;
  return {
    since: day(messages.since),
    before: day(messages.before),
    maxMegabytes: maxBytes === undefined ? null : maxBytes / MEGABYTE,
    skipDeleted: messages.skipDeleted === true,
  };
}

/** "2024-03-01" as the start of that day in the browser's time zone, with its offset. */
export function localMidnight(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const east = -new Date(year, month - 1, day).getTimezoneOffset();
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  const offset = `${east < 0 ? '-' : '+'}${pad(Math.abs(east) / 60)}:${pad(Math.abs(east) % 60)}`;
  return `${date}T00:00:00${offset}`;
}
