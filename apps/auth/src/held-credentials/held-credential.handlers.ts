import {
  CredentialCopyReply,
  CredentialDiscardReply,
  CredentialDiscardRequest,
  CredentialResolveRequest,
  CredentialStoreReply,
  CredentialStoreRequest,
  SUBJECTS,
} from '@btsx/contracts';
import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HeldCredentialService } from './held-credential.service';

/** The orchestrator's batches store, copy and discard CSV logins here; no secret goes back. */
@Controller()
export class HeldCredentialHandlers {
  private readonly logger = new Logger(HeldCredentialHandlers.name);

  constructor(private readonly held: HeldCredentialService) {}

  @MessagePattern(SUBJECTS.credentialStore)
  async store(@Payload() request: CredentialStoreRequest): Promise<CredentialStoreReply> {
    const credentialIds = await this.held.storeAll(request.logins);
    this.logger.log(`Stored ${credentialIds.length} held credential(s)`);
    return { credentialIds };
  }

  @MessagePattern(SUBJECTS.credentialCopy)
  async copy(@Payload() request: CredentialResolveRequest): Promise<CredentialCopyReply> {
    return { credentialId: await this.held.copy(request.credentialId) };
  }

  @MessagePattern(SUBJECTS.credentialDiscard)
  async discard(@Payload() request: CredentialDiscardRequest): Promise<CredentialDiscardReply> {
    const deleted = await this.held.discard(request.credentialIds);
    this.logger.log(`Discarded ${deleted} held credential(s)`);
    return { deleted };
  }
}
