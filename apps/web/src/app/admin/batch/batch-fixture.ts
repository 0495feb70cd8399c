import type { BatchView } from '@btsx/contracts/core';

/** A running batch without a schedule, for the batch page's specs. */
export const BATCH: BatchView = {
  id: 'b1',
  name: 'Tenant move',
  tenantId: '00000000-0000-4000-8000-000000000001',
  state: 'running',
  concurrency: 10,
  perHostLimit: 4,
  createdBy: 'root@btsx.test',
  createdAt: '2026-01-01T10:00:00.000Z',
  totals: {
    items: 2,
    states: { running: 1, failed: 1 },
    copied: 7,
    skipped: 0,
    filtered: 0,
    failed: 1,
    bytes: 2048,
  },
  bytesPerSecond: 1024,
  schedule: null,
  credentials: { held: true, expiresAt: null, discardedAt: null, discardedWhy: null },
};
