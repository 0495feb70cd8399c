import {
  compileFolderCaptures,
  folderPatternProblem,
  type FolderRules,
  MAX_FOLDER_PATTERN_LENGTH,
  type PatternFolder,
  wildcardCount,
} from './folder-pattern';

/**
 * A folder mapping rule: the source folders that match `from` (a folder pattern) go to `to`,
 * a path inside the destination's own folders with "/" between levels, where `$1`, `$2`...
 * stand for what `from`'s wildcards took. `Old Stuff` → `Archive/2019` renames one folder;
 * `**` → `Imported from old.example/$1` puts everything under one folder. Rules are tried in
 * order, the first that matches wins; a folder under a mapped one follows it.
 */
export interface FolderMapRule {
  from: string;
  to: string;
}

/** Where a rule sends a folder, and the rule in words for the folder table. */
export interface MappedFolder {
  /** The destination's levels inside its personal namespace; empty when the rule leaves none. */
  segments: string[];
  rule: string;
}

export type FolderMapper = (folder: PatternFolder) => MappedFolder | undefined;

const PATH_STEPS = new Set(['.', '..']);
/** Between a rule's two sides where people type one: `Old Stuff => Archive/2019`. */
export const FOLDER_MAP_ARROW = '=>';
const REFERENCE = /\$(\d+)/g;

/** How a rule reads in messages and in the folder table: `Old Stuff => Archive/2019`. */
export function describeFolderMapRule({ from, to }: FolderMapRule): string {
  return `${from} ${FOLDER_MAP_ARROW} ${to}`;
}

/** A rule as people type it, blanks around the arrow dropped; undefined without an arrow. */
export function parseFolderMapRule(text: string): FolderMapRule | undefined {
  const at = text.indexOf(FOLDER_MAP_ARROW);
  if (at < 0) return undefined;
  return { from: text.slice(0, at).trim(), to: text.slice(at + FOLDER_MAP_ARROW.length).trim() };
}

/** What is wrong with a typed rule, in words naming it; undefined when it compiles. */
export function typedFolderMapRuleProblem(text: string): string | undefined {
  const rule = parseFolderMapRule(text);
  if (!rule) return `${text}: write a rule as FROM ${FOLDER_MAP_ARROW} TO`;
  const problem = folderMapRuleProblem(rule);
  return problem && `${describeFolderMapRule(rule)}: ${problem}`;
}

/** What is wrong with a rule, in words, or undefined when it compiles. */
export function folderMapRuleProblem({ from, to }: FolderMapRule): string | undefined {
  const fromProblem = folderPatternProblem(from);
  if (fromProblem) return `its pattern ${JSON.stringify(from)}: ${fromProblem}`;
  if (to.length === 0) return 'it names no destination folder';
  if (to.length > MAX_FOLDER_PATTERN_LENGTH) {
    return `its destination is longer than ${MAX_FOLDER_PATTERN_LENGTH} characters`;
  }
  if (/\p{Cc}/u.test(to)) return 'its destination holds a control character';
  if (to.startsWith('\\')) {
    return 'its destination names a folder, not an attribute such as \\Trash';
  }
  const levels = to.split('/');
  if (levels.some((level) => level === '')) {
    return 'a level between two "/" of its destination is empty';
  }
  if (levels.some((level) => PATH_STEPS.has(level))) {
    return 'its destination steps out of a folder ("." or "..")';
  }
  const wildcards = wildcardCount(from);
  const beyond = [...to.matchAll(REFERENCE)].find(
    (m) => Number(m[1]) < 1 || Number(m[1]) > wildcards,
  );
  if (beyond) {
    return `${beyond[0]} stands for nothing: ${JSON.stringify(from)} has ${wildcards} wildcard(s)`;
  }
  return undefined;
}

/** The first rule that matches a folder sends it; rules folderMapRuleProblem refuses throw. */
export function compileFolderMap(rules: readonly FolderMapRule[]): FolderMapper {
  const compiled = rules.map((rule) => {
    const problem = folderMapRuleProblem(rule);
    if (problem) throw new Error(`Folder rule "${describeFolderMapRule(rule)}": ${problem}`);
    return { rule, captures: compileFolderCaptures(rule.from) };
  });
  return (folder) => {
    for (const { rule, captures } of compiled) {
      const taken = captures(folder);
      if (!taken) continue;
      return { segments: destinationOf(rule.to, taken), rule: describeFolderMapRule(rule) };
    }
    return undefined;
  };
}

/**
 * `to` with its references filled in; a wildcard that took nothing leaves no empty level. The
 * planner makes each level a safe name on the destination, as for any folder.
 */
function destinationOf(to: string, taken: string[]): string[] {
  return to
    .replace(REFERENCE, (_, n: string) => taken[Number(n) - 1])
    .split('/')
    .filter((level) => level !== '');
}

/** A job's folder choices as JobOptions.folders carries them: nothing when none was given. */
export function folderRulesOption({
  include = [],
  exclude = [],
  map = [],
}: FolderRules & { map?: readonly FolderMapRule[] }): {
  folders?: { include: string[]; exclude: string[]; map?: FolderMapRule[] };
} {
  if (include.length + exclude.length + map.length === 0) return {};
  return {
    folders: {
      include: [...include],
      exclude: [...exclude],
      ...(map.length > 0 && { map: [...map] }),
    },
  };
}
