import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import {
  ACME,
  adminPage,
  type AdminPageHarness,
  button,
  GLOBEX,
  signedIn,
  type,
} from '../admin-testing';
import { TenantsPageComponent } from './tenants-page.component';

describe('TenantsPageComponent', () => {
  let page: AdminPageHarness<TenantsPageComponent>;
  const ask = vi.fn(async () => true);
  const names = () =>
    [...page.el().querySelectorAll('tr.mat-mdc-row td:first-child')].map((td) =>
      td.textContent?.trim(),
    );

  async function answerTenants(tenants = [ACME, GLOBEX]): Promise<void> {
    page.http.expectOne({ method: 'GET', url: '/api/admin/tenants' }).flush(tenants);
    await page.settle();
  }

  beforeEach(async () => {
    page = adminPage(TenantsPageComponent, signedIn('owner'), [
      { provide: Confirm, useValue: { ask } },
    ]);
    await page.settle();
    await answerTenants();
  });

  afterEach(() => page.fixture.destroy());

  it('creates a tenant with a share of the scheduler', async () => {
    await type(page, 'input[formControlName="name"]', 'Initech');
    await type(page, 'input[formControlName="concurrency"]', '8');
    button(page.el(), 'Create tenant')!.click();
    await page.settle();
    const create = page.http.expectOne({ method: 'POST', url: '/api/admin/tenants' });
    expect(create.request.body).toEqual({ name: 'Initech', concurrency: 8 });
    create.flush({ ...GLOBEX, id: 'i', name: 'Initech' });
    await page.settle();
    await answerTenants([ACME, GLOBEX, { ...GLOBEX, id: 'i', name: 'Initech' }]);
    expect(names()).toEqual(['Acme', 'Globex', 'Initech']);
  });

  it("changes a tenant's share, an empty one back to the default", async () => {
    const share = page
      .el()
      .querySelector<HTMLInputElement>('input[aria-label="Jobs at once of Acme"]')!;
    share.value = '';
    button(share.parentElement!, 'Save')!.click();
    await page.settle();
    const update = page.http.expectOne({ method: 'PATCH', url: `/api/admin/tenants/${ACME.id}` });
    expect(update.request.body).toEqual({ concurrency: null });
  });

  it('shows why a tenant with batches cannot be deleted', async () => {
    const acmeRow = page.el().querySelector('tr.mat-mdc-row')!;
    button(acmeRow as HTMLElement, 'Delete')!.click();
    await page.settle();
    expect(ask).toHaveBeenCalled();
    page.http
      .expectOne({ method: 'DELETE', url: `/api/admin/tenants/${ACME.id}` })
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'The tenant Acme still has 2 batches' },
        { status: 409, statusText: 'Conflict' },
      );
    await page.settle();
    await answerTenants();
    expect(page.text('[role="alert"]')).toBe('The tenant Acme still has 2 batches');
  });
});
