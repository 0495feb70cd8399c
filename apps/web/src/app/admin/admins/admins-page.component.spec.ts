import type { AdminUserView } from '@btsx/contracts/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import {
  ACME,
  adminPage,
  type AdminPageHarness,
  button,
  pick,
  signedIn,
  type,
} from '../admin-testing';
import { AdminsPageComponent } from './admins-page.component';

const ME: AdminUserView = {
  id: 'me',
  email: 'owner@msp.test',
  role: 'owner',
  tenantId: null,
  active: true,
  inviteExpiresAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};
const ANN: AdminUserView = {
  ...ME,
  id: 'ann',
  email: 'ann@acme.test',
  role: 'viewer',
  tenantId: ACME.id,
  active: false,
  inviteExpiresAt: '2026-01-08T00:00:00Z',
};

describe('AdminsPageComponent', () => {
  let page: AdminPageHarness<AdminsPageComponent>;
  const ask = vi.fn(async () => true);
  const row = (email: string) =>
    [...page.el().querySelectorAll<HTMLElement>('tr.mat-mdc-row')].find((r) =>
      r.textContent?.includes(email),
    )!;

  beforeEach(async () => {
    page = adminPage(AdminsPageComponent, signedIn('owner'), [
      { provide: Confirm, useValue: { ask } },
    ]);
    await page.settle();
    page.http.expectOne('/api/admin/users').flush([ME, ANN]);
    await page.settle();
  });

  afterEach(() => page.fixture.destroy());

  it("lists admins with their tenant and state, without controls on one's own row", () => {
    expect(row(ANN.email).textContent).toContain('Acme');
    expect(row(ANN.email).textContent).toContain('Invited, until');
    expect(row(ME.email).textContent).toContain('(you)');
    expect(row(ME.email).textContent).toContain('Active');
    expect(button(row(ME.email), 'Remove')).toBeUndefined();
    expect(row(ME.email).querySelector('mat-select')).toBeNull();
    expect(button(row(ANN.email), 'Remove')).toBeDefined();
  });

  it('invites into a tenant and shows the single-use link once, with its expiry', async () => {
    await type(page, 'input[formControlName="email"]', 'bob@acme.test');
    await pick(page, '[data-testid="invite-tenant"]', 'Acme');
    button(page.el(), 'Invite')!.click();
    await page.settle();
    const invite = page.http.expectOne({ method: 'POST', url: '/api/admin/invitations' });
    expect(invite.request.body).toEqual({
      email: 'bob@acme.test',
      role: 'operator',
      tenantId: ACME.id,
    });
    invite.flush({
      id: 'bob',
      email: 'bob@acme.test',
      role: 'operator',
      tenantId: ACME.id,
      inviteToken: 'tok/en',
      expiresAt: '2026-01-08T00:00:00Z',
    });
    await page.settle();
    page.http.expectOne('/api/admin/users').flush([ME, ANN]);
    await page.settle();
    expect(page.text('[data-testid="shown-once"]')).toBe(
      `${location.origin}/admin/invitation#tok%2Fen`,
    );
    expect(page.text('btsx-shown-once')).toContain('not shown again');
    expect(page.text('btsx-shown-once')).toContain('2026');
  });

  it("changes a role, and removes an admin only once it's confirmed", async () => {
    await pick(page, `mat-select[aria-label="Role of ${ANN.email}"]`, 'operator');
    const patch = page.http.expectOne({ method: 'PATCH', url: '/api/admin/users/ann' });
    expect(patch.request.body).toEqual({ role: 'operator' });
    patch.flush({ ...ANN, role: 'operator' });
    await page.settle();
    page.http.expectOne('/api/admin/users').flush([ME, { ...ANN, role: 'operator' }]);
    await page.settle();

    ask.mockResolvedValueOnce(false);
    button(row(ANN.email), 'Remove')!.click();
    await page.settle();
    page.http.expectNone({ method: 'DELETE' });
    button(row(ANN.email), 'Remove')!.click();
    await page.settle();
    page.http.expectOne({ method: 'DELETE', url: '/api/admin/users/ann' }).flush(null);
    await page.settle();
    page.http.expectOne('/api/admin/users').flush([ME]);
    await page.settle();
    expect(page.el().textContent).not.toContain(ANN.email);
  });

  it("shows the API's reason when it refuses", async () => {
    await pick(page, `mat-select[aria-label="Role of ${ANN.email}"]`, 'owner');
    page.http
      .expectOne({ method: 'PATCH' })
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'Nobody grants a role above its own' },
        { status: 400, statusText: 'Bad Request' },
      );
    await page.settle();
    page.http.expectOne('/api/admin/users').flush([ME, ANN]);
    await page.settle();
    expect(page.text('[role="alert"]')).toBe('Nobody grants a role above its own');
  });
});

describe('AdminsPageComponent of a tenant owner', () => {
  it('offers no tenant and lists its own admins without ?tenant=', async () => {
    const page = adminPage(AdminsPageComponent, signedIn('owner', ACME));
    await page.settle();
    page.http.expectOne('/api/admin/users').flush([]);
    await page.settle();
    expect(page.el().querySelector('[data-testid="invite-tenant"]')).toBeNull();
    page.fixture.destroy();
  });
});
