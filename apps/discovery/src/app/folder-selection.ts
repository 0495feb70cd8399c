import {
  compileFolderRules,
  FoldersLeftOut,
  LEFT_OUT_NAMED,
  type FolderRules,
  type LeftOutFolder,
} from '@btsx/contracts';
import type { RemoteFolder } from '@btsx/imap';

/**
 * The source folders a job's folder selection keeps, and each it leaves out with the reason.
 * Without rules every folder is kept.
 */
export function selectFolders(
  folders: RemoteFolder[],
  rules: FolderRules | undefined,
): { kept: RemoteFolder[]; leftOut: LeftOutFolder[] } {
  if (!rules) return { kept: folders, leftOut: [] };
  const verdict = compileFolderRules(rules);
  const kept: RemoteFolder[] = [];
  const leftOut: LeftOutFolder[] = [];
  for (const folder of folders) {
    const reason = verdict(folder);
    if (reason === undefined) kept.push(folder);
    else leftOut.push({ path: folder.segments.join('/'), reason });
  }
  return { kept, leftOut };
}

/** The plan's account of the folders left out: how many, the first few named. */
export function leftOutSummary(leftOut: LeftOutFolder[]): FoldersLeftOut | undefined {
  if (leftOut.length === 0) return undefined;
  return { count: leftOut.length, named: leftOut.slice(0, LEFT_OUT_NAMED) };
}
