import { SUBJECTS } from '@btsx/contracts';
import { AbandonedMessages, abandonedWatch, NATS_CONNECTION } from '@btsx/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NatsConnection } from 'nats';
import { AuditResultsService } from '../audit/audit-results.service';
import { JobProgressService } from '../jobs/job-progress.service';
import { plural } from '@btsx/format';

/** Why the work stopped: no worker ever answered for it, not a server's reply. */
export function abandonedReason(work: string, deliveries: number): string {
  return `${work} was given up after ${plural(deliveries, 'attempt')}: the worker stopped every time`;
}

/**
 * Work JetStream stopped delivering because its worker died with it in hand every time (out
 * of memory, a crash) fails here, so the job goes on instead of waiting forever: a folder's
 * task fails and the audit reports what is missing; planning or the audit itself fails the
 * job. A worker that fails cleanly reports this itself on its last attempt.
 */
@Injectable()
export class AbandonedWork implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly abandoned: AbandonedMessages;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    private readonly progress: JobProgressService,
    private readonly audits: AuditResultsService,
  ) {
    this.abandoned = new AbandonedMessages(nc, 'orchestrator', [
      abandonedWatch('copier', SUBJECTS.copyTask, ({ jobId, taskId }, deliveries) =>
        this.progress.taskFailed({
          jobId,
          taskId,
          reason: abandonedReason('Copying this folder', deliveries),
          permanent: true,
        }),
      ),
      abandonedWatch('discovery', SUBJECTS.jobRequested, ({ jobId }, deliveries) =>
        this.progress.planningFailed({ jobId, reason: abandonedReason('Planning', deliveries) }),
      ),
      abandonedWatch('discovery', SUBJECTS.jobAuditRequested, ({ auditId, jobId }, deliveries) =>
        this.audits.record({
          auditId,
          jobId,
          folders: [],
          error: abandonedReason('The audit', deliveries),
        }),
      ),
    ]);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.abandoned.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.abandoned.stop();
  }
}
