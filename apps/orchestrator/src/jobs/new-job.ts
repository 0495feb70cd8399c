import { ClaimedAccounts, JobOptions } from '@btsx/contracts';
import { EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';

/** A queued job's row: the accounts as auth described them (no secret), the user's options. */
export function newJobRow(
  id: string,
  options: JobOptions,
  accounts: ClaimedAccounts,
  restartedFrom: string | null = null,
  tenantId: string | null = null,
): Partial<JobEntity> {
  const { source, destination } = accounts;
  return {
    id,
    status: 'queued',
    options: { ...options } satisfies JobOptions,
    sourceHost: source.host,
    sourcePort: source.port,
    sourceSecurity: source.security,
    sourceVerifyCertificate: source.verifyCertificate,
    sourceUsername: source.username,
    sourceProvider: source.provider ?? null,
    destinationHost: destination.host,
    destinationPort: destination.port,
    destinationSecurity: destination.security,
    destinationVerifyCertificate: destination.verifyCertificate,
    destinationUsername: destination.username,
    destinationProvider: destination.provider ?? null,
    restartedFrom,
    tenantId,
    planned: false,
    total: null,
    error: null,
    finishPublished: false,
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
    waitingUntil: null,
  };
}

/**
 * What the caller of a job's creation stores with the new job in its transaction (a
 * schedule's pass row): a job never exists without it, nor it without the job.
 */
export type WithNewJob = (tx: EntityManager, jobId: string) => Promise<void>;
