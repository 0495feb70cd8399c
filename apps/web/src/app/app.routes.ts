import { Routes } from '@angular/router';

/** One lazy route per page; each page sets the document title through `title`. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Move your mailbox',
    loadComponent: () =>
      import('./pages/start/start-page.component').then((m) => m.StartPageComponent),
  },
  {
    path: 'terms',
    title: 'Terms of Service',
    loadComponent: () =>
      import('./pages/terms/terms-page.component').then((m) => m.TermsPageComponent),
  },
  {
    path: 'jobs/:id',
    title: (route) => `Job ${route.paramMap.get('id') ?? ''}`,
    loadComponent: () =>
      import('./pages/job-status/job-status-page.component').then((m) => m.JobStatusPageComponent),
  },
  {
    path: 'schedules/:id',
    title: (route) => `Schedule ${route.paramMap.get('id') ?? ''}`,
    loadComponent: () =>
      import('./pages/schedule/schedule-page.component').then((m) => m.SchedulePageComponent),
  },
  {
    path: 'admin',
    loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () =>
      import('./pages/not-found/not-found-page.component').then((m) => m.NotFoundPageComponent),
  },
];
