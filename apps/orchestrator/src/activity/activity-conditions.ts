import { ActivityFilter } from '@btsx/contracts';
import { isUUID } from 'class-validator';

/** A WHERE clause over admin_activity and its parameters, numbered from $1. */
export interface ActivityConditions {
  where: string;
  params: unknown[];
}

/**
 * The filter as SQL, plus the keyset cursor: rows older than `before` (ids only grow).
 * An actor is an admin's or token's id, or else an admin's email (stored lower-cased).
 */
export function activityConditions(
  filter: ActivityFilter,
  before: string | null,
): ActivityConditions {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  const { actor, action, target, tenant, from, to } = filter;
  if (actor !== undefined) {
    if (isUUID(actor)) add((n) => `(actor_admin_id = ${n} OR actor_token_id = ${n})`, actor);
    else add((n) => `actor_email = ${n}`, actor.trim().toLowerCase());
  }
  if (action !== undefined) add((n) => `action = ${n}`, action);
  if (target !== undefined) add((n) => `target_id = ${n}`, target);
  if (tenant !== undefined) add((n) => `tenant_id = ${n}`, tenant);
  if (from !== undefined) add((n) => `at >= ${n}`, from);
  if (to !== undefined) add((n) => `at < ${n}`, to);
  if (before !== null) add((n) => `id < ${n}`, before);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
