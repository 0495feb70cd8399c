import { formatDate } from '@angular/common';
import type { ActivityView } from '@btsx/contracts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACME,
  adminPage,
  type AdminPageHarness,
  button,
  pick,
  signedIn,
  type,
} from '../admin-testing';
import { TENANT_CHOICE_KEY } from '../session/admin-session.service';
import { ActivityPageComponent } from './activity-page.component';

const row = (id: string, more: Partial<ActivityView> = {}): ActivityView => ({
  id,
  at: '2026-03-01T12:00:00Z',
  action: 'token.created',
  actor: {
    adminId: 'a',
    email: 'owner@msp.test',
    tokenId: null,
    tokenName: null,
    label: 'owner@msp.test',
  },
  target: { type: 'token', id: 't1', label: 'ci' },
  tenantId: ACME.id,
  ip: '203.0.113.9',
  userAgent: null,
  detail: {},
  ...more,
});

describe('ActivityPageComponent', () => {
  let page: AdminPageHarness<ActivityPageComponent>;
  const rows = () =>
    [...page.el().querySelectorAll('tr.mat-mdc-row')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );

  beforeEach(async () => {
    localStorage.setItem(TENANT_CHOICE_KEY, ACME.id);
    page = adminPage(ActivityPageComponent, signedIn('owner'));
    await page.settle();
    page.http.expectOne(`/api/admin/activity?tenant=${ACME.id}`).flush({
      items: [row('9'), row('8', { action: 'admin.sign-in-failed', actor: null })],
      nextCursor: '8',
    });
    await page.settle();
  });

  afterEach(() => {
    page.fixture.destroy();
    localStorage.clear();
  });

  it("shows the tenant's rows with their time in the viewer's zone, and loads older ones", async () => {
    expect(rows()[0]).toEqual([
      formatDate('2026-03-01T12:00:00Z', 'medium', 'en-US'),
      'owner@msp.test',
      'token.created',
      'ci',
      'Acme',
      '203.0.113.9',
    ]);
    expect(rows()[1][1]).toBe('—');
    button(page.el(), 'Load more')!.click();
    await page.settle();
    page.http
      .expectOne((r) => r.url === '/api/admin/activity' && r.params.get('before') === '8')
      .flush({ items: [row('7')], nextCursor: null });
    await page.settle();
    expect(rows()).toHaveLength(3);
    expect(button(page.el(), 'Load more')).toBeUndefined();
  });

  it('filters by action, actor and dates, and downloads the CSV of the same filter', async () => {
    await pick(page, '[data-testid="activity-action"]', 'admin.invited');
    page.http
      .expectOne((r) => r.params.get('action') === 'admin.invited')
      .flush({ items: [], nextCursor: null });
    await type(page, 'input[type="date"]', '2026-03-01');
    const dated = page.http.expectOne((r) => r.params.has('from'));
    expect(dated.request.params.get('from')).toBe(new Date('2026-03-01T00:00').toISOString());
    dated.flush({ items: [], nextCursor: null });
    await page.settle();
    const csv = new URL(
      page.el().querySelector<HTMLAnchorElement>('[data-testid="activity-csv"]')!.href,
    );
    expect(csv.pathname).toBe('/api/admin/activity.csv');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      action: 'admin.invited',
      tenant: ACME.id,
      from: new Date('2026-03-01T00:00').toISOString(),
    });
    expect(page.text('p.hint:last-of-type')).toContain('Nothing recorded');
  });
});
