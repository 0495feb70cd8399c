import type { SchedulePassView, ScheduleView } from '@btsx/contracts/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { type PageHarness, pageHarness } from '../../shared/testing/page-harness';
import { SchedulePageComponent } from './schedule-page.component';

const ACCOUNT = { port: 993, security: 'tls', tlsInsecure: false, provider: null } as const;
const COUNTERS = { total: null, copied: 0, skipped: 0, failed: 0, filtered: 0, bytes: 0 };

const pass = (number: number, changes: SchedulePassView['changes']): SchedulePassView => ({
  number,
  jobId: `job-${number}`,
  delta: number > 1,
  final: false,
  status: 'completed',
  counters: { ...COUNTERS, copied: number * 10 },
  startedAt: '2026-12-05T19:00:00Z',
  finishedAt: '2026-12-05T19:01:00Z',
  changes,
});

const SCHEDULE: ScheduleView = {
  id: 'schedule-1',
  state: 'waiting',
  options: {
    deleteSource: false,
    foldersOnly: false,
    progressUpdates: false,
    reconcileExisting: false,
  },
  source: { ...ACCOUNT, host: 'imap.old.example', username: 'alice@old.example' },
  destination: { ...ACCOUNT, host: 'imap.new.example', username: 'alice@new.example' },
  timeZone: browserTimeZone(),
  startAt: '2026-12-05T19:00:00Z',
  everyHours: 6,
  endsAt: '2027-03-05T19:00:00Z',
  nextPassAt: '2026-12-06T07:00:00Z',
  credentialsHeld: true,
  error: null,
  createdAt: '2026-12-05T18:00:00Z',
  endedAt: null,
  passes: [pass(1, null), pass(2, { flagsChanged: 3, removed: 1, renumberedFolders: 0 })],
};

describe('SchedulePageComponent', () => {
  let page: PageHarness<SchedulePageComponent>;
  const ask = vi.fn(async () => true);

  beforeEach(async () => {
    ask.mockClear();
    page = pageHarness(SchedulePageComponent, [{ provide: Confirm, useValue: { ask } }]);
    page.fixture.componentRef.setInput('id', 'schedule-1');
    await page.fixture.whenStable();
  });

  const settle = () => page.settle();
  const text = (selector: string) => page.text(selector);
  const cells = (pass: number) =>
    [...page.el().querySelectorAll(`[data-testid="pass-${pass}"] td`)].map((td) =>
      td.textContent!.replace(/\s+/g, ' ').trim(),
    );

  async function answer(view: ScheduleView | null): Promise<void> {
    const request = page.http.expectOne({ method: 'GET', url: '/api/schedules/schedule-1' });
    if (view) request.flush(view);
    else
      request.flush(
        { statusCode: 404, message: 'No such schedule' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
  }

  const button = (name: string) =>
    [...page.el().querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

  it('lists each pass with its kind, counters and what changed, linking to its job', async () => {
    await answer(SCHEDULE);
    expect(cells(1)).toEqual(['1. full pass', 'Completed', '10', '0', '0', '—']);
    expect(cells(2)).toEqual([
      '2. delta pass',
      'Completed',
      '20',
      '0',
      '0',
      '3 messages with new flags, 1 message removed at the source',
    ]);
    const link = page.el().querySelector('[data-testid="pass-2"] a')!;
    expect(link.getAttribute('href')).toBe('/jobs/job-2');
  });

  it("shows the state and the next pass in the person's zone", async () => {
    await answer(SCHEDULE);
    expect(text('[data-testid="schedule-state"]')).toBe('Waiting for the next pass');
    expect(text('[data-testid="next-pass"]')).toContain(`(${browserTimeZone()})`);
  });

  it('asks for the final pass after a confirmation and shows the answer', async () => {
    await answer(SCHEDULE);
    button('Final pass')!.click();
    await settle();
    expect(ask).toHaveBeenCalledWith(
      expect.objectContaining({
        message: expect.stringMatching(/one last delta pass.*passwords are deleted/i),
      }),
    );
    const request = page.http.expectOne({ method: 'POST', url: '/api/schedules/schedule-1/final' });
    request.flush({ ...SCHEDULE, state: 'final-requested', nextPassAt: null });
    await settle();
    expect(text('[data-testid="schedule-state"]')).toBe('Final pass asked for');
    expect(text('[data-testid="next-pass"]')).toBe(
      'The final pass, once the current pass has ended',
    );
  });

  it('offers neither Final pass nor Cancel once the schedule ended', async () => {
    await answer({ ...SCHEDULE, state: 'finished', nextPassAt: null, credentialsHeld: false });
    expect(page.el().textContent).not.toContain('Final pass');
    expect(text('[data-testid="passwords"]')).toBe('Deleted');
  });

  it('says so when there is no such schedule', async () => {
    await answer(null);
    expect(text('h1')).toBe('No such schedule');
  });
});
