import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { BATCH_PASSWORDS_TERMS } from '../../shared/schedule/schedule-terms';
import { ACME, adminPage, AdminPageHarness, button, signedIn } from '../admin-testing';
import { TENANT_CHOICE_KEY } from '../session/admin-session.service';
import { BatchesPageComponent } from './batches-page.component';

describe('BatchesPageComponent', () => {
  let page: AdminPageHarness<BatchesPageComponent>;
  const el = () => page.el();

  beforeEach(async () => {
    page = adminPage(BatchesPageComponent);
    await page.settle();
    page.http.expectOne('/api/admin/batches').flush([]);
    await page.settle();
  });

  afterEach(() => page.fixture.destroy());

  async function chooseFile(text: string): Promise<void> {
    const input = el().querySelector<HTMLInputElement>('[data-testid="csv-file"]')!;
    // jsdom has neither DataTransfer (to build a FileList) nor Blob.text().
    const file = { name: 'batch.csv', text: () => Promise.resolve(text) };
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await page.fixture.whenStable();
  }

  const importButton = () =>
    [...el().querySelectorAll('button')].find((b) => b.textContent?.includes('Import'))!;

  it('uploads the CSV as text/csv with the limits and opens the new batch', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(importButton().disabled).toBe(true);
    await chooseFile('source_host,...\n');
    importButton().click();
    await page.settle();
    const upload = page.http.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/admin/batches',
    );
    expect(upload.request.params.has('everyHours')).toBe(false);
    expect(upload.request.body).toBe('source_host,...\n');
    expect(upload.request.headers.get('content-type')).toBe('text/csv');
    expect(upload.request.params.get('concurrency')).toBe('10');
    expect(upload.request.params.get('perHostLimit')).toBe('4');
    upload.flush({ id: 'b1', rows: 1 });
    await page.settle();
    expect(navigate).toHaveBeenCalledWith(['/admin/batches', 'b1']);
  });

  it("sends a schedule's fields with the browser's zone, and none without an interval", async () => {
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await chooseFile('source_host,...\n');
    const type = async (testId: string, value: string) => {
      const input = el().querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await page.fixture.whenStable();
    };
    await type('every-hours', '6');
    await type('start-at', '2026-12-05T20:00');
    importButton().click();
    await page.settle();
    const upload = page.http.expectOne((r) => r.url === '/api/admin/batches');
    expect(upload.request.params.get('everyHours')).toBe('6');
    expect(upload.request.params.get('startAt')).toBe('2026-12-05T20:00');
    expect(upload.request.params.get('timeZone')).toBe(browserTimeZone());
    expect(upload.request.params.get('mirrorDeletions')).toBe('false');
    expect(upload.request.params.has('endsAt')).toBe(false);
    upload.flush({ id: 'b1', rows: 1 });
    await page.settle();
    expect(el().querySelector('[data-testid="import-schedule"]')?.textContent).toContain(
      BATCH_PASSWORDS_TERMS,
    );
  });

  it('lists every bad line of a refused CSV', async () => {
    await chooseFile('bad');
    importButton().click();
    await page.settle();
    page.http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'The CSV has errors on 2 line(s); nothing was imported',
          details: [
            'line 3: source_port must be a port number',
            'line 5: source_username is required',
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await page.settle();
    const lines = [...el().querySelectorAll('[data-testid="row-errors"] li')].map((li) =>
      li.textContent?.trim(),
    );
    expect(lines).toEqual([
      'line 3: source_port must be a port number',
      'line 5: source_username is required',
    ]);
  });
});

describe('BatchesPageComponent by role and tenant', () => {
  afterEach(() => localStorage.clear());

  it('offers a viewer no import form', async () => {
    const page = adminPage(BatchesPageComponent, signedIn('viewer', ACME));
    await page.settle();
    page.http.expectOne('/api/admin/batches').flush([]);
    await page.settle();
    expect(page.el().querySelector('[data-testid="csv-file"]')).toBeNull();
    expect(page.el().querySelector('[data-testid="import-tenant"]')).toBeNull();
    page.fixture.destroy();
  });

  it("lists the switcher's tenant and imports into it", async () => {
    localStorage.setItem(TENANT_CHOICE_KEY, ACME.id);
    const page = adminPage(BatchesPageComponent, signedIn('operator'));
    await page.settle();
    page.http.expectOne(`/api/admin/batches?tenant=${ACME.id}`).flush([]);
    await page.settle();
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const input = page.el().querySelector<HTMLInputElement>('[data-testid="csv-file"]')!;
    const file = { name: 'batch.csv', text: () => Promise.resolve('csv') };
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await page.settle();
    button(page.el(), 'Import and start')!.click();
    await page.settle();
    const upload = page.http.expectOne((r) => r.method === 'POST');
    expect(upload.request.params.get('tenant')).toBe(ACME.id);
    upload.flush({ id: 'b1', rows: 1 });
    await page.settle();
    page.fixture.destroy();
  });
});
