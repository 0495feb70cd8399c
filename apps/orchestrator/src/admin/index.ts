// The door of admin for other features: a module of admin routes imports AdminModule and
// guards them with AdminAuthGuard.
export { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
export type { AdminPrincipal } from './admin-sessions.service';
export { AdminModule } from './admin.module';
