import { PlanPreviewRequest, PlanView, SUBJECTS } from '@btsx/contracts';
import { withPreviewSessions } from '@btsx/imap';
import { BusClient } from '@btsx/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DiscoveryConfig } from './discovery-config';
import { PlanPreview } from './plan-preview';

/**
 * Answers discovery.plan.preview: both accounts signed in with logins auth lends for the
 * client's own session (the tokens stay the job's to claim), surveyed, and logged out. A
 * login or a server that fails answers the requester with the reason, naming the account.
 */
@Controller()
export class PlanPreviewHandlers {
  constructor(
    private readonly bus: BusClient,
    private readonly config: DiscoveryConfig,
  ) {}

  @MessagePattern(SUBJECTS.planPreview)
  preview(@Payload() request: PlanPreviewRequest): Promise<PlanView> {
    const { session } = request;
    const sessions = {
      resolveLogin: (side: 'source' | 'destination') =>
        this.bus.request(SUBJECTS.credentialLend, { token: request[side], side, session }),
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
      commandTimeoutMs: this.config.IMAP_COMMAND_TIMEOUT_MS,
    };
    return withPreviewSessions(sessions, (source, destination, reader) =>
      new PlanPreview(source, destination, reader).view(request.options),
    );
  }
}
