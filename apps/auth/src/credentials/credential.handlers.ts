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
import { BusClient, publishJobAttention } from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ReauthRequiredError } from '../oauth/oauth-errors';
import { CredentialService } from './credential.service';

/**
 * The bus side of the vault: the orchestrator claims tokens for jobs and purges them,
 * workers resolve a job's logins by the job and side, and discovery borrows a client's
 * logins for a plan's preview.
 */
@Controller()
export class CredentialHandlers {
  private readonly logger = new Logger(CredentialHandlers.name);

  constructor(
    private readonly credentials: CredentialService,
    private readonly bus: BusClient,
  ) {}

  /** A job's OAuth account whose provider refused a refresh: its owner is told to sign in. */
  @MessagePattern(SUBJECTS.credentialResolve)
  async resolve(@Payload() request: CredentialResolveRequest): Promise<ImapLogin> {
    try {
      return await this.credentials.resolve(request);
    } catch (error) {
      const [kind, jobId] = request.owner.split(':');
      if (error instanceof ReauthRequiredError && kind === 'job') {
        const detail = `The ${request.side} account must be signed in again`;
        await publishJobAttention(this.bus, jobId, 'reauthenticate', detail);
      }
      throw error;
    }
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
