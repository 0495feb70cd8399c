import { effect, inject, untracked } from '@angular/core';
import { AdminSession } from './admin-session.service';

/**
 * Loads again whenever the MSP admin picks another tenant in the switcher (call in a
 * constructor). `skipFirst`: a page that loads at once by other means (refreshEvery).
 */
export function followTenant(
  load: (tenant: string | undefined) => Promise<void>,
  { skipFirst = false } = {},
): void {
  const session = inject(AdminSession);
  let skip = skipFirst;
  effect(() => {
    const tenant = session.tenantFilter() ?? undefined;
    if (skip) {
      skip = false;
      return;
    }
    untracked(() => void load(tenant));
  });
}
