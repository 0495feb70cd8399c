import { AuditFolderRequest, JobAuditRequested, SUBJECTS } from '@btsx/contracts';
import { deltaScopes, type DeltaScope } from './delta-scopes';
import { BusClient } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobEntity } from '../jobs/job.entity';
import { JobFolderEntity } from '../jobs/job-folder.entity';
import { MessageFailureEntity } from '../jobs/message-failure.entity';
import { AuditStore } from './audit-store';
import { JobAuditEntity, loginsOf } from './job-audit.entity';

/**
 * Sends an audit's request to the auditor: the job's folder pairs, its known refusals, what
 * each folder's copy left out, and the job's message filter.
 */
@Injectable()
export class AuditPublisher {
  constructor(
    private readonly db: DataSource,
    private readonly bus: BusClient,
    private readonly audits: AuditStore,
  ) {}

  /** The requests of `jobId` that a crash or a failed publish left behind, then nothing. */
  async publishPending(jobId: string): Promise<void> {
    for (const audit of await this.audits.unpublished(jobId)) await this.publish(audit);
  }

  /** msgId per audit: a repeat within JetStream's duplicate window is dropped. */
  async publish(audit: JobAuditEntity): Promise<void> {
    this.bus.broadcast(SUBJECTS.jobCopied, { jobId: audit.jobId });
    await this.bus.publish(
      SUBJECTS.jobAuditRequested,
      await this.request(audit),
      `${audit.id}.requested`,
    );
    await this.audits.markPublished(audit.id);
    audit.published = true;
  }

  private async request(audit: JobAuditEntity): Promise<JobAuditRequested> {
    const folders = await this.db
      .getRepository(JobFolderEntity)
      .find({ where: { jobId: audit.jobId }, order: { position: 'ASC' } });
    const job = await this.db
      .getRepository(JobEntity)
      .findOne({ where: { id: audit.jobId }, select: { id: true, options: true, delta: true } });
    // A delta pass's own audit verifies what it copied; Verify again compares everything.
    const scopes =
      job?.delta && audit.trigger === 'automatic'
        ? await deltaScopes(this.db, audit.jobId)
        : new Map<number, DeltaScope>();
    const failures = await this.db
      .getRepository(MessageFailureEntity)
      .find({ where: { jobId: audit.jobId }, select: { folder: true, uid: true } });
    const refused = new Map<string, number[]>();
    for (const { folder, uid } of failures)
      refused.set(folder, [...(refused.get(folder) ?? []), uid]);
    return {
      auditId: audit.id,
      jobId: audit.jobId,
      logins: loginsOf(audit),
      deleteSource: audit.deleteSource,
      deep: audit.deep,
      messages: job?.options.messages,
      folders: folders.map((f): AuditFolderRequest => ({
        source: f.source,
        destination: f.destination,
        refusedUids: refused.get(f.source) ?? [],
        notCreated: f.error ?? undefined,
        skipMessagesIn: f.skipMessagesIn ?? undefined,
        destinationIsView: f.destinationIsView ?? undefined,
        ...scopes.get(f.position),
      })),
    };
  }
}
