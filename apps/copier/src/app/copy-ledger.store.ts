import { CopyLedger, LedgerEntry, LedgerScope, ledgerScopeKey, UidRange } from '@btsx/imap';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CopierConfig } from './copier-config';

/** How often at most a copier deletes ledger entries older than COPIER_LEDGER_DAYS. */
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * The copy ledger in the copier's schema. Entries older than COPIER_LEDGER_DAYS are deleted
 * by whichever copier records next, at most hourly: a ledger that lived for ever would keep
 * every account pair ever migrated.
 */
@Injectable()
export class PostgresLedger implements CopyLedger {
  private lastSweep = 0;

  constructor(
    private readonly db: DataSource,
    private readonly config: CopierConfig,
  ) {}

  async find(scope: LedgerScope, sourceUids: readonly number[]): Promise<Map<number, number>> {
    if (sourceUids.length === 0) return new Map();
    const rows: { source_uid: string; destination_uid: string }[] = await this.db.query(
      `SELECT source_uid, destination_uid FROM copier.copy_ledger
        WHERE scope = $1 AND source_uid = ANY($2::bigint[])`,
      [ledgerScopeKey(scope), sourceUids],
    );
    return new Map(rows.map((r) => [Number(r.source_uid), Number(r.destination_uid)]));
  }

  async below(scope: LedgerScope, uidNext: number): Promise<Map<number, number>> {
    const rows: { source_uid: string; destination_uid: string }[] = await this.db.query(
      `SELECT source_uid, destination_uid FROM copier.copy_ledger
        WHERE scope = $1 AND source_uid < $2`,
      [ledgerScopeKey(scope), uidNext],
    );
    return new Map(rows.map((r) => [Number(r.source_uid), Number(r.destination_uid)]));
  }

  async knowsAny(scope: LedgerScope, range: Required<UidRange>): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM copier.copy_ledger
        WHERE scope = $1 AND source_uid BETWEEN $2 AND $3 LIMIT 1`,
      [ledgerScopeKey(scope), range.from, range.to],
    );
    return rows.length > 0;
  }

  async record(scope: LedgerScope, entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `INSERT INTO copier.copy_ledger (scope, source_uid, destination_uid, recorded_at)
       SELECT $1, s, d, now() FROM unnest($2::bigint[], $3::bigint[]) AS e(s, d)
       ON CONFLICT (scope, source_uid)
         DO UPDATE SET destination_uid = EXCLUDED.destination_uid, recorded_at = now()`,
      [
        ledgerScopeKey(scope),
        entries.map((e) => e.sourceUid),
        entries.map((e) => e.destinationUid),
      ],
    );
    await this.sweep();
  }

  async carry(from: LedgerScope, to: LedgerScope): Promise<void> {
    await this.db.query(
      `INSERT INTO copier.copy_ledger (scope, source_uid, destination_uid, recorded_at)
       SELECT $2, source_uid, destination_uid, now() FROM copier.copy_ledger WHERE scope = $1
       ON CONFLICT (scope, source_uid) DO NOTHING`,
      [ledgerScopeKey(from), ledgerScopeKey(to)],
    );
  }

  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    await this.db.query(
      `DELETE FROM copier.copy_ledger WHERE recorded_at < now() - make_interval(days => $1)`,
      [this.config.COPIER_LEDGER_DAYS],
    );
  }
}
