import type { ApiTokenView } from '@btsx/contracts/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { TENANT_CHOICE_KEY } from '../session/admin-session.service';
import { ACME, adminPage, type AdminPageHarness, button, signedIn, type } from '../admin-testing';
import { TokensPageComponent } from './tokens-page.component';

const CI: ApiTokenView = {
  id: 't1',
  name: 'ci',
  role: 'operator',
  tenantId: ACME.id,
  createdBy: 'owner@msp.test',
  createdAt: '2026-01-01T00:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
};

describe('TokensPageComponent', () => {
  let page: AdminPageHarness<TokensPageComponent>;
  const ask = vi.fn(async () => true);

  beforeEach(async () => {
    localStorage.setItem(TENANT_CHOICE_KEY, ACME.id);
    page = adminPage(TokensPageComponent, signedIn('owner'), [
      { provide: Confirm, useValue: { ask } },
    ]);
    await page.settle();
    page.http.expectOne(`/api/admin/tokens?tenant=${ACME.id}`).flush([CI]);
    await page.settle();
  });

  afterEach(() => {
    page.fixture.destroy();
    localStorage.clear();
  });

  it("lists the chosen tenant's tokens with expiry and last use", () => {
    const cells = [...page.el().querySelectorAll('tr.mat-mdc-row td')].map((td) =>
      td.textContent?.trim(),
    );
    expect(cells.slice(0, 3)).toEqual(['ci', 'operator', 'Acme']);
    expect(cells.slice(4, 6)).toEqual(['never', 'never']);
  });

  it('creates a token for the tenant shown and shows it once, with a warning', async () => {
    await type(page, 'input[formControlName="name"]', 'nightly sync');
    await type(page, 'input[formControlName="expiresOn"]', '2027-03-01');
    button(page.el(), 'Create token')!.click();
    await page.settle();
    const create = page.http.expectOne({ method: 'POST', url: '/api/admin/tokens' });
    expect(create.request.body).toEqual({
      name: 'nightly sync',
      role: 'viewer',
      tenantId: ACME.id,
      expiresAt: new Date('2027-03-01T00:00').toISOString(),
    });
    create.flush({ ...CI, name: 'nightly sync', token: 'btsx_api_secret' });
    await page.settle();
    page.http.expectOne((r) => r.url === '/api/admin/tokens').flush([CI]);
    await page.settle();
    expect(page.text('[data-testid="shown-once"]')).toBe('btsx_api_secret');
    expect(page.text('btsx-shown-once')).toContain('it is not shown again');
    const copy = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: copy },
      configurable: true,
    });
    button(page.el(), 'Copy')!.click();
    await page.settle();
    expect(copy).toHaveBeenCalledWith('btsx_api_secret');
    expect(button(page.el(), 'Copied')).toBeDefined();
  });

  it('revokes only once it is confirmed', async () => {
    ask.mockResolvedValueOnce(false);
    button(page.el(), 'Revoke')!.click();
    await page.settle();
    page.http.expectNone({ method: 'DELETE' });
    button(page.el(), 'Revoke')!.click();
    await page.settle();
    page.http.expectOne({ method: 'DELETE', url: '/api/admin/tokens/t1' }).flush(null);
    await page.settle();
    page.http.expectOne((r) => r.url === '/api/admin/tokens').flush([]);
    await page.settle();
    expect(page.el().textContent).toContain('No API token.');
  });
});
