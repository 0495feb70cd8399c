// The lib's one door: what the services, the specs outside the lib, e2e and the bench use.
// Everything else (the primitives' imapflow client, the pipeline, the message identity
// rules' parts) stays inside.

// Errors: the lib's own vocabulary for what imapflow and the servers say.
export { ImapError, type ImapErrorKind } from './errors/imap-error';
export { throttleBackoff } from './errors/throttle-backoff';

// The SSRF guard IMAP hosts pass, for any other host a user names (a webhook's).
export { resolveAllowedHost } from './connection/resolve-allowed-host';

// Sessions, and how long a silent server is waited for.
export { DEFAULT_COMMAND_TIMEOUT_MS } from './connection/connect-options';
export { ImapSession } from './session/imap-session';
export { openImapSession } from './session/open-imap-session';
export type { FolderReader } from './messages/folder-reader';
export type { PipelinedReader } from './pipeline/pipelined-reader';
export {
  type ReadyWriter,
  withPlanningSessions,
  withPreviewSessions,
  withReaderPair,
  withSessionPair,
} from './session/session-pair';

// Folders: discovery's listing, mapping and creating.
export { ensureFolder, type ListedFolders } from './folders/ensure-folder';
export { FolderWriter, openFolderWriter } from './folders/folder-writer';
export { planLabelSource, showsAllMail } from './folders/gmail-labels';
export { legalSubstitute } from './folders/legal-substitute';
export { readMailboxIds, renameFolder } from './folders/folder-identity';
export { listFolders } from './folders/list-folders';
export {
  FolderRuleError,
  type FolderRules,
  planFolderMapping,
} from './folders/plan-folder-mapping';
export type { FolderMapping, RemoteFolder } from './folders/remote-folder';

// Messages: what the audit reads of each letter, and how it names it in a report.
export { comparableFlags, sameFlags } from './flags/flag-sets';
export { fetchDigests } from './messages/fetch-digests';
export { headerText } from './messages/header-text';
export type { IdentityHeaders } from './messages/identity-headers';
export { normalizeMessageId } from './messages/message-identity';
export { identitiesIn, readIdentities } from './messages/read-identities';
export { type ListedMessage, listMessageSizes } from './messages/list-message-sizes';
export { type FolderLetter, readLetters } from './messages/read-letters';
export { type UidRange, uidSet } from './messages/uid-range';

// Matching: never one letter for another.
export { LetterMatcher } from './matching/letter-matcher';
export { identityKey, LetterTable, type TableLetter } from './matching/letter-table';
export { digestMessage } from './matching/message-digest';

// Copying: the copier's FolderCopier and the stores it is given.
export type { Checkpoint, CheckpointStore, CopyCounts } from './copy/checkpoint';
export { NO_COPY_COUNTS } from './copy/checkpoint';
export {
  type CopyLedger,
  type LedgerEntry,
  type LedgerScope,
  ledgerScopeKey,
} from './copy/copy-ledger';
export { type CopyConnections, openCopyConnections } from './copy/copy-connections';
export { FolderCopier } from './copy/folder-copier';
// What a copier may wrap around the destination (pacing its APPENDs).
export type { Destination } from './copy/destination-line';
export type { MessageSender, SendResult } from './copy/message-sender';

// The APPEND paths side by side, for the bench (tools/bench/append-pipeline.ts).
export { appendMessage } from './messages/append-message';
export { openPipelinedAppender } from './pipeline/pipelined-appender';
