import {
  HOUR_MS,
  ImapEndpoint,
  JobAccountView,
  SchedulePassView,
  ScheduleView,
} from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduleEntity } from './schedule.entity';
import { PassRow, readPasses } from './schedule-view.sql';

/** What the API shows of a schedule: the schedule, and each of its passes with its counts. */
@Injectable()
export class ScheduleViewReader {
  constructor(private readonly db: DataSource) {}

  /** Null when there is no such schedule. One snapshot: passes match the schedule's row. */
  view(id: string): Promise<ScheduleView | null> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const schedule = await tx.getRepository(ScheduleEntity).findOneBy({ id });
      return schedule && scheduleView(schedule, await readPasses(tx, id));
    });
  }
}

function scheduleView(schedule: ScheduleEntity, passes: PassRow[]): ScheduleView {
  return {
    id: schedule.id,
    state: schedule.state,
    options: schedule.options,
    source: accountView(schedule.source),
    destination: accountView(schedule.destination),
    timeZone: schedule.timeZone,
    startAt: schedule.startAt.toISOString(),
    everyHours: schedule.everyMs / HOUR_MS,
    endsAt: schedule.endsAt.toISOString(),
    nextPassAt: schedule.nextPassAt?.toISOString() ?? null,
    credentialsHeld: schedule.sourceHeldId !== null,
    error: schedule.error,
    createdAt: schedule.createdAt.toISOString(),
    endedAt: schedule.endedAt?.toISOString() ?? null,
    passes: passes.map(passView),
  };
}

function passView(pass: PassRow): SchedulePassView {
  const { copied, skipped, failed, filtered, bytes, flagsChanged, removed, renumberedFolders } =
    pass.tally;
  return {
    number: pass.number,
    jobId: pass.jobId,
    delta: pass.delta,
    final: pass.final,
    status: pass.status,
    counters: { total: pass.total, copied, skipped, failed, filtered, bytes },
    startedAt: pass.createdAt.toISOString(),
    finishedAt: pass.finishedAt?.toISOString() ?? null,
    changes: pass.delta ? { flagsChanged, removed, renumberedFolders } : null,
  };
}

function accountView(endpoint: ImapEndpoint): JobAccountView {
  return {
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    username: endpoint.username,
    tlsInsecure: !endpoint.verifyCertificate,
    provider: endpoint.provider ?? null,
  };
}
