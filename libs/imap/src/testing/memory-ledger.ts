// For specs only: the copy ledger without a database.
import {
  type CopyLedger,
  type LedgerEntry,
  type LedgerScope,
  ledgerScopeKey,
} from '../copy/copy-ledger';
import { inRange, type UidRange } from '../messages/uid-range';

/** A ledger in memory, for tests. */
export class MemoryLedger implements CopyLedger {
  private readonly entries = new Map<string, Map<number, number>>();

  async find(scope: LedgerScope, sourceUids: readonly number[]): Promise<Map<number, number>> {
    const known = this.entries.get(ledgerScopeKey(scope));
    const found = new Map<number, number>();
    for (const uid of sourceUids) {
      const destinationUid = known?.get(uid);
      if (destinationUid !== undefined) found.set(uid, destinationUid);
    }
    return found;
  }

  async below(scope: LedgerScope, uidNext: number): Promise<Map<number, number>> {
    const known = this.entries.get(ledgerScopeKey(scope)) ?? new Map<number, number>();
    return new Map([...known].filter(([sourceUid]) => sourceUid < uidNext));
  }

  async knowsAny(scope: LedgerScope, range: Required<UidRange>): Promise<boolean> {
    const known = this.entries.get(ledgerScopeKey(scope)) ?? new Map<number, number>();
    return [...known.keys()].some((uid) => inRange(uid, range));
  }

  async record(scope: LedgerScope, entries: readonly LedgerEntry[]): Promise<void> {
    const key = ledgerScopeKey(scope);
    const known = this.entries.get(key) ?? new Map<number, number>();
    for (const { sourceUid, destinationUid } of entries) known.set(sourceUid, destinationUid);
    this.entries.set(key, known);
  }

  async carry(from: LedgerScope, to: LedgerScope): Promise<void> {
    const known = this.entries.get(ledgerScopeKey(from)) ?? new Map<number, number>();
    const entries = [...known].map(([sourceUid, destinationUid]) => ({
      sourceUid,
      destinationUid,
    }));
    await this.record(to, entries);
  }
}
