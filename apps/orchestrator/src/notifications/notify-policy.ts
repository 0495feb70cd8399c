import { NotifyRequest } from '@btsx/contracts';
import { AppError } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { OrchestratorConfig } from '../orchestrator.config';
import { NotifyTarget } from './notify-target';
import { newWebhookSecret } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url';

export const NO_SMTP =
  'E-mail notifications are not available on this server: it has no SMTP server configured';

/**
 * Turns a job's or batch's `notify` into a target, or refuses it (400) with the reason:
 * an address where this server cannot send mail, a webhook URL it must not call. A webhook
 * gets a new secret of its own, which its owner sees once.
 */
@Injectable()
export class NotifyPolicy {
  constructor(private readonly config: OrchestratorConfig) {}

  get emailAvailable(): boolean {
    return this.config.SMTP_URL !== undefined;
  }

  async target(request: NotifyRequest | undefined): Promise<NotifyTarget | undefined> {
    if (!request?.email && !request?.webhook) return undefined;
    if (request.email && !this.emailAvailable) throw new AppError(400, NO_SMTP);
    const url = request.webhook?.url;
    if (url) {
      const problem = await webhookUrlProblem(url, this.config.BTSX_ALLOW_PRIVATE_HOSTS);
      if (problem) throw new AppError(400, problem);
    }
    return {
      email: request.email ?? null,
      webhookUrl: url ?? null,
      webhookSecret: url ? newWebhookSecret() : null,
    };
  }
}
