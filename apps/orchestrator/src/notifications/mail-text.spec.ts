import { NotificationBody } from '@btsx/contracts';
import { mailText } from './mail-text';

const FINISHED: NotificationBody = {
  event: 'job.finished',
  jobId: '6f1c1f9e-6a55-4a59-9d52-0c1e8f7d2a11',
  status: 'completed_with_errors',
  counts: { total: 12, copied: 10, skipped: 1, failed: 1, filtered: 0 },
  message: 'INBOX: 1 message refused by the destination',
  url: 'https://btsx.example.com/jobs/6f1c1f9e-6a55-4a59-9d52-0c1e8f7d2a11',
  at: '2026-01-01T00:00:00.000Z',
};

describe('mailText', () => {
  it('says how the job ended, with its counts, its error and its page', () => {
    const { subject, text } = mailText(FINISHED);
    expect(subject).toBe('BTSX: Your mailbox migration completed with errors');
    expect(text).toContain('Copied: 10');
    expect(text).toContain('Failed: 1');
    expect(text).toContain(FINISHED.message);
    expect(text).toContain(`Details: ${FINISHED.url}`);
  });

  it('says what a job waits on, and names a batch', () => {
    const attention = mailText({
      ...FINISHED,
      event: 'batch.attention',
      batchId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      name: 'Spring move',
      reason: 'quota-wait',
      counts: { ...FINISHED.counts, items: { running: 3, completed: 5 } },
    });
    expect(attention.subject).toBe(
      'BTSX: Your batch “Spring move” is waiting for a mail provider’s daily quota',
    );
    expect(attention.text).toContain('Mailboxes running: 3');
  });
});
