import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, Router } from '@angular/router';
import { ADMIN_SSO_ERRORS } from '@btsx/contracts/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminPage, AdminPageHarness } from '../admin-testing';
import { AdminLoginPageComponent } from './admin-login-page.component';

describe('AdminLoginPageComponent', () => {
  let page: AdminPageHarness<AdminLoginPageComponent>;

  beforeEach(async () => {
    page = adminPage(AdminLoginPageComponent);
    await page.settle();
  });

  async function signIn(email: string, password: string): Promise<void> {
    const [emailInput, passwordInput] = page.el().querySelectorAll('input');
    emailInput.value = email;
    emailInput.dispatchEvent(new Event('input'));
    passwordInput.value = password;
    passwordInput.dispatchEvent(new Event('input'));
    await page.fixture.whenStable();
    page.el().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  }

  it('signs in and goes to the dashboard', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await signIn('root@btsx.test', 'secret-password');
    const login = page.http.expectOne('/api/admin/login');
    expect(login.request.body).toEqual({ email: 'root@btsx.test', password: 'secret-password' });
    login.flush({ email: 'root@btsx.test', csrfToken: 'csrf' });
    await page.settle();
    expect(navigate).toHaveBeenCalledWith('/admin');
  });

  it('says so when the password is wrong', async () => {
    await signIn('root@btsx.test', 'wrong');
    page.http
      .expectOne('/api/admin/login')
      .flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await page.settle();
    expect(page.el().querySelector('[role="alert"]')?.textContent).toContain(
      'Wrong email or password',
    );
  });

  it('offers no single sign-on while it is off', async () => {
    page.http.expectOne('/api/admin/sso').flush({ enabled: false, label: null });
    await page.settle();
    expect(page.el().querySelector('a[href="/api/admin/sso/start"]')).toBeNull();
  });

  it('offers single sign-on with its label when it is on', async () => {
    page.http.expectOne('/api/admin/sso').flush({ enabled: true, label: 'Contoso ID' });
    await page.settle();
    const button = page.el().querySelector<HTMLAnchorElement>('a[href="/api/admin/sso/start"]');
    expect(button?.textContent?.trim()).toBe('Sign in with Contoso ID');
  });
});

describe('AdminLoginPageComponent after a refused single sign-on', () => {
  it("shows the callback's reason", async () => {
    const route = { snapshot: { queryParamMap: convertToParamMap({ sso_error: 'tenant' }) } };
    const page = adminPage(AdminLoginPageComponent, undefined, [
      { provide: ActivatedRoute, useValue: route },
    ]);
    await page.settle();
    expect(page.text('[role="alert"]')).toBe(ADMIN_SSO_ERRORS.tenant);
  });
});
