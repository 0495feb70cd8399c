/** One folder as LIST reported it, with its name already decoded from modified UTF-7. */
export interface RemoteFolder {
  path: string;
  delimiter: string;
  /**
   * The hierarchy inside the account's personal namespace, independent of the server's
   * delimiter and prefix: `INBOX.Projects.2024` on Courier is [Projects, 2024].
   */
  segments: string[];
  /** In another user's or a shared namespace: not the account's own, never copied. */
  foreign: boolean;
  /** RFC 6154 attribute, e.g. '\\Sent'. */
  specialUse?: string;
  /** \Noselect or \NonExistent: a hierarchy node that holds no messages. */
  noSelect: boolean;
  subscribed: boolean;
  /** Message count, when listed with counts. */
  messages?: number;
  /** The UID the next message will get, when listed with counts: the end of the UID space. */
  uidNext?: number;
  /** UIDVALIDITY, when listed with counts. */
  uidValidity?: string;
  /** HIGHESTMODSEQ, when listed with counts from a server that offers CONDSTORE. */
  highestModseq?: string;
}

/** Where one source folder goes. */
export interface FolderMapping {
  source: string;
  destination: string;
  specialUse?: string;
  /** The user's folder rule that sent it (or its parent) there, in words. */
  rule?: string;
}
