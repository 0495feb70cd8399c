import { JobOptions, LeftOutFolder } from '@btsx/contracts';
import { compileFolderMap } from '@btsx/contracts/core';
import {
  FolderMapping,
  FolderRuleError,
  FolderRules,
  ImapSession,
  listFolders,
  planFolderMapping,
  planLabelSource,
  RemoteFolder,
  showsAllMail,
} from '@btsx/imap';
import { PermanentError } from '@btsx/platform';
import { selectFolders } from './folder-selection';
import { checkPlanSize } from './plan-size';

/** Both accounts' folders as a job sees them, and where each selected source folder goes. */
export interface Survey {
  sourceFolders: RemoteFolder[];
  destinationFolders: RemoteFolder[];
  /** Destination folders that show every message (Gmail's All Mail): the audit is told. */
  destinationViews: Set<string>;
  allMail?: string;
  mappings: FolderMapping[];
  /** Other users' and shared folders of the source: never the job's. */
  notOwned: string[];
  /** What the job's folder selection leaves out, and why. */
  leftOut: LeftOutFolder[];
}

/**
 * Lists both sides (the source with message counts when `withCounts`), sets other users' and
 * shared folders apart and those the selection leaves out, and maps the rest onto the
 * destination; a rule that cannot be followed is a PermanentError naming it. Writes nothing.
 */
export async function surveyFolders(
  source: ImapSession,
  destination: ImapSession,
  options: JobOptions,
  withCounts: boolean,
): Promise<Survey> {
  const [listed, destinationListed] = await Promise.all([
    listFolders(source, { withCounts }),
    listFolders(destination),
  ]);
  const own = planLabelSource(listed.filter((f) => !f.foreign));
  // After the labels are set apart: a label left out leaves its messages to All Mail.
  const { kept: sourceFolders, leftOut } = selectFolders(own.folders, options.folders);
  const destinationFolders = destinationListed.filter((f) => !f.foreign);
  const mappings = mapFolders(destination, options, sourceFolders, destinationFolders);
  checkPlanSize(mappings);
  return {
    sourceFolders,
    destinationFolders,
    destinationViews: new Set(destinationFolders.filter(showsAllMail).map((f) => f.path)),
    allMail: own.allMail,
    mappings,
    notOwned: listed.filter((f) => f.foreign).map((f) => f.path),
    leftOut,
  };
}

/** Where each folder goes: by the user's rules, else by the planner's own; a bad rule fails the job. */
function mapFolders(
  destination: ImapSession,
  options: JobOptions,
  sourceFolders: RemoteFolder[],
  destinationFolders: RemoteFolder[],
): FolderMapping[] {
  const { personal, foreign } = destination.namespaces;
  const map = options.folders?.map ?? [];
  const rules: FolderRules | undefined =
    map.length > 0 ? { map: compileFolderMap(map), foreign } : undefined;
  try {
    return planFolderMapping(sourceFolders, destinationFolders, personal, rules);
  } catch (error) {
    throw error instanceof FolderRuleError ? new PermanentError(error.message) : error;
  }
}

/** Every other selectable folder: a message in any of them is not All Mail's to copy. */
export function labelFolders(folders: RemoteFolder[], allMail: string): string[] {
  return folders.filter((f) => !f.noSelect && f.path !== allMail).map((f) => f.path);
}
