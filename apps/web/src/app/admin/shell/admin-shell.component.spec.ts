import { afterEach, describe, expect, it } from 'vitest';
import { ACME, adminPage, type AdminPageHarness, pick, signedIn } from '../admin-testing';
import { AdminSession, TENANT_CHOICE_KEY } from '../session/admin-session.service';
import { AdminShellComponent } from './admin-shell.component';
import { TestBed } from '@angular/core/testing';

describe('AdminShellComponent', () => {
  let page: AdminPageHarness<AdminShellComponent>;
  const pages = () =>
    [...page.el().querySelectorAll('nav[aria-label="Dashboard"] a')].map((a) =>
      a.textContent?.trim(),
    );

  afterEach(() => {
    page.fixture.destroy();
    localStorage.clear();
  });

  it('offers an MSP owner every page and a switcher it remembers', async () => {
    page = adminPage(AdminShellComponent, signedIn('owner'));
    await page.settle();
    expect(pages()).toEqual(['Batches', 'Admins', 'API tokens', 'Tenants', 'Activity']);
    await pick(page, '[data-testid="tenant-switcher"]', 'Acme');
    expect(TestBed.inject(AdminSession).tenantFilter()).toBe(ACME.id);
    expect(localStorage.getItem(TENANT_CHOICE_KEY)).toBe(ACME.id);
    await pick(page, '[data-testid="tenant-switcher"]', 'All tenants');
    expect(TestBed.inject(AdminSession).tenantFilter()).toBeNull();
    expect(localStorage.getItem(TENANT_CHOICE_KEY)).toBeNull();
  });

  it("shows a tenant's owner its tenant's name, no switcher and no Tenants page", async () => {
    page = adminPage(AdminShellComponent, signedIn('owner', ACME));
    await page.settle();
    expect(pages()).toEqual(['Batches', 'Admins', 'API tokens', 'Activity']);
    expect(page.text('[data-testid="tenant-name"]')).toBe('Acme');
    expect(page.el().querySelector('[data-testid="tenant-switcher"]')).toBeNull();
  });

  it('shows operators and viewers the batches alone', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      page = adminPage(AdminShellComponent, signedIn(role, ACME));
      await page.settle();
      expect(pages()).toEqual(['Batches']);
      page.fixture.destroy();
      TestBed.resetTestingModule();
    }
  });
});
