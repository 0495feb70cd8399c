import type { ActivityFilter } from '@btsx/contracts';
import type { ActivityAction } from '@btsx/contracts/core';

/** What the activity page's filter fields hold: dates as the browser's date inputs give them. */
export interface ActivityFields {
  action: ActivityAction | '';
  actor: string;
  /** yyyy-mm-dd, from the start of that day in the viewer's zone. */
  from: string;
  /** yyyy-mm-dd, up to the end of that day in the viewer's zone. */
  to: string;
}

/** The API's filter for the fields and the tenant shown; empty fields are left out. */
export function activityFilter(fields: ActivityFields, tenant: string | null): ActivityFilter {
  const actor = fields.actor.trim();
  return {
    ...(fields.action && { action: fields.action }),
    ...(actor && { actor }),
    ...(tenant && { tenant }),
    ...(fields.from && { from: startOfDay(fields.from, 0) }),
    // `to` is exclusive: the start of the next day.
    ...(fields.to && { to: startOfDay(fields.to, 1) }),
  };
}

function startOfDay(date: string, plusDays: number): string {
  const day = new Date(`${date}T00:00`);
  day.setDate(day.getDate() + plusDays);
  return day.toISOString();
}
