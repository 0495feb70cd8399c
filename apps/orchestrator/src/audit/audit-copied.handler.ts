import { AuditCopiedReply, AuditCopiedRequest, isTerminal, SUBJECTS } from '@btsx/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource, In } from 'typeorm';
import { JobFolderEntity } from '../jobs/job-folder.entity';
import { JobEntity } from '../jobs/job.entity';
import { refusedUids } from './audit-publisher';
import { JobAuditEntity } from './job-audit.entity';

/**
 * Answers an audit that follows the copy: the folders whose copy is over (every task done or
 * failed), with the refusals recorded for them, and whether more will come. Read-only, and
 * from committed rows: a folder is listed once the transaction that settled it is in.
 */
@Controller()
export class AuditCopiedHandler {
  constructor(private readonly db: DataSource) {}

  @MessagePattern(SUBJECTS.jobAuditCopied)
  async copied(@Payload() request: AuditCopiedRequest): Promise<AuditCopiedReply> {
    const { auditId, jobId } = request;
    const audit = await this.db.getRepository(JobAuditEntity).findOneBy({ id: auditId, jobId });
    const job = await this.db.getRepository(JobEntity).findOneBy({ id: jobId });
    if (audit?.state !== 'running' || !job) return { state: 'gone', folders: [] };
    const over = job.status === 'verifying' || isTerminal(job.status);
    const folders = await this.db.getRepository(JobFolderEntity).find({
      where: { jobId, state: In(['done', 'failed']) },
      select: { source: true },
    });
    const refused = await refusedUids(this.db.manager, jobId);
    return {
      state: over ? 'copied' : 'copying',
      folders: folders.map(({ source }) => ({ source, refusedUids: refused.get(source) ?? [] })),
    };
  }
}
