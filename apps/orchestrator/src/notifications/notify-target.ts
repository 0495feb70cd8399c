import { maskEmail, type NotifyView } from '@btsx/contracts';

/** Where a job's or batch's notifications go, with the webhook's key. */
export interface NotifyTarget {
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** What a view reads of a target: never its secret. */
export type ShownTarget = Pick<NotifyTarget, 'email' | 'webhookUrl'>;

/** What a view shows of it: the address masked, the webhook's origin only. */
export function notifyView(target: ShownTarget | null): NotifyView | null {
  if (!target) return null;
  return {
    email: target.email && maskEmail(target.email),
    webhook: target.webhookUrl && new URL(target.webhookUrl).origin,
  };
}
