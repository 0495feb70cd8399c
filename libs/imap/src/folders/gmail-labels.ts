import type { RemoteFolder } from './remote-folder';

const ALL = '\\All';
const ARCHIVE = '\\Archive';
/** Views of messages that live in other folders: copying them would duplicate. */
const GMAIL_VIEWS = new Set(['\\Important', '\\Flagged']);

export interface LabelSourcePlan {
  /** The folders to copy, All Mail now standing for the Archive. */
  folders: RemoteFolder[];
  /** All Mail: copied only for messages no other copied folder (label) holds. */
  allMail?: string;
}

/** A folder that shows every message of the account (Gmail's All Mail), not messages of its own. */
export function showsAllMail(folder: RemoteFolder): boolean {
  return folder.specialUse === ALL;
}

/**
 * Gmail has labels, not folders: every message is in All Mail (\All), and each label is a
 * folder view of it. So All Mail goes to the destination's Archive, Important and Starred
 * are skipped (Starred is the \Flagged flag every copy keeps), and a hierarchy node left
 * with nothing but special-use children (Gmail's "[Gmail]") is not recreated.
 */
export function planLabelSource(source: RemoteFolder[]): LabelSourcePlan {
  const allMail = source.find(showsAllMail);
  if (!allMail) return { folders: source };
  const hasArchive = source.some((f) => f.specialUse === ARCHIVE);
  const kept = source
    .filter((f) => !GMAIL_VIEWS.has(f.specialUse ?? ''))
    .map((f) => (f === allMail && !hasArchive ? { ...f, specialUse: ARCHIVE } : f));
  const folders = kept.filter((f) => !f.noSelect || holdsNamedFolders(f, kept));
  return { folders, allMail: allMail.path };
}

/** A \Noselect node is worth recreating only for children that are copied under it. */
function holdsNamedFolders(node: RemoteFolder, folders: RemoteFolder[]): boolean {
  const prefix = node.path + node.delimiter;
  return folders.some((f) => f.path.startsWith(prefix) && !f.specialUse && !f.noSelect);
}
