import { QueryRunner } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from './orchestrator-schema';

/** A table of the schema whose `options` column holds a job's JobOptions as jsonb. */
export type TableWithOptions = 'jobs' | 'batch_items';

/** Renames one key of `options` in every row of the table that has it; its value stays. */
export async function renameOption(
  db: QueryRunner,
  table: TableWithOptions,
  from: string,
  to: string,
): Promise<void> {
  await db.query(
    `UPDATE ${ORCHESTRATOR_SCHEMA}.${table}
     SET options = (options - $1::text) || jsonb_build_object($2::text, options -> $1::text)
     WHERE options ? $1`,
    [from, to],
  );
}
