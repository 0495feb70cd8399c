import { IsIn, IsUUID, Matches } from 'class-validator';
import { CREDENTIAL_OWNER_PATTERN, CredentialOwner } from '../core/credential-owner';
import { JOB_STATUSES, JobStatus } from '../core/job-status';

export class JobCancel {
  @IsUUID()
  jobId: string;
}

/**
 * A job reached a terminal state, or an on-demand audit of it ended: `auth` purges the logins
 * of `credentialOwner` (the job's own, or the audit's).
 */
export class JobFinished {
  @IsUUID()
  jobId: string;

  @IsIn(JOB_STATUSES)
  status: JobStatus;

  @Matches(CREDENTIAL_OWNER_PATTERN)
  credentialOwner: CredentialOwner;
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
