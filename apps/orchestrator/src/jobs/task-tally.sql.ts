/**
 * The columns of a TaskTally summed over the tasks of a query whose job_tasks alias is `t`
 * (quoted aliases: PostgreSQL folds unquoted names to lower case).
 */
export const TALLY_COLUMNS = `
  count(*)::int AS "tasks",
  count(*) FILTER (WHERE t.state = 'pending')::int AS "pending",
  count(*) FILTER (WHERE t.state = 'copying')::int AS "copying",
  count(*) FILTER (WHERE t.state = 'done')::int AS "done",
  count(*) FILTER (WHERE t.state = 'failed')::int AS "failedTasks",
  coalesce(sum(t.copied), 0)::int AS "copied",
  coalesce(sum(t.skipped), 0)::int AS "skipped",
  coalesce(sum(t.failed), 0)::int AS "failed",
  coalesce(sum(t.filtered), 0)::int AS "filtered",
  coalesce(sum(t.bytes), 0)::float8 AS "bytes"`;
