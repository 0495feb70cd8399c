import { ClaimedAccounts, isTerminal, jobLogins, PassedFolder, SUBJECTS } from '@btsx/contracts';
import { AppError, BusClient, ConflictError, NotFoundError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobEntity } from './job.entity';
import { LoginClaim } from './account-claims';
import { NO_SUCH_JOB, requireUuid } from './job-commands.service';
import { JobAnnouncer } from './job-announcer';
import { JobStore } from './job-store';
import { newJobRow, WithNewJob } from './new-job';
import { passedFolders } from './pass-marks';
import { accountMismatch, restartOptions } from './restart-rules';
import { deltaOfLine, jobCreatedLines, restartedAsLine, restartOfLine } from './status-lines';

/** How a finished job runs again: a delta pass or not, and what its caller stores with it. */
export interface RestartChoice {
  delta?: boolean;
  within?: WithNewJob;
  /** A batch line's choice, where it differs from the original's (a schedule given later). */
  mirrorDeletions?: boolean;
}

/**
 * Restarting a finished job (a user's restart, or a schedule's next pass): a new job with the original's accounts and options, Replace
 * Existing turned on; or, as a delta pass, with only what changed at the source since the
 * original (its folders' marks travel with job.requested). The original's credentials were
 * purged when it ended, so the request brings fresh ones, which must name the same two accounts.
 */
@Injectable()
export class JobRestartService {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly store: JobStore,
    private readonly announcer: JobAnnouncer,
    private readonly bus: BusClient,
  ) {}

  /** Answers the new job's id; `claim` brings the fresh logins. */
  async restart(
    jobId: string,
    claim: LoginClaim,
    { delta = false, within, mirrorDeletions }: RestartChoice = {},
  ): Promise<string> {
    const originalId = requireUuid(jobId);
    // Cheap refusals first, before asking auth anything.
    requireFinished(await this.store.transaction((tx) => this.store.findJob(tx, originalId)));
    const id = randomUUID();
    const accounts = await claim(jobLogins(id));
    const { job, since } = await this.store.transaction(async (tx) => {
      const original = requireFinished(await this.store.lockJob(tx, originalId));
      refuseOtherAccounts(original, accounts);
      const options = {
        ...restartOptions(original.options, delta),
        ...(mirrorDeletions !== undefined && { mirrorDeletions }),
      };
      // A tenant's job stays its tenant's through every restart and delta pass.
      const row = newJobRow(id, options, accounts, original.id, original.tenantId);
      const job = tx.getRepository(JobEntity).create({ ...row, delta });
      await this.store.saveJob(tx, job);
      const origin = delta ? deltaOfLine(original.id) : restartOfLine(original.id);
      await this.store.addLines(tx, id, [...jobCreatedLines(options), origin]);
      await this.store.addLines(tx, original.id, [restartedAsLine(id)]);
      const since: PassedFolder[] | undefined = delta
        ? await passedFolders(tx, original.id)
        : undefined;
      await within?.(tx, id);
      return { job, since };
    });
    await this.announcer.requested(job, since);
    this.bus.broadcast(SUBJECTS.jobUpdated, { jobId: originalId });
    this.logger.log(`Job ${originalId} restarted as ${id}`);
    return id;
  }
}

function requireFinished(job: JobEntity | null): JobEntity {
  if (!job) throw new NotFoundError(NO_SUCH_JOB);
  if (!isTerminal(job.status)) {
    throw new ConflictError(`Only a finished job can be restarted; this one is ${job.status}`);
  }
  return job;
}

/** 400 unless the fresh logins name the job's own two accounts (restart, verify). */
export function refuseOtherAccounts(original: JobEntity, accounts: ClaimedAccounts): void {
  const reason =
    accountMismatch(
      'source',
      { host: original.sourceHost, username: original.sourceUsername },
      accounts.source,
    ) ??
    accountMismatch(
      'destination',
      { host: original.destinationHost, username: original.destinationUsername },
      accounts.destination,
    );
  if (reason) throw new AppError(400, reason);
}
