import { IsArray, IsIn, IsUUID } from 'class-validator';
import { JOB_STATUSES, JobStatus } from '../core/job-status';

export class JobCancel {
  @IsUUID()
  jobId: string;
}

/** A job reached a terminal state: `auth` purges its credentials. */
export class JobFinished {
  @IsUUID()
  jobId: string;

  @IsIn(JOB_STATUSES)
  status: JobStatus;

  @IsArray()
  @IsUUID('all', { each: true })
  credentialIds: string[];
}

/**
 * Every task of the job ended and its audit is about to start: copiers log out the job's
 * idle connections, whose leases the audit needs.
 */
export class JobCopied {
  @IsUUID()
  jobId: string;
}

export class JobUpdated {
  @IsUUID()
  jobId: string;
}
