import {
  ClaimedAccounts,
  CredentialClaimRequest,
  CredentialDescribeRequest,
  CredentialResolveRequest,
  ImapEndpoint,
  ImapLogin,
  JobFinished,
  SUBJECTS,
} from '@btsx/contracts';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { CredentialService } from './credential.service';

/**
 * The bus side of the vault: the orchestrator claims tokens for jobs and purges them,
 * workers resolve a job's logins by the job and side, and discovery borrows a client's
 * logins for a plan's preview.
 */
@Controller()
export class CredentialHandlers {
  private readonly logger = new Logger(CredentialHandlers.name);

  constructor(private readonly credentials: CredentialService) {}

  @MessagePattern(SUBJECTS.credentialResolve)
  resolve(@Payload() request: CredentialResolveRequest): Promise<ImapLogin> {
    return this.credentials.resolve(request);
  }

  @MessagePattern(SUBJECTS.credentialDescribe)
  describe(@Payload() request: CredentialDescribeRequest): Promise<ImapEndpoint> {
    return this.credentials.describeToken(request);
  }

  @MessagePattern(SUBJECTS.credentialLend)
  lend(@Payload() request: CredentialDescribeRequest): Promise<ImapLogin> {
    return this.credentials.lend(request);
  }

  @MessagePattern(SUBJECTS.credentialClaim)
  claim(@Payload() request: CredentialClaimRequest): Promise<ClaimedAccounts> {
    return this.credentials.claim(request);
  }

  @EventPattern(SUBJECTS.jobFinished)
  async jobFinished(@Payload() event: JobFinished): Promise<void> {
    const deleted = await this.credentials.deleteOwnedBy(event.credentialOwner);
    this.logger.log(`job ${event.jobId} ${event.status}: deleted ${deleted} credential(s)`);
  }
}
