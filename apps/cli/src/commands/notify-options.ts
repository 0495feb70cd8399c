import type { NotifyRequest } from '@btsx/contracts';
import { Command } from 'commander';

/** The notification flags of `btsx migrate` and `btsx batch import`. */
export interface NotifyChoices {
  notifyEmail?: string;
  notifyWebhook?: string;
}

export function withNotifyOptions(command: Command): Command {
  return command
    .option('--notify-email <address>', 'mail this address when it ends or needs attention')
    .option(
      '--notify-webhook <url>',
      'POST a signed JSON event to this https URL when it ends or needs attention',
    );
}

export function notifyRequestOf({
  notifyEmail,
  notifyWebhook,
}: NotifyChoices): NotifyRequest | undefined {
  if (!notifyEmail && !notifyWebhook) return undefined;
  return {
    ...(notifyEmail && { email: notifyEmail }),
    ...(notifyWebhook && { webhook: { url: notifyWebhook } }),
  };
}

/** The secret is in no later answer: said once, on standard error, beside the job's start. */
export function webhookSecretWords(secret: string | undefined): string {
  return secret
    ? `Webhook secret (shown once; receivers verify X-BTSX-Signature with it): ${secret}\n`
    : '';
}
