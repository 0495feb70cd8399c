import type { BatchPassView, BatchView } from '@btsx/contracts/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { type PageHarness, pageHarness } from '../../shared/testing/page-harness';
import { BatchScheduleCardComponent } from './batch-schedule-card.component';
import { BATCH } from './batch-fixture';

const pass = (number: number, more: Partial<BatchPassView> = {}): BatchPassView => ({
  number,
  delta: number > 1,
  final: false,
  startedAt: '2026-12-05T19:00:00Z',
  endedAt: '2026-12-05T19:30:00Z',
  lines: 40,
  copied: number * 100,
  failed: 0,
  changes: number > 1 ? { flagsChanged: 3, removed: 1, renumberedFolders: 0 } : null,
  ...more,
});

const SCHEDULED: BatchView = {
  ...BATCH,
  schedule: {
    state: 'waiting',
    timeZone: 'Europe/Berlin',
    startAt: '2026-12-05T19:00:00Z',
    everyHours: 6,
    endsAt: '2027-01-05T19:00:00Z',
    nextPassAt: '2026-12-06T07:00:00Z',
    mirrorDeletions: false,
    error: null,
    endedAt: null,
    passes: [pass(1), pass(2)],
  },
};

describe('BatchScheduleCardComponent', () => {
  let card: PageHarness<BatchScheduleCardComponent>;
  const ask = vi.fn(async () => true);
  const asked = vi.fn();

  async function show(batch: BatchView): Promise<void> {
    card.fixture.componentRef.setInput('batch', batch);
    await card.settle();
  }

  const cells = (n: number) =>
    [...card.el().querySelectorAll(`[data-testid="pass-${n}"] td`)].map((td) =>
      td.textContent!.replace(/\s+/g, ' ').trim(),
    );
  const finalButton = () =>
    [...card.el().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Final pass');

  beforeEach(() => {
    ask.mockClear();
    asked.mockClear();
    card = pageHarness(BatchScheduleCardComponent, [{ provide: Confirm, useValue: { ask } }]);
    card.fixture.componentInstance.finalPass.subscribe(asked);
  });

  it('lists the passes with their lines, counts and what changed, and the next pass', async () => {
    await show(SCHEDULED);
    expect(card.text('[data-testid="schedule-state"]')).toBe('Waiting for the next pass');
    expect(card.text('[data-testid="next-pass"]')).toContain(`(${browserTimeZone()})`);
    expect(cells(1)[0]).toBe('1. full pass');
    expect(cells(1)[1]).toBe('40');
    expect(cells(2)).toEqual(
      expect.arrayContaining([
        '2. delta pass',
        '200',
        '3 messages with new flags, 1 message removed at the source',
      ]),
    );
    expect(card.text('[data-testid="batch-passwords"]')).toContain(
      "until the schedule's final pass or end date",
    );
  });

  it('shows a pass still running as running, without counts', async () => {
    const running = pass(3, { endedAt: null, copied: null, failed: null, changes: null });
    await show({ ...SCHEDULED, schedule: { ...SCHEDULED.schedule!, passes: [pass(1), running] } });
    expect(cells(3)).toEqual(expect.arrayContaining(['running', '—']));
  });

  it('asks for the final pass only after a confirmation', async () => {
    await show(SCHEDULED);
    ask.mockResolvedValueOnce(false);
    finalButton()!.click();
    await card.settle();
    expect(asked).not.toHaveBeenCalled();
    finalButton()!.click();
    await card.settle();
    expect(ask).toHaveBeenLastCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/passwords are deleted/) }),
    );
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('offers no final pass once it was asked for or the schedule ended', async () => {
    for (const state of ['final-requested', 'finished', 'cancelled'] as const) {
      await show({ ...SCHEDULED, schedule: { ...SCHEDULED.schedule!, state } });
      expect(finalButton()).toBeUndefined();
    }
  });

  it("says when a batch's passwords go, or that they went and why", async () => {
    const expiresAt = '2026-12-12T19:30:00Z';
    await show({ ...BATCH, credentials: { ...BATCH.credentials, expiresAt } });
    expect(card.text('[data-testid="batch-passwords"]')).toContain(
      new Date(expiresAt).toLocaleString(),
    );
    expect(card.el().querySelector('[data-testid="pass-1"]')).toBeNull();
    const discardedAt = '2026-12-12T19:40:00Z';
    const why = 'kept 7 days after its last pass ended';
    await show({
      ...BATCH,
      credentials: { held: false, expiresAt: null, discardedAt, discardedWhy: why },
    });
    expect(card.text('[data-testid="batch-passwords"]')).toContain(`(${why})`);
  });
});
