import { auditLogins, canVerifyAgain } from '@btsx/contracts';
import { AppError, ConflictError, NotFoundError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobEntity } from '../jobs/job.entity';
import { LoginClaim } from '../jobs/account-claims';
import { NO_SUCH_JOB, requireUuid } from '../jobs/job-commands.service';
import { refuseOtherAccounts } from '../jobs/job-restart.service';
import { JobAnnouncer } from '../jobs/job-announcer';
import { JobStore } from '../jobs/job-store';
import { AuditPublisher } from './audit-publisher';
import { AuditStore } from './audit-store';

/**
 * Verifying a finished job again (`btsx verify`): its credentials were purged when it ended,
 * so the request brings fresh ones for the same two accounts, as a restart does.
 */
@Injectable()
export class JobVerifyService {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly store: JobStore,
    private readonly audits: AuditStore,
    private readonly publisher: AuditPublisher,
    private readonly announcer: JobAnnouncer,
  ) {}

  /** `claim` brings the fresh logins, as the new audit's own. */
  async verify(jobId: string, claim: LoginClaim, deep = false): Promise<void> {
    const id = requireUuid(jobId);
    // Cheap refusals first, before asking auth anything.
    requireVerifiable(await this.store.transaction((tx) => this.store.findJob(tx, id)));
    const auditId = randomUUID();
    const accounts = await claim(auditLogins(auditId));
    const { job, audit } = await this.store.transaction(async (tx) => {
      const job = requireVerifiable(await this.store.lockJob(tx, id));
      refuseOtherAccounts(job, accounts);
      if ((await this.audits.latest(tx, id))?.state === 'running') {
        throw new ConflictError('The job is being verified already');
      }
      const audit = await this.audits.start(tx, job, 'on_demand', { id: auditId, deep });
      const message = deep ? 'Deep verification asked for' : 'Verification asked for';
      await this.store.addLines(tx, id, [{ level: 'info', message }]);
      return { job, audit };
    });
    try {
      await this.publisher.publish(audit);
    } catch (error) {
      this.logger.error(`Publishing the audit of ${id} failed: ${String(error)}`);
      await this.store.transaction(async (tx) => {
        Object.assign(audit, { state: 'failed', error: 'Not queued', finishedAt: new Date() });
        await this.audits.save(tx, audit);
      });
      throw new AppError(503, 'The verification could not be queued; try again shortly');
    }
    await this.announcer.changed(job);
    this.logger.log(`Job ${id}: verification asked for`);
  }
}

function requireVerifiable(job: JobEntity | null): JobEntity {
  if (!job) throw new NotFoundError(NO_SUCH_JOB);
  if (job.options.foldersOnly) {
    throw new ConflictError('A Folders Only job copied no message: there is nothing to verify');
  }
  if (!canVerifyAgain(job.status)) {
    throw new ConflictError(
      `Only a job that finished copying can be verified; this one is ${job.status}`,
    );
  }
  return job;
}
