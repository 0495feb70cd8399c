// The door of the activity log for the modules whose handlers record admin actions.
export { ActivityLog } from './activity-log.service';
export type { ActivityDetail, ActivityEvent, ActivityTarget } from './activity-log.service';
export { ActivityLogModule } from './activity-log.module';
export { actorOf, adminActor, RequestOrigin } from './activity-origin';
export type { ActivityOrigin } from './activity-origin';
export { adminTarget, tenantTarget, tokenTarget } from './activity-targets';
