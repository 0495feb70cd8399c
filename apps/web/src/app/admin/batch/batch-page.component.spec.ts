import { TestBed } from '@angular/core/testing';
import type { BatchItemView, BatchView } from '@btsx/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACME, adminPage, AdminPageHarness, signedIn } from '../admin-testing';
import { BatchPageComponent } from './batch-page.component';
import { BATCH } from './batch-fixture';

const ITEM: BatchItemView = {
  line: 2,
  sourceHost: 'old.example',
  sourceUsername: 'ann@old.example',
  destinationHost: 'new.example',
  destinationUsername: 'ann@new.example',
  state: 'running',
  jobId: 'job-1',
  runs: 1,
  copied: 7,
  skipped: 0,
  filtered: 0,
  failed: 0,
  bytes: 2048,
  startedAt: null,
  finishedAt: null,
  error: null,
};

describe('BatchPageComponent', () => {
  let page: AdminPageHarness<BatchPageComponent>;
  const el = () => page.el();

  beforeEach(async () => {
    page = adminPage(BatchPageComponent);
    page.fixture.componentRef.setInput('id', 'b1');
    await page.settle();
  });

  afterEach(() => page.fixture.destroy());

  async function answer(batch: BatchView, items: BatchItemView[]): Promise<void> {
    page.http.expectOne('/api/admin/batches/b1').flush(batch);
    page.http.expectOne((r) => r.url === '/api/admin/batches/b1/items').flush(items);
    page.http
      .expectOne('/api/admin/batches/b1/failure-reasons')
      .flush([{ reason: 'Login refused', jobs: 1 }]);
    page.http.expectOne('/api/admin/batches/b1/throughput').flush([]);
    await page.settle();
  }

  it('shows the batch, its failures by reason and links each job to its status page', async () => {
    await answer(BATCH, [ITEM]);
    expect(el().querySelector('h1')?.textContent).toContain('Tenant move');
    expect(el().querySelector('[data-testid="batch-state"]')?.textContent).toContain('running');
    expect(el().textContent).toContain('Login refused');
    const link = el().querySelector<HTMLAnchorElement>('a[href="/jobs/job-1"]');
    expect(link?.textContent).toContain('ann@old.example');
    expect(el().querySelector<HTMLAnchorElement>('[data-testid="report-link"]')?.href).toMatch(
      /\/api\/admin\/batches\/b1\/report\.csv$/,
    );
  });

  it('pauses a running batch', async () => {
    await answer(BATCH, [ITEM]);
    const pause = [...el().querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Pause'),
    );
    pause!.click();
    page.http
      .expectOne({ method: 'POST', url: '/api/admin/batches/b1/pause' })
      .flush({ affected: 0 });
    await page.settle();
    await answer({ ...BATCH, state: 'paused' }, [ITEM]);
    expect(el().querySelector('[data-testid="batch-state"]')?.textContent).toContain('paused');
  });

  it('offers a viewer no batch action, only the reports', async () => {
    page.fixture.destroy();
    TestBed.resetTestingModule();
    page = adminPage(BatchPageComponent, signedIn('viewer', ACME));
    page.fixture.componentRef.setInput('id', 'b1');
    await page.settle();
    await answer(BATCH, [ITEM]);
    const buttons = [...el().querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).not.toContain('Pause');
    expect(buttons).not.toContain('Cancel');
    expect(el().querySelector('[data-testid="report-link"]')).not.toBeNull();
  });
});
