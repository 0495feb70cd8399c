export type SpecialUseAttribute = '\\Sent' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\Archive';

/** Folder name (logical path) per special-use attribute. */
export type SpecialUseFolders = Partial<Record<SpecialUseAttribute, string>>;

export const DEFAULT_SPECIAL_USE: Readonly<Required<SpecialUseFolders>> = {
  '\\Sent': 'Sent',
  '\\Drafts': 'Drafts',
  '\\Trash': 'Trash',
  '\\Junk': 'Junk',
  '\\Archive': 'Archive',
};
