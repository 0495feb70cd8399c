/**
 * The folder patterns of a job's folder selection (`--include`, `--exclude`), matched on a
 * folder's path inside the account's personal namespace with "/" between levels whatever the
 * server's delimiter and prefix (`INBOX.Projects.2024` on Courier is `Projects/2024`):
 * - `*` stands for any characters within one level, `?` for one character;
 * - `**` as a whole level stands for any number of levels, none included: `Projects/**` is
 *   Projects and everything under it;
 * - `\Trash` (an RFC 6154 attribute) is the folder the server marks with it, whatever its name;
 * - letters match without regard to case, as people type folder names.
 */

/** What a pattern is matched against: a folder as the source account lists it. */
export interface PatternFolder {
  /** Its levels inside the personal namespace. */
  segments: readonly string[];
  specialUse?: string;
}

export const MAX_FOLDER_PATTERN_LENGTH = 1000;
/** Enough for any rule set a person writes; a bound for what one request makes BTSX compile. */
export const MAX_FOLDER_PATTERNS = 100;
const SPECIAL_USES = ['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash'];
const ANY_LEVELS = '**';

export type FolderMatcher = (folder: PatternFolder) => boolean;

/** What is wrong with a pattern, in words, or undefined when it compiles. */
export function folderPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'it is empty';
  if (pattern.length > MAX_FOLDER_PATTERN_LENGTH) {
    return `it is longer than ${MAX_FOLDER_PATTERN_LENGTH} characters`;
  }
  if (/\p{Cc}/u.test(pattern)) return 'it holds a control character';
  if (pattern.startsWith('\\')) {
    const known = SPECIAL_USES.find((use) => use.toLowerCase() === pattern.toLowerCase());
    return known ? undefined : `${pattern} is none of ${SPECIAL_USES.join(', ')}`;
  }
  const levels = pattern.split('/');
  if (levels.some((level) => level === '')) return 'a level between two "/" is empty';
  if (levels.some((level) => level.includes(ANY_LEVELS) && level !== ANY_LEVELS)) {
    return '"**" stands for whole levels only ("a/**/b", not "a**")';
  }
  return undefined;
}

/**
 * The matcher of a pattern folderPatternProblem accepts (a refused one throws). Linear in the
 * pattern times the path, whatever the stars: a pattern comes from a request.
 */
export function compileFolderPattern(pattern: string): FolderMatcher {
  const problem = folderPatternProblem(pattern);
  if (problem) throw new Error(`Folder pattern "${pattern}": ${problem}`);
  if (pattern.startsWith('\\')) {
    const use = pattern.toLowerCase();
    return (folder) => folder.specialUse?.toLowerCase() === use;
  }
  const levels = pattern
    .split('/')
    .filter((level, n, all) => level !== ANY_LEVELS || all[n - 1] !== ANY_LEVELS)
    .map((level) => (level === ANY_LEVELS ? level : [...level.toLowerCase()]));
  return (folder) =>
    matchLevels(
      levels,
      folder.segments.map((s) => [...s.toLowerCase()]),
    );
}

/** A level's characters (code points), or any number of levels. */
type Level = string[] | typeof ANY_LEVELS;

/** Whether the levels match the whole path: each "**" tried at every length, once each. */
function matchLevels(levels: readonly Level[], path: readonly string[][]): boolean {
  // reachable[j]: the levels so far match the first j segments of the path.
  let reachable = path.map((_, j) => j === 0).concat(path.length === 0);
  for (const level of levels) {
    const next = reachable.map(() => false);
    for (let j = 0; j <= path.length; j++) {
      if (!reachable[j]) continue;
      if (level === ANY_LEVELS) next.fill(true, j);
      else if (j < path.length && matchGlob(level, path[j])) next[j + 1] = true;
    }
    reachable = next;
  }
  return reachable[path.length];
}

/** `*` and `?` over one level, by the classic two-pointer walk: no regular expression. */
function matchGlob(pattern: readonly string[], name: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let starName = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starName = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++starName;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A job's folder selection: the patterns a folder must match one of, and must match none of. */
export interface FolderRules {
  /** Only folders that match one of these (every folder when absent or empty). */
  include?: readonly string[];
  /** No folder that matches one of these, included or not. */
  exclude?: readonly string[];
}

/** Why the rules leave a folder out ("excluded by Trash"), or undefined when it is copied. */
export type FolderVerdict = (folder: PatternFolder) => string | undefined;

export function compileFolderRules({ include = [], exclude = [] }: FolderRules): FolderVerdict {
  const compiled = (patterns: readonly string[]) =>
    patterns.map((pattern) => ({ pattern, matches: compileFolderPattern(pattern) }));
  const includes = compiled(include);
  const excludes = compiled(exclude);
  return (folder) => {
    if (includes.length > 0 && !includes.some((p) => p.matches(folder))) {
      return `not included: matches none of ${include.join(', ')}`;
    }
    const excluded = excludes.find((p) => p.matches(folder));
    return excluded && `excluded by ${excluded.pattern}`;
  };
}

/** Patterns as JobOptions.folders carries them: nothing when none was given. */
export function folderRulesOption(
  include: string[],
  exclude: string[],
): { folders?: { include: string[]; exclude: string[] } } {
  return include.length === 0 && exclude.length === 0 ? {} : { folders: { include, exclude } };
}
