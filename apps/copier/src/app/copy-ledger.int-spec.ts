import { LedgerScope } from '@btsx/imap';
import { migrateUnderLock } from '@btsx/platform';
import { PostgresServer, startPostgres } from '@btsx/testing';
import { Client } from 'pg';
import { DataSource, Repository } from 'typeorm';
import { CheckpointEntity } from './checkpoint.entity';
import { PostgresCheckpointStore } from './checkpoint-store';
import { CopierConfig } from './copier-config';
import { CopyLedgerEntity } from './copy-ledger.entity';
import { PostgresLedger } from './copy-ledger.store';
import { COPIER_MIGRATIONS } from './migrations';

const scope = (destinationUidValidity = '7'): LedgerScope => ({
  accounts: 'a'.repeat(64),
  sourceFolder: 'INBOX',
  sourceUidValidity: '1',
  destinationFolder: 'Imported/INBOX',
  destinationUidValidity,
});

describe('the copier schema against PostgreSQL', () => {
  let postgres: PostgresServer;
  let db: DataSource;
  let ledger: PostgresLedger;

  beforeAll(async () => {
    postgres = await startPostgres();
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    await client.query('CREATE SCHEMA copier');
    await client.end();
    db = await new DataSource({
      type: 'postgres',
      url: postgres.url,
      schema: 'copier',
      entities: [CheckpointEntity, CopyLedgerEntity],
      migrations: COPIER_MIGRATIONS,
      migrationsTableName: 'migrations',
    }).initialize();
    await migrateUnderLock(db, 'copier');
    ledger = new PostgresLedger(db, { COPIER_LEDGER_DAYS: 30 } as CopierConfig);
  });

  afterAll(async () => {
    await db?.destroy();
    await postgres?.stop();
  });

  it('finds what it recorded in that scope only, and a later entry replaces an earlier one', async () => {
    await ledger.record(scope(), [
      { sourceUid: 1, destinationUid: 11 },
      { sourceUid: 2, destinationUid: 12 },
    ]);
    await ledger.record(scope(), [{ sourceUid: 2, destinationUid: 22 }]);
    expect(await ledger.find(scope(), [1, 2, 3])).toEqual(
      new Map([
        [1, 11],
        [2, 22],
      ]),
    );
    // Another UIDVALIDITY at the destination: the old entries say nothing about it.
    expect(await ledger.find(scope('8'), [1, 2])).toEqual(new Map());
    const [row] = await db.query('SELECT scope FROM copier.copy_ledger LIMIT 1');
    expect(row.scope).not.toContain('INBOX');
  });

  it('says whether it knows any source UID of a range, in that scope only', async () => {
    await ledger.record(scope('10'), [{ sourceUid: 40, destinationUid: 4 }]);
    expect(await ledger.knowsAny(scope('10'), { from: 40, to: 40 })).toBe(true);
    expect(await ledger.knowsAny(scope('10'), { from: 1, to: 100 })).toBe(true);
    expect(await ledger.knowsAny(scope('10'), { from: 41, to: 100 })).toBe(false);
    expect(await ledger.knowsAny(scope('10'), { from: 1, to: 39 })).toBe(false);
    expect(await ledger.knowsAny(scope('11'), { from: 1, to: 100 })).toBe(false);
  });

  it('carries a renamed folder’s entries over to its new names, keeping what the new scope knew', async () => {
    const before = { ...scope('9'), sourceFolder: 'Projects', destinationFolder: 'Projects' };
    const after = { ...before, sourceFolder: 'Projects 2025' };
    await ledger.record(before, [
      { sourceUid: 1, destinationUid: 31 },
      { sourceUid: 2, destinationUid: 32 },
    ]);
    await ledger.record(after, [{ sourceUid: 2, destinationUid: 42 }]);
    await ledger.carry(before, after);
    expect(await ledger.find(after, [1, 2, 3])).toEqual(
      new Map([
        [1, 31],
        [2, 42],
      ]),
    );
    expect(await ledger.find(before, [1])).toEqual(new Map([[1, 31]]));
  });

  it('forgets entries older than COPIER_LEDGER_DAYS when it next records', async () => {
    await ledger.record(scope('9'), [{ sourceUid: 5, destinationUid: 50 }]);
    await db.query(
      `UPDATE copier.copy_ledger SET recorded_at = now() - interval '31 days' WHERE source_uid = 5`,
    );
    const fresh = new PostgresLedger(db, { COPIER_LEDGER_DAYS: 30 } as CopierConfig);
    await fresh.record(scope('9'), [{ sourceUid: 6, destinationUid: 60 }]);
    expect(await fresh.find(scope('9'), [5, 6])).toEqual(new Map([[6, 60]]));
  });

  it('keeps a checkpoint’s destination mark and kept messages', async () => {
    const store = new PostgresCheckpointStore(
      db.getRepository(CheckpointEntity) as Repository<CheckpointEntity>,
    );
    const taskId = '00000000-0000-4000-8000-000000000001/0/0';
    const kept = [{ folder: 'INBOX', uid: 3, size: 10, reason: 'not found' }];
    const checkpoint = {
      uidValidity: '1',
      lastUid: 4,
      copied: 4,
      skipped: 0,
      failed: 0,
      filtered: 3,
      bytes: 40,
    };
    await store.save(taskId, {
      ...checkpoint,
      failures: [],
      kept,
      destinationMark: { uidValidity: '7', uidNext: 5 },
    });
    expect(await store.load(taskId)).toEqual({
      ...checkpoint,
      failures: [],
      kept,
      destinationMark: { uidValidity: '7', uidNext: 5 },
    });
    await store.save(taskId, { ...checkpoint, failures: [] });
    expect((await store.load(taskId))?.destinationMark).toBeUndefined();
  });
});
