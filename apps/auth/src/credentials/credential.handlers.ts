import {
  CredentialResolveRequest,
  ImapEndpoint,
  ImapLogin,
  JobFinished,
  SUBJECTS,
} from '@btsx/contracts';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { CredentialService } from './credential.service';

/** The bus side of the vault: workers resolve, the orchestrator describes and purges. */
@Controller()
export class CredentialHandlers {
  private readonly logger = new Logger(CredentialHandlers.name);

  constructor(private readonly credentials: CredentialService) {}

  @MessagePattern(SUBJECTS.credentialResolve)
  resolve(@Payload() request: CredentialResolveRequest): Promise<ImapLogin> {
    return this.credentials.resolve(request.credentialId);
  }

  @MessagePattern(SUBJECTS.credentialDescribe)
  describe(@Payload() request: CredentialResolveRequest): Promise<ImapEndpoint> {
    return this.credentials.describe(request.credentialId);
  }

  @EventPattern(SUBJECTS.jobFinished)
  async jobFinished(@Payload() event: JobFinished): Promise<void> {
    const deleted = await this.credentials.deleteMany(event.credentialIds);
    this.logger.log(`job ${event.jobId} ${event.status}: deleted ${deleted} credential(s)`);
  }
}
