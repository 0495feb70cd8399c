export interface FolderAccess {
  /** EXAMINE (the default) leaves \Recent and \Seen alone; SELECT only when we will write. */
  readOnly?: boolean;
}
