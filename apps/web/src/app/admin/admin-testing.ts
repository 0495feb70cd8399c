import type { Provider, Type } from '@angular/core';
import type { AdminRole, AdminSessionView, TenantView } from '@btsx/contracts/core';
import { type PageHarness, pageHarness } from '../shared/testing/page-harness';
import { AdminSession } from './session/admin-session.service';

/** What the admin pages' component tests share: a page with a fake HTTP backend. */
export type AdminPageHarness<T> = PageHarness<T>;

export const ACME: TenantView = {
  id: '00000000-0000-4000-8000-00000000acme',
  name: 'Acme',
  concurrency: 5,
  effectiveConcurrency: 5,
  createdAt: '2026-01-02T10:00:00Z',
};
export const GLOBEX: TenantView = {
  id: '00000000-0000-4000-8000-0000000globe',
  name: 'Globex',
  concurrency: null,
  effectiveConcurrency: 20,
  createdAt: '2026-01-03T10:00:00Z',
};

/** An admin signed in with `role`, of a tenant (Acme) or, by default, of the MSP. */
export function signedIn(role: AdminRole, tenant: TenantView | null = null): AdminSessionView {
  return {
    email: `${role}@msp.test`,
    csrfToken: 'csrf',
    role,
    tenantId: tenant?.id ?? null,
    tenants: tenant ? [tenant] : [ACME, GLOBEX],
  };
}

/** The page as `me` sees it (an MSP owner unless said otherwise). */
export function adminPage<T>(
  component: Type<T>,
  me: AdminSessionView = signedIn('owner'),
  providers: Provider[] = [],
): AdminPageHarness<T> {
  return pageHarness(component, [
    ...providers,
    {
      provide: AdminSession,
      useFactory: () => {
        const session = new AdminSession();
        session.set(me);
        return session;
      },
    },
  ]);
}

/** The first button whose text is `text`. */
export function button(root: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
}

/** Types `value` into the input `selector` finds, as a person would. */
export async function type<T>(page: AdminPageHarness<T>, selector: string, value: string) {
  const input = page.el().querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await page.settle();
}

/** Opens a mat-select and picks the option labelled `label` (options live in an overlay). */
export async function pick<T>(page: AdminPageHarness<T>, select: string, label: string) {
  page.el().querySelector<HTMLElement>(`${select} .mat-mdc-select-trigger`)!.click();
  await page.settle();
  const options = [...document.querySelectorAll<HTMLElement>('mat-option')];
  options.find((o) => o.textContent?.trim() === label)!.click();
  await page.settle();
}
