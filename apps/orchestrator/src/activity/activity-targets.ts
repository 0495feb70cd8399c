import { ActivityTarget } from './activity-log.service';

/** An admin as an activity row's target. */
export function adminTarget(id: string, email: string): ActivityTarget {
  return { type: 'admin', id, label: email };
}

/** An API token as an activity row's target (its id and name; never the token). */
export function tokenTarget(id: string, name: string): ActivityTarget {
  return { type: 'token', id, label: name };
}

/** A tenant as an activity row's target. */
export function tenantTarget(id: string, name: string): ActivityTarget {
  return { type: 'tenant', id, label: name };
}
