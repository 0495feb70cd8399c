import {
  compileFolderRules,
  FoldersLeftOut,
  LEFT_OUT_NAMED,
  type FolderRules,
} from '@btsx/contracts';
import type { RemoteFolder } from '@btsx/imap';

/**
 * The source folders a job's folder selection keeps, and what it leaves out with the reason
 * (for the plan's status line). Without rules every folder is kept.
 */
export function selectFolders(
  folders: RemoteFolder[],
  rules: FolderRules | undefined,
): { kept: RemoteFolder[]; leftOut?: FoldersLeftOut } {
  if (!rules) return { kept: folders };
  const verdict = compileFolderRules(rules);
  const kept: RemoteFolder[] = [];
  const leftOut: { path: string; reason: string }[] = [];
  for (const folder of folders) {
    const reason = verdict(folder);
    if (reason === undefined) kept.push(folder);
    else leftOut.push({ path: folder.segments.join('/'), reason });
  }
  if (leftOut.length === 0) return { kept };
  return { kept, leftOut: { count: leftOut.length, named: leftOut.slice(0, LEFT_OUT_NAMED) } };
}
