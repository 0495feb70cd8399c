import { Routes } from '@angular/router';
import { adminGuard, roleGuard } from './admin.guard';

/** /admin: the bulk-migration dashboard; every page but sign-in and invitations needs an admin. */
export const ADMIN_ROUTES: Routes = [
  {
    path: 'login',
    title: 'Admin sign-in',
    loadComponent: () =>
      import('./login/admin-login-page.component').then((m) => m.AdminLoginPageComponent),
  },
  {
    path: 'invitation',
    title: 'Accept an invitation',
    loadComponent: () =>
      import('./invitation/accept-invitation-page.component').then(
        (m) => m.AcceptInvitationPageComponent,
      ),
  },
  {
    path: '',
    canActivate: [adminGuard],
    loadComponent: () => import('./shell/admin-shell.component').then((m) => m.AdminShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Batches',
        loadComponent: () =>
          import('./batches/batches-page.component').then((m) => m.BatchesPageComponent),
      },
      {
        path: 'batches/:id',
        title: 'Batch',
        loadComponent: () =>
          import('./batch/batch-page.component').then((m) => m.BatchPageComponent),
      },
      {
        path: 'admins',
        title: 'Admins',
        canActivate: [roleGuard('owner')],
        loadComponent: () =>
          import('./admins/admins-page.component').then((m) => m.AdminsPageComponent),
      },
      {
        path: 'tokens',
        title: 'API tokens',
        canActivate: [roleGuard('owner')],
        loadComponent: () =>
          import('./tokens/tokens-page.component').then((m) => m.TokensPageComponent),
      },
      {
        path: 'tenants',
        title: 'Tenants',
        canActivate: [roleGuard('owner', { mspOnly: true })],
        loadComponent: () =>
          import('./tenants/tenants-page.component').then((m) => m.TenantsPageComponent),
      },
      {
        path: 'activity',
        title: 'Activity log',
        canActivate: [roleGuard('owner')],
        loadComponent: () =>
          import('./activity/activity-page.component').then((m) => m.ActivityPageComponent),
      },
    ],
  },
];
