import {
  ClaimedAccounts,
  CredentialCopyRequest,
  CredentialDiscardReply,
  CredentialDiscardRequest,
  CredentialHoldRequest,
  CredentialStoreReply,
  CredentialStoreRequest,
  HeldAccounts,
  SUBJECTS,
} from '@btsx/contracts';
import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CredentialService } from '../credentials/credential.service';

/**
 * Credentials an admin's batch brings in bulk, or a schedule's two from its client's tokens:
 * sealed like any other, but held by their id (which only the orchestrator keeps) while
 * they wait; each run gets copies under its job, which its job.finished purges; the batch or
 * schedule discards the originals when it ends. No secret goes back.
 */
@Controller()
export class HeldCredentialHandlers {
  private readonly logger = new Logger(HeldCredentialHandlers.name);

  constructor(private readonly credentials: CredentialService) {}

  @MessagePattern(SUBJECTS.credentialStore)
  async store(@Payload() request: CredentialStoreRequest): Promise<CredentialStoreReply> {
    const credentialIds: string[] = [];
    for (const login of request.logins) credentialIds.push(await this.credentials.store(login));
    this.logger.log(`Stored ${credentialIds.length} held credential(s)`);
    return { credentialIds };
  }

  /** A schedule's two accounts, from the tokens its client's session verified. */
  @MessagePattern(SUBJECTS.credentialHold)
  async hold(@Payload() request: CredentialHoldRequest): Promise<HeldAccounts> {
    const held = await this.credentials.hold(request);
    this.logger.log('Holding 2 credential(s) for a schedule');
    return held;
  }

  @MessagePattern(SUBJECTS.credentialCopy)
  copy(@Payload() request: CredentialCopyRequest): Promise<ClaimedAccounts> {
    return this.credentials.copyHeld(request);
  }

  @MessagePattern(SUBJECTS.credentialDiscard)
  async discard(@Payload() request: CredentialDiscardRequest): Promise<CredentialDiscardReply> {
    const deleted = await this.credentials.deleteHeld(request.credentialIds);
    this.logger.log(`Discarded ${deleted} held credential(s)`);
    return { deleted };
  }
}
