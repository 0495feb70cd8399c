import { PeriodicService } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { OrchestratorConfig } from '../orchestrator.config';
import { DeliveryError } from './delivery-error';
import { MailSender } from './mail-sender';
import { mailText } from './mail-text';
import { DueNotification, NotificationOutbox } from './notification-outbox';
import { NotifyTargetsStore, StoredTarget } from './notify-targets.store';
import { MAX_NOTIFY_ATTEMPTS, retryDelayMs } from './retry-schedule';
import { postWebhook } from './webhook-sender';

/** Notifications one sweep sends: a batch ending at once stays a few sweeps' work. */
const SWEEP_LIMIT = 20;

/**
 * Sends the outbox's due notifications, every NOTIFY_SWEEP_MS on every replica: a failed
 * one goes again after a growing delay, up to MAX_NOTIFY_ATTEMPTS, and what is not sent yet
 * outlives a restart (it is a row). A crash between sending and recording it sends it once
 * more after the lease: receivers drop the repeat by its delivery id.
 */
@Injectable()
export class NotificationSweeper extends PeriodicService {
  private readonly logger = new Logger('Notifications');
  private readonly mail: MailSender | undefined;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly targets: NotifyTargetsStore,
    private readonly config: OrchestratorConfig,
  ) {
    super('Notification sweep', config.NOTIFY_SWEEP_MS);
    if (config.SMTP_URL && config.NOTIFY_FROM) {
      this.mail = new MailSender(
        config.SMTP_URL,
        config.NOTIFY_FROM,
        config.NOTIFY_SEND_TIMEOUT_MS,
      );
    }
  }

  override async onModuleDestroy(): Promise<void> {
    await super.onModuleDestroy();
    this.mail?.close();
  }

  /** Sends what is due soon rather than at the next tick (a notification just stored). */
  kick(): void {
    void this.task.runNow();
  }

  protected async runOnce(): Promise<void> {
    await this.sweep();
  }

  /** One sweep; answers how many notifications it tried. */
  async sweep(): Promise<number> {
    // Longer than one send may take, so no other replica claims a row still being sent.
    const leaseMs = 3 * this.config.NOTIFY_SEND_TIMEOUT_MS;
    const due = await this.outbox.claimDue(SWEEP_LIMIT, leaseMs);
    await Promise.all(due.map((notification) => this.attempt(notification)));
    return due.length;
  }

  private async attempt(notification: DueNotification): Promise<void> {
    const attempts = notification.attempts + 1;
    const target = await this.targets.byId(notification.targetId);
    try {
      if (!target) throw new DeliveryError('Its job or batch was deleted', true);
      await this.deliver(notification, target);
      await this.outbox.sent(notification.id, attempts);
      this.logger.log(`Sent ${notification.key} (attempt ${attempts})`);
    } catch (error) {
      await this.failed(notification, attempts, error);
    }
  }

  private async deliver({ key, channel, body }: DueNotification, target: StoredTarget) {
    if (channel === 'email') {
      if (!this.mail || !target.email)
        throw new DeliveryError('No SMTP server is configured', true);
      return this.mail.send(target.email, mailText(body));
    }
    if (!target.webhookUrl || !target.webhookSecret) {
      throw new DeliveryError('The target has no webhook', true);
    }
    const delivery = {
      url: target.webhookUrl,
      secret: target.webhookSecret,
      deliveryId: key,
      event: body.event,
      body: JSON.stringify(body),
    };
    await postWebhook(
      delivery,
      this.config.BTSX_ALLOW_PRIVATE_HOSTS,
      this.config.NOTIFY_SEND_TIMEOUT_MS,
    );
  }

  private async failed(notification: DueNotification, attempts: number, error: unknown) {
    // Only our own messages are kept and logged: others may quote a URL or a server's reply.
    const reason = error instanceof DeliveryError ? error.message : 'Unexpected error';
    if (!(error instanceof DeliveryError)) {
      this.logger.error(
        `Sending ${notification.key} failed unexpectedly: ${(error as Error).name}`,
      );
    }
    const permanent = error instanceof DeliveryError && error.permanent;
    if (permanent || attempts >= MAX_NOTIFY_ATTEMPTS) {
      await this.outbox.giveUp(notification.id, attempts, reason);
      this.logger.warn(`Gave up on ${notification.key} after ${attempts} attempts: ${reason}`);
      return;
    }
    const delayMs = retryDelayMs(attempts, this.config.NOTIFY_RETRY_BASE_MS);
    await this.outbox.retryLater(notification.id, attempts, delayMs, reason);
    this.logger.warn(
      `${notification.key} failed (attempt ${attempts}), again in ${delayMs} ms: ${reason}`,
    );
  }
}
