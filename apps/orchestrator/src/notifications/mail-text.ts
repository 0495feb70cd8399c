import { NotificationBody } from '@btsx/contracts';

const STATUS_WORDS: Record<string, string> = {
  completed: 'completed',
  completed_with_errors: 'completed with errors',
  incomplete: 'ended incomplete (messages are missing at the destination)',
  failed: 'failed',
  cancelled: 'was cancelled',
};

const ATTENTION_WORDS: Record<string, string> = {
  'quota-wait': 'is waiting for a mail provider’s daily quota',
  throttled: 'is slowed down by a mail server that asks it to wait',
  reauthenticate: 'needs an account to be signed in again',
};

export interface MailText {
  subject: string;
  text: string;
}

/**
 * A notification in words, plain text. It names the job or batch and its counts and links to
 * its page; never an account, a password or a credential (the body carries none).
 */
export function mailText(body: NotificationBody): MailText {
  const what = body.batchId
    ? `Your batch${body.name ? ` “${body.name}”` : ''}`
    : 'Your mailbox migration';
  const how = body.reason
    ? ATTENTION_WORDS[body.reason]
    : (STATUS_WORDS[body.status] ?? body.status);
  const { copied, skipped, failed, filtered, items } = body.counts;
  const lines = [
    `${what} ${how}.`,
    '',
    ...(body.message ? [body.message, ''] : []),
    `Copied: ${copied}`,
    `Already at the destination: ${skipped}`,
    `Failed: ${failed}`,
    ...(filtered ? [`Left out by the filters: ${filtered}`] : []),
    ...Object.entries(items ?? {}).map(([state, count]) => `Mailboxes ${state}: ${count}`),
    '',
    `Details: ${body.url}`,
    '',
    '-- ',
    'BTSX. This address was given for the notifications of this migration.',
  ];
  return { subject: `BTSX: ${what} ${how}`, text: lines.join('\n') };
}
