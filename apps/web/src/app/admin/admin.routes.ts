import { Routes } from '@angular/router';
import { adminGuard } from './admin.guard';

/** /admin: the bulk-migration dashboard; every page but sign-in needs an admin. */
export const ADMIN_ROUTES: Routes = [
  {
    path: 'login',
    title: 'Admin sign-in',
    loadComponent: () =>
      import('./login/admin-login-page.component').then((m) => m.AdminLoginPageComponent),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'Batches',
    canActivate: [adminGuard],
    loadComponent: () =>
      import('./batches/batches-page.component').then((m) => m.BatchesPageComponent),
  },
  {
    path: 'batches/:id',
    title: 'Batch',
    canActivate: [adminGuard],
    loadComponent: () => import('./batch/batch-page.component').then((m) => m.BatchPageComponent),
  },
];
