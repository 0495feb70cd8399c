import {
  batchNotifyRequest,
  DEFAULT_BATCH_CONCURRENCY,
  DEFAULT_BATCH_PER_HOST_LIMIT,
  ImportBatchQuery,
  ImportBatchResponse,
} from '@btsx/contracts';
import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActivityLog, ActivityOrigin } from '../activity';
import { AdminPrincipal, DEFAULT_TENANT_ID, targetTenant, TenantsService } from '../admin';
import { NotifyPolicy } from '../notifications/notify-policy';
import { NotifyTargetsStore } from '../notifications/notify-targets.store';
import { batchActivity } from './batch-activity';
import { OrchestratorConfig } from '../orchestrator.config';
import { BatchCredentials } from './batch-credentials';
import { BatchCsvError, BatchRowInput, parseBatchCsv } from './batch-csv';
import { BatchItemEntity } from './batch-item.entity';
import { BatchScheduler } from './batch-scheduler';
import { BatchStore } from './batch-store';
import { BatchEntity } from './batch.entity';
import { BatchScheduleRunner } from './schedule/batch-schedule-runner';
import { BatchScheduleStore } from './schedule/batch-schedule.store';
import { newBatchSchedule } from './schedule/new-batch-schedule';

/**
 * A CSV becomes a batch only whole: every row is checked first (errors name their line),
 * then the passwords go to auth's vault, then batch and items are written in one
 * transaction, with the batch's schedule if the query asks for one (its lines then wait for
 * its first pass). Logins are not tried here: each is checked when its job starts, and a wrong
 * one fails that job alone (retry it after fixing the account). The batch, and everything
 * it starts, belongs to the importing admin's tenant (an MSP admin's choice, or the default).
 */
@Injectable()
export class BatchImportService {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly store: BatchStore,
    private readonly credentials: BatchCredentials,
    private readonly scheduler: BatchScheduler,
    private readonly notifyPolicy: NotifyPolicy,
    private readonly notifyTargets: NotifyTargetsStore,
    private readonly activity: ActivityLog,
    private readonly tenants: TenantsService,
    private readonly schedules: BatchScheduleStore,
    private readonly scheduleRunner: BatchScheduleRunner,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  async import(
    csv: string,
    query: ImportBatchQuery,
    admin: AdminPrincipal,
    origin: ActivityOrigin,
  ): Promise<ImportBatchResponse> {
    const tenantId = targetTenant(admin, query.tenant, DEFAULT_TENANT_ID);
    await this.tenants.require(admin, tenantId);
    const rows = parseOrRefuse(csv);
    const id = randomUUID();
    const now = new Date();
    const schedule = newBatchSchedule(id, query, {
      now,
      minimumMs: this.config.SCHEDULE_MIN_INTERVAL_MS,
      firstPassFull: true,
    });
    const notify = await this.notifyPolicy.target(batchNotifyRequest(query));
    const ids = await this.credentials.storeAll(rows.flatMap((r) => [r.source, r.destination]));
    const batch: BatchEntity = {
      id,
      name: query.name?.trim() || `Batch of ${new Date().toISOString().slice(0, 16)}`,
      tenantId,
      intent: 'running',
      concurrency: query.concurrency ?? DEFAULT_BATCH_CONCURRENCY,
      perHostLimit: query.perHostLimit ?? DEFAULT_BATCH_PER_HOST_LIMIT,
      createdBy: admin.email,
      createdAt: now,
    };
    const items = rows.map((row, i) => toItem(batch.id, row, ids[2 * i], ids[2 * i + 1]));
    if (schedule?.mirrorDeletions) {
      for (const item of items) item.options = { ...item.options, mirrorDeletions: true };
    }
    try {
      await this.store.transaction(async (tx) => {
        await this.store.insert(tx, batch, items);
        if (schedule) await this.schedules.save(tx, schedule);
        if (notify) await this.notifyTargets.save(tx, { batchId: batch.id }, notify);
        const detail = { rows: rows.length, concurrency: batch.concurrency };
        await this.activity.record(origin, batchActivity('batch.created', batch, detail), tx);
      });
    } catch (error) {
      await this.credentials.discard(ids);
      throw error;
    }
    const when = schedule ? `, first pass at ${schedule.startAt.toISOString()}` : '';
    this.logger.log(`Batch ${batch.id} imported by ${admin.email}: ${rows.length} rows${when}`);
    this.scheduler.kick();
    if (schedule) this.scheduleRunner.kick();
    // The one time the secret is shown: receivers verify signatures with it.
    const secret = notify?.webhookSecret;
    return { id: batch.id, rows: rows.length, ...(secret && { webhookSecret: secret }) };
  }
}

function parseOrRefuse(csv: string): BatchRowInput[] {
  try {
    return parseBatchCsv(csv);
  } catch (error) {
    if (!(error instanceof BatchCsvError)) throw error;
    throw new BadRequestException({ message: error.message, details: error.details() });
  }
}

function toItem(
  batchId: string,
  row: BatchRowInput,
  sourceCredentialId: string,
  destinationCredentialId: string,
): BatchItemEntity {
  const { source, destination } = row;
  return {
    batchId,
    line: row.line,
    sourceHost: source.host,
    sourcePort: source.port,
    sourceSecurity: source.security,
    sourceUsername: source.username,
    destinationHost: destination.host,
    destinationPort: destination.port,
    destinationSecurity: destination.security,
    destinationUsername: destination.username,
    sourceCredentialId,
    destinationCredentialId,
    options: row.options,
    phase: 'pending',
    jobId: null,
    runs: 0,
    deltaOf: null,
    error: null,
    phaseChangedAt: new Date(),
  };
}
