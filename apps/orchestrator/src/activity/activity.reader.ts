import {
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityView,
  DEFAULT_ACTIVITY_PAGE,
} from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';
import { activityConditions } from './activity-conditions';
import { ActivityRow, toActivityView } from './activity-view';

/** Rows per query while streaming the CSV: memory stays flat however long the log. */
const CSV_CHUNK = 1000;

/** The activity log, newest first: by the page (keyset on id) or all of it for the CSV. */
@Injectable()
export class ActivityReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(query: ActivityQuery): Promise<ActivityPage> {
    const limit = query.limit ?? DEFAULT_ACTIVITY_PAGE;
    // One row more than asked tells whether an older page exists.
    const rows = await this.select(query, query.before ?? null, limit + 1);
    const items = rows.slice(0, limit).map(toActivityView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async *all(filter: ActivityFilter): AsyncGenerator<ActivityView> {
    let before: string | null = null;
    for (;;) {
      const rows = await this.select(filter, before, CSV_CHUNK);
      yield* rows.map(toActivityView);
      if (rows.length < CSV_CHUNK) return;
      before = rows[rows.length - 1].id;
    }
  }

  private select(filter: ActivityFilter, before: string | null, limit: number) {
    const { where, params } = activityConditions(filter, before);
    return this.db.query<ActivityRow[]>(
      `SELECT * FROM ${ORCHESTRATOR_SCHEMA}.admin_activity ${where}
       ORDER BY id DESC LIMIT ${limit}`,
      params,
    );
  }
}
