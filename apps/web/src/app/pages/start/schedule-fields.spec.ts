import { describe, expect, it } from 'vitest';
import {
  NO_SCHEDULE,
  type ScheduleFields,
  scheduleFieldsProblem,
  scheduleRefusal,
  scheduleRequest,
} from './schedule-fields';

const JOB = {
  sourceCredentialId: 'source-credential',
  destinationCredentialId: 'destination-credential',
  options: {
    deleteSource: false,
    foldersOnly: false,
    progressUpdates: false,
    reconcileExisting: false,
  },
};
const SCHEDULED: ScheduleFields = { ...NO_SCHEDULE, when: 'schedule' };
const NOW = new Date('2026-12-01T12:00:00Z');
const BERLIN = 'Europe/Berlin';

describe('the start page\'s "When" fields', () => {
  it("sends the start and the end as the wall clock of the browser's zone, with that zone", () => {
    const fields: ScheduleFields = {
      ...SCHEDULED,
      start: 'at',
      startAt: '2026-12-05T20:00',
      everyHours: 6,
      endsAt: '2026-12-20T08:30',
      mirrorDeletions: true,
    };
    expect(scheduleRequest(JOB, fields, BERLIN)).toEqual({
      sourceCredentialId: 'source-credential',
      destinationCredentialId: 'destination-credential',
      options: { ...JOB.options, mirrorDeletions: true },
      timeZone: BERLIN,
      everyHours: 6,
      startAt: '2026-12-05T20:00',
      endsAt: '2026-12-20T08:30',
    });
  });

  it('leaves out the start for "now" and the end when none is chosen', () => {
    const request = scheduleRequest(JOB, { ...SCHEDULED, startAt: '2026-12-05T20:00' }, 'UTC');
    expect(request).not.toHaveProperty('startAt');
    expect(request).not.toHaveProperty('endsAt');
    expect(request.options.mirrorDeletions).toBe(false);
  });

  it('checks nothing while the job starts now', () => {
    expect(scheduleFieldsProblem({ ...NO_SCHEDULE, everyHours: null }, BERLIN, NOW)).toBeNull();
  });

  it('takes whole hours from one to a week, as the API', () => {
    const every = (everyHours: number | null) =>
      scheduleFieldsProblem({ ...SCHEDULED, everyHours }, BERLIN, NOW);
    expect(every(1)).toBeNull();
    expect(every(168)).toBeNull();
    for (const wrong of [0, 0.5, 169, null]) expect(every(wrong)).toMatch(/1 to 168 hours/);
  });

  it("asks for the first pass's time when it is not now", () => {
    expect(scheduleFieldsProblem({ ...SCHEDULED, start: 'at' }, BERLIN, NOW)).toMatch(
      /date and time of the first pass/,
    );
  });

  it('wants the end after the first pass and within the longest a schedule keeps passwords', () => {
    const ends = (endsAt: string, startAt = '') =>
      scheduleFieldsProblem(
        { ...SCHEDULED, start: startAt ? 'at' : 'now', startAt, endsAt },
        BERLIN,
        NOW,
      );
    expect(ends('2026-12-10T08:00')).toBeNull();
    expect(ends('2026-12-04T08:00', '2026-12-05T20:00')).toMatch(/after the first pass/);
    expect(ends('2027-06-01T08:00')).toMatch(/at most 90 days/);
  });

  it('refuses a schedule with the reason when either account signs in with a provider', () => {
    expect(scheduleRefusal(false, false)).toBeNull();
    expect(scheduleRefusal(true, false)).toMatch(/Google or Microsoft 365 cannot be scheduled/);
    expect(scheduleRefusal(false, true)).toMatch(/app password/);
  });
});
