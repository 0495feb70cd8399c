import type { Type } from '@angular/core';
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
): AdminPageHarness<T> {
  return pageHarness(component, [
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
