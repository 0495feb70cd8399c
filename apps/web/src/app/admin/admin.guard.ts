import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { AdminRole } from '@btsx/contracts/core';
import { AdminSession } from './session/admin-session.service';

/** The dashboard needs a signed-in admin; anyone else goes to the sign-in page. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  try {
    await inject(AdminSession).refresh();
    return true;
  } catch {
    return router.createUrlTree(['/admin/login'], { queryParams: { next: state.url } });
  }
};

/**
 * A page only a role (and, with `mspOnly`, only an MSP admin) may open; anyone else goes to
 * the batches. The API refuses the same requests: this only keeps the page from being offered.
 */
export function roleGuard(need: AdminRole, { mspOnly = false } = {}): CanActivateFn {
  return async () => {
    const router = inject(Router);
    const session = inject(AdminSession);
    try {
      await session.current();
    } catch {
      return router.createUrlTree(['/admin/login']);
    }
    const allowed = session.may(need) && (!mspOnly || session.isMsp());
    return allowed || router.createUrlTree(['/admin']);
  };
}
