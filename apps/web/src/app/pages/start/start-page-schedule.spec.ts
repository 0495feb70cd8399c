import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { CreateScheduleRequest } from '@btsx/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_DRAFT } from '../../shared/account-card/account-draft';
import type { AccountState } from '../../shared/account-card/account-state';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { SCHEDULE_PASSWORDS_TERMS } from '../../shared/schedule/schedule-terms';
import { type PageHarness, pageHarness } from '../../shared/testing/page-harness';
import { StartPageComponent } from './start-page.component';

describe('StartPageComponent "When"', () => {
  let page: PageHarness<StartPageComponent>;

  beforeEach(async () => {
    page = pageHarness(StartPageComponent);
    await page.fixture.whenStable();
  });

  const accounts = () => page.fixture.componentInstance as unknown as Record<string, AccountState>;
  const radio = (value: string) =>
    page.el().querySelector<HTMLInputElement>(`btsx-schedule-section input[value="${value}"]`)!;
  const stable = () => page.fixture.whenStable();

  it("starts a schedule: POST /api/schedules with the zone, then the schedule's page", async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    for (const side of ['source', 'destination']) {
      accounts()[side].succeed(accounts()[side].begin(), `${side}-credential`);
    }
    radio('schedule').click();
    await stable();
    expect(page.text('[data-testid="schedule-passwords"]')).toContain(SCHEDULE_PASSWORDS_TERMS);
    page.el().querySelector<HTMLInputElement>('.terms input[type="checkbox"]')!.click();
    await stable();
    const start = [...page.el().querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Start Schedule',
    )!;
    start.click();
    await stable();
    const request = page.http.expectOne({ method: 'POST', url: '/api/schedules' });
    const body = request.request.body as CreateScheduleRequest;
    expect(body).toMatchObject({
      sourceCredentialId: 'source-credential',
      destinationCredentialId: 'destination-credential',
      timeZone: browserTimeZone(),
      everyHours: 24,
      options: { mirrorDeletions: false },
    });
    expect(body).not.toHaveProperty('notify');
    request.flush({ id: 'schedule-1' });
    await page.settle();
    expect(navigate).toHaveBeenCalledWith(['/schedules', 'schedule-1']);
  });

  it('disables "On a schedule", with the reason, while an account signs in with a provider', async () => {
    radio('schedule').click();
    await stable();
    accounts()['source'].draft = { ...EMPTY_DRAFT, serverType: 'gmail' };
    await stable();
    expect(radio('schedule').disabled).toBe(true);
    expect(radio('now').checked).toBe(true);
    expect(page.text('[data-testid="schedule-refusal"]')).toMatch(/cannot be scheduled/);
  });
});
