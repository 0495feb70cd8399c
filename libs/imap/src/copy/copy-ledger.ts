import { createHash } from 'node:crypto';
import type { ImapEndpoint } from '@btsx/contracts';
import type { UidRange } from '../messages/uid-range';

/**
 * Where a ledger entry holds: one source folder in one UIDVALIDITY, copied into one
 * destination folder in one UIDVALIDITY, between two accounts. A new UIDVALIDITY on either
 * side makes the entries of the old one meaningless, so they are simply not found.
 */
export interface LedgerScope {
  /** accountPairKey(): names both accounts without a credential. */
  accounts: string;
  sourceFolder: string;
  sourceUidValidity: string;
  destinationFolder: string;
  destinationUidValidity: string;
}

/** A source message and the destination message proven to be it. */
export interface LedgerEntry {
  sourceUid: number;
  destinationUid: number;
}

/**
 * The copy ledger: which source message is which destination message, for what BTSX copied
 * (APPENDUID, or found right after the batch) or proved by content. Kept beyond one job, so
 * that a restart, a retry, a rerun with reconcileExisting or a delta pass knows what is already
 * there even where the destination stored it differently. An entry is a claim to check: the
 * destination message must still exist.
 */
export interface CopyLedger {
  /** The destination UIDs of those of `sourceUids` the ledger knows in this scope. */
  find(scope: LedgerScope, sourceUids: readonly number[]): Promise<Map<number, number>>;
  /** Every entry in this scope below source UID `uidNext`: what the passes before copied. */
  below(scope: LedgerScope, uidNext: number): Promise<Map<number, number>>;
  /** Whether an entry in this scope names a source UID from `range.from` to `range.to`. */
  knowsAny(scope: LedgerScope, range: Required<UidRange>): Promise<boolean>;
  record(scope: LedgerScope, entries: readonly LedgerEntry[]): Promise<void>;
  /** Every entry of `from` known in `to` as well: a folder renamed keeps what was copied. */
  carry(from: LedgerScope, to: LedgerScope): Promise<void>;
}

type Account = Pick<ImapEndpoint, 'host' | 'port' | 'username' | 'provider'>;

/**
 * A SHA-256 of both accounts (provider, host, port, user name; host and user name without
 * case): the ledger is per account pair, and its rows name no account in clear.
 */
export function accountPairKey(source: Account, destination: Account): string {
  const name = (a: Account) =>
    [a.provider ?? 'imap', a.host.toLowerCase(), a.port, a.username.toLowerCase()].join('\n');
  return createHash('sha256')
    .update(`${name(source)}\n\n${name(destination)}`)
    .digest('hex');
}

/**
 * One key for a scope: a SHA-256 of its parts, so that a store indexes a short value and
 * keeps no folder name in clear.
 */
export function ledgerScopeKey(scope: LedgerScope): string {
  const parts = [
    scope.accounts,
    scope.sourceFolder,
    scope.sourceUidValidity,
    scope.destinationFolder,
    scope.destinationUidValidity,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
