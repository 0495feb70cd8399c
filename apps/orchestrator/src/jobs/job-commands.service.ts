import { CreateJobRequest, ImapEndpoint, isTerminal, SUBJECTS } from '@btsx/contracts';
import { AppError, BusClient, ConflictError, NotFoundError, RemoteError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { JobEntity } from '../database/job.entity';
import { OrchestratorConfig } from '../orchestrator.config';
import { JobStore } from './job-store';
import { JobUpdater } from './job-updater';
import { JOB_CANCELLED_LINE, JOB_CREATED_LINE } from './status-lines';

export const NO_SUCH_JOB = 'No such job';

/** auth answers this kind when a credential is unknown or was already purged. */
const CREDENTIAL_NOT_FOUND = 'credential_not_found';

/** What a user can do to a job: start it, cancel it, delete it. */
@Injectable()
export class JobCommandsService {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly store: JobStore,
    private readonly updater: JobUpdater,
    private readonly bus: BusClient,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  async create(request: CreateJobRequest): Promise<string> {
    const [source, destination] = await Promise.all([
      this.describe(request.sourceCredentialId, 'source'),
      this.describe(request.destinationCredentialId, 'destination'),
    ]);
    const id = randomUUID();
    const job = await this.store.transaction(async (tx) => {
      const job = tx.getRepository(JobEntity).create({
        id,
        status: 'queued',
        options: { ...request.options },
        sourceCredentialId: request.sourceCredentialId,
        destinationCredentialId: request.destinationCredentialId,
        sourceHost: source.host,
        sourceUsername: source.username,
        destinationHost: destination.host,
        destinationUsername: destination.username,
        planned: false,
        total: null,
        error: null,
        finishPublished: false,
        createdAt: new Date(),
        startedAt: null,
        finishedAt: null,
      });
      await this.store.saveJob(tx, job);
      await this.store.addLines(tx, id, [JOB_CREATED_LINE]);
      return job;
    });
    await this.requestPlanning(job);
    this.logger.log(`Job ${id} queued`);
    return id;
  }

  /** msgId = job id: a retried publish of the same job is dropped by JetStream. */
  private async requestPlanning(job: JobEntity): Promise<void> {
    try {
      await this.bus.publish(
        SUBJECTS.jobRequested,
        {
          jobId: job.id,
          sourceCredentialId: job.sourceCredentialId,
          destinationCredentialId: job.destinationCredentialId,
          options: job.options,
        },
        job.id,
      );
    } catch (error) {
      // The job stays queued; restarting unfinished jobs republishes job.requested.
      this.logger.error(`Publishing job.requested for ${job.id} failed: ${String(error)}`);
      throw new AppError(503, 'The job could not be queued; try again shortly');
    }
  }

  async cancel(jobId: string): Promise<void> {
    let wasTerminal = false;
    const job = await this.updater.update(requireUuid(jobId), async ({ job, say }) => {
      wasTerminal = isTerminal(job.status);
      if (wasTerminal) return;
      job.status = 'cancelled';
      job.finishedAt = new Date();
      say(JOB_CANCELLED_LINE);
    });
    if (!job) throw new NotFoundError(NO_SUCH_JOB);
    if (wasTerminal) throw new ConflictError(`The job is already ${job.status}`);
    this.bus.broadcast(SUBJECTS.jobCancel, { jobId: job.id });
    this.logger.log(`Job ${job.id} cancelled`);
  }

  async delete(jobId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const job = await this.store.lockJob(tx, requireUuid(jobId));
      if (!job) throw new NotFoundError(NO_SUCH_JOB);
      if (!isTerminal(job.status)) {
        throw new ConflictError('Only a finished job can be deleted; cancel it first');
      }
      await this.store.deleteJob(tx, job.id);
    });
    this.bus.broadcast(SUBJECTS.jobUpdated, { jobId });
  }

  private async describe(
    credentialId: string,
    side: 'source' | 'destination',
  ): Promise<ImapEndpoint> {
    try {
      return await this.bus.request(
        SUBJECTS.credentialDescribe,
        { credentialId },
        this.config.AUTH_REQUEST_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof RemoteError && error.kind === CREDENTIAL_NOT_FOUND) {
        throw new AppError(400, `The ${side} account must authenticate again`);
      }
      this.logger.warn(`Describing the ${side} credential failed: ${String(error)}`);
      throw new AppError(503, 'The account service is not answering; try again shortly');
    }
  }
}

/** A malformed id names no job, so it gets the same answer as an unknown one. */
export function requireUuid(id: string): string {
  if (!isUUID(id)) throw new NotFoundError(NO_SUCH_JOB);
  return id;
}
