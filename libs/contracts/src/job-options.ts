import { Exclude, Expose, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { describeFolderMapRule, type FolderMapRule, folderMapRuleProblem } from './core/folder-map';
import { folderPatternProblem, type FolderRules, MAX_FOLDER_PATTERNS } from './core/folder-pattern';
import { filterBoundsProblem, filterDateProblem, type MessageFilter } from './core/message-filter';
import type { SpeedLimits } from './core/transfer-limits';

/** What an entry of a list must be: `problem` says why it is not, `name` names it. */
interface EntryCheck {
  problem(entry: unknown): string | undefined;
  name(entry: unknown): string;
}

/** Every entry passes the check given; the message names the first that does not, and why. */
@ValidatorConstraint({ name: 'everyEntry' })
class EveryEntry implements ValidatorConstraintInterface {
  validate(list: unknown, { constraints }: ValidationArguments): boolean {
    const check = constraints[0] as EntryCheck;
    return Array.isArray(list) && list.every((entry) => check.problem(entry) === undefined);
  }

  defaultMessage({ property, value, constraints }: ValidationArguments): string {
    const check = constraints[0] as EntryCheck;
    const entries: unknown[] = Array.isArray(value) ? value : [];
    const bad = entries.find((entry) => check.problem(entry) !== undefined);
    return `${property}: ${check.name(bad)}: ${check.problem(bad)}`;
  }
}

/** A list of at most MAX_FOLDER_PATTERNS entries, each passing `check`. */
function listOf(check: EntryCheck, ...more: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    const decorators = [IsArray(), ArrayMaxSize(MAX_FOLDER_PATTERNS), ...more];
    for (const decorator of [...decorators, Validate(EveryEntry, [check])]) decorator(target, key);
  };
}

const FOLDER_PATTERN: EntryCheck = {
  problem: (pattern) =>
    typeof pattern === 'string' ? folderPatternProblem(pattern) : 'it is not text',
  name: (pattern) => `folder pattern ${JSON.stringify(pattern)}`,
};

const FOLDER_RULE: EntryCheck = {
  problem: (rule) => {
    if (isRule(rule)) return folderMapRuleProblem(rule);
    // A CSV cell's rule that had no arrow stays text.
    return typeof rule === 'string'
      ? `write ${JSON.stringify(rule)} as FROM => TO`
      : 'it needs a "from" and a "to", as text';
  },
  name: (rule) => (isRule(rule) ? `folder rule "${describeFolderMapRule(rule)}"` : 'folder rule'),
};

function isRule(rule: unknown): rule is FolderMapRule {
  const { from, to } = (rule ?? {}) as Partial<FolderMapRule>;
  return typeof from === 'string' && typeof to === 'string';
}

/** A list of folder patterns: text each, at most MAX_FOLDER_PATTERNS, each one compiling. */
export function IsFolderPatterns(): PropertyDecorator {
  return listOf(FOLDER_PATTERN, IsString({ each: true }));
}

/** A list of folder mapping rules: at most MAX_FOLDER_PATTERNS, each one compiling. */
export function IsFolderMapRules(): PropertyDecorator {
  return listOf(FOLDER_RULE);
}

/** A folder mapping rule as a request carries it (core/folder-map.ts). */
export class FolderMapRuleInput implements FolderMapRule {
  @IsString()
  from: string;

  @IsString()
  to: string;
}

/**
 * Which folders of the source a job copies (core/folder-pattern.ts: the patterns), and where
 * the rules send some of them (core/folder-map.ts); the others go where the planner puts them.
 */
export class FolderSelection implements FolderRules {
  @IsOptional()
  @IsFolderPatterns()
  include?: string[];

  @IsOptional()
  @IsFolderPatterns()
  exclude?: string[];

  @IsOptional()
  @IsFolderMapRules()
  @ValidateNested({ each: true })
  @Type(() => FolderMapRuleInput)
  map?: FolderMapRuleInput[];
}

/** `since` is a date; `before` is one, later than `since` (core/message-filter.ts). */
@ValidatorConstraint({ name: 'messageFilterBound' })
class FilterBound implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return boundProblem(value, args) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `messages: ${boundProblem(args.value, args)}`;
  }
}

function boundProblem(value: unknown, { property, object }: ValidationArguments) {
  return property === 'since'
    ? filterDateProblem('since', value)
    : filterBoundsProblem(object as MessageFilter);
}

/** Which messages of the selected folders a job copies (core/message-filter.ts). */
export class MessageSelection implements MessageFilter {
  @IsOptional()
  @IsString()
  @Validate(FilterBound)
  since?: string;

  @IsOptional()
  @IsString()
  @Validate(FilterBound)
  before?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  maxBytes?: number;

  @IsOptional()
  @IsBoolean()
  skipDeleted?: boolean;
}

/** 10 GB/s: faster than any mail server takes; a larger number is a typo. */
export const MAX_BYTES_PER_SECOND = 10 * 1024 ** 3;
/** Well above the ~1,000 messages/s a copier reaches on loopback. */
export const MAX_MESSAGES_PER_SECOND = 100_000;

/**
 * How fast a job may copy, each a ceiling the copier paces its APPENDs to (per copier
 * process: a job spread over several copiers may go up to that many times as fast).
 */
export class TransferLimits implements SpeedLimits {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BYTES_PER_SECOND)
  bytesPerSecond?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MESSAGES_PER_SECOND)
  messagesPerSecond?: number;
}

/**
 * What the user chose on the start page; every flag is explicit. What each option does,
 * in words, is `JOB_OPTION_TEXTS` (the core).
 */
export class JobOptions {
  /** Expunge each source message once the destination confirmed it. */
  @IsBoolean()
  deleteSource: boolean;

  /** Recreate the folder structure only; copy no message. */
  @IsBoolean()
  foldersOnly: boolean;

  /** Count messages first so the job has a total and a percentage. */
  @IsBoolean()
  progressUpdates: boolean;

  /**
   * Check every message against the destination by content, copy none found there again
   * and give each found copy the source's flags (labelled Replace Existing on the page).
   * Bodies that still say `replaceExisting`, its deprecated name, are read as this.
   */
  @Expose()
  @Transform(({ value, obj }) => value ?? (obj as LegacyJobOptions).replaceExisting)
  @IsBoolean()
  reconcileExisting: boolean;

  /** The deprecated name, dropped as a body is read: reconcileExisting holds its value. */
  @Exclude({ toClassOnly: true })
  private readonly replaceExisting?: never;

  /**
   * After copying, compare every folder with its destination (the completeness audit).
   * Absent means on: clients that predate the option still get the audit.
   */
  @IsOptional()
  @IsBoolean()
  verify?: boolean;

  /** Which source folders to copy; every one when absent. */
  @IsOptional()
  @ValidateNested()
  @Type(() => FolderSelection)
  folders?: FolderSelection;

  /** Which messages of those folders to copy; every one when absent. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageSelection)
  messages?: MessageSelection;

  /**
   * A delta pass deletes at the destination the copies of messages removed (deleted or moved
   * away) at the source since the previous pass, and renames there the folders the source
   * renamed (where its MAILBOXID tells, RFC 8474); off, it only reports them. Meaningless for
   * a first pass. Shown with the schedule, not among the start page's switches.
   */
  @IsOptional()
  @IsBoolean()
  mirrorDeletions?: boolean;

  /** How fast to copy at most; as fast as the servers go when absent. */
  @IsOptional()
  @ValidateNested()
  @Type(() => TransferLimits)
  limits?: TransferLimits;
}

/** The options that are a yes or a no: what the start page shows as checkboxes. */
export type JobSwitch = keyof Omit<
  JobOptions,
  'folders' | 'messages' | 'mirrorDeletions' | 'limits'
>;

/** What clients before the rename, and jobs queued before it, send. */
interface LegacyJobOptions {
  replaceExisting?: unknown;
}

/** The audit runs unless the user turned it off. */
export function wantsAudit(options: Pick<JobOptions, 'verify' | 'foldersOnly'>): boolean {
  return options.verify !== false && !options.foldersOnly;
}
