import { Exclude, Expose, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { describeFolderMapRule, type FolderMapRule, folderMapRuleProblem } from './core/folder-map';
import { folderPatternProblem, type FolderRules, MAX_FOLDER_PATTERNS } from './core/folder-pattern';

/** Every pattern of a list compiles; the message names the first that does not, and why. */
@ValidatorConstraint({ name: 'folderPatterns' })
class FolderPatterns implements ValidatorConstraintInterface {
  validate(patterns: unknown): boolean {
    return Array.isArray(patterns) && patterns.every((p) => problemOf(p) === undefined);
  }

  defaultMessage({ property, value }: ValidationArguments): string {
    const patterns: unknown[] = Array.isArray(value) ? value : [];
    const bad = patterns.find((p) => problemOf(p) !== undefined);
    return `${property}: folder pattern ${JSON.stringify(bad)}: ${problemOf(bad)}`;
  }
}

function problemOf(pattern: unknown): string | undefined {
  return typeof pattern === 'string' ? folderPatternProblem(pattern) : 'it is not text';
}

/** A list of folder patterns: text each, at most MAX_FOLDER_PATTERNS, each one compiling. */
export function IsFolderPatterns(): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [
      IsArray(),
      ArrayMaxSize(MAX_FOLDER_PATTERNS),
      IsString({ each: true }),
      Validate(FolderPatterns),
    ]) {
      decorator(target, key);
    }
  };
}

/** Every rule of a list compiles; the message names the first that does not, and why. */
@ValidatorConstraint({ name: 'folderMapRules' })
class FolderMapRules implements ValidatorConstraintInterface {
  validate(rules: unknown): boolean {
    return Array.isArray(rules) && rules.every((r) => ruleProblemOf(r) === undefined);
  }

  defaultMessage({ property, value }: ValidationArguments): string {
    const rules: unknown[] = Array.isArray(value) ? value : [];
    const bad = rules.find((r) => ruleProblemOf(r) !== undefined);
    const named = isRule(bad) ? ` "${describeFolderMapRule(bad)}"` : '';
    return `${property}: folder rule${named}: ${ruleProblemOf(bad)}`;
  }
}

function isRule(rule: unknown): rule is FolderMapRule {
  const { from, to } = (rule ?? {}) as Partial<FolderMapRule>;
  return typeof from === 'string' && typeof to === 'string';
}

function ruleProblemOf(rule: unknown): string | undefined {
  if (isRule(rule)) return folderMapRuleProblem(rule);
  // A CSV cell's rule that had no arrow stays text.
  return typeof rule === 'string'
    ? `write ${JSON.stringify(rule)} as FROM => TO`
    : 'it needs a "from" and a "to", as text';
}

/** A list of folder mapping rules: at most MAX_FOLDER_PATTERNS, each one compiling. */
export function IsFolderMapRules(): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [
      IsArray(),
      ArrayMaxSize(MAX_FOLDER_PATTERNS),
      Validate(FolderMapRules),
    ]) {
      decorator(target, key);
    }
  };
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
}

/** The options that are a yes or a no: what the start page shows as checkboxes. */
export type JobSwitch = keyof Omit<JobOptions, 'folders'>;

/** What clients before the rename, and jobs queued before it, send. */
interface LegacyJobOptions {
  replaceExisting?: unknown;
}

/** The audit runs unless the user turned it off. */
export function wantsAudit(options: Pick<JobOptions, 'verify' | 'foldersOnly'>): boolean {
  return options.verify !== false && !options.foldersOnly;
}
