import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AdminApi } from './admin-api.service';

/** The dashboard needs a signed-in admin; anyone else goes to the sign-in page. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  try {
    await inject(AdminApi).me();
    return true;
  } catch {
    return router.createUrlTree(['/admin/login'], { queryParams: { next: state.url } });
  }
};
