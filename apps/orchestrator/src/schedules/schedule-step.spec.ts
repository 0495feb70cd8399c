import { finalPassRefusal, nextStep, ScheduleFacts } from './schedule-step';

const now = new Date('2026-12-05T12:00:00Z');
const earlier = new Date('2026-12-05T11:00:00Z');
const later = new Date('2026-12-05T13:00:00Z');
const farLater = new Date('2027-01-05T00:00:00Z');

const facts = (more: Partial<ScheduleFacts>): ScheduleFacts => ({
  state: 'waiting',
  nextPassAt: later,
  endsAt: farLater,
  latestPass: { ended: true, final: false },
  ...more,
});

describe('a schedule’s next step', () => {
  it('starts the first pass when it falls due, not before', () => {
    const scheduled = { state: 'scheduled' as const, latestPass: null };
    expect(nextStep(facts({ ...scheduled, nextPassAt: later }), now)).toEqual({ kind: 'nothing' });
    expect(nextStep(facts({ ...scheduled, nextPassAt: earlier }), now)).toEqual({
      kind: 'start pass',
      final: false,
    });
  });

  it('lets a pass that falls due wait while the previous one runs', () => {
    const running = { ended: false, final: false };
    const due = facts({ state: 'running', nextPassAt: earlier, latestPass: running });
    expect(nextStep(due, now)).toEqual({ kind: 'nothing' });
    const ended = { ...due, latestPass: { ...running, ended: true } };
    expect(nextStep(ended, now)).toEqual({ kind: 'start pass', final: false });
  });

  it('waits for the next pass once a pass ended early', () => {
    expect(nextStep(facts({ state: 'running' }), now)).toEqual({ kind: 'wait for next pass' });
    expect(nextStep(facts({ state: 'waiting' }), now)).toEqual({ kind: 'nothing' });
  });

  it('runs the final pass once the current pass ended, then ends', () => {
    const asked = facts({ state: 'final-requested', nextPassAt: null });
    const running = { ended: false, final: false };
    expect(nextStep({ ...asked, latestPass: running }, now)).toEqual({ kind: 'nothing' });
    expect(nextStep(asked, now)).toEqual({ kind: 'start pass', final: true });
    const final = { ended: false, final: true };
    expect(nextStep({ ...asked, latestPass: final }, now)).toEqual({ kind: 'nothing' });
    expect(nextStep({ ...asked, latestPass: { ...final, ended: true } }, now)).toEqual({
      kind: 'end',
      reason: 'final pass ended',
    });
  });

  it('a final pass asked for before the first pass is the only one', () => {
    const asked = facts({ state: 'final-requested', latestPass: null, nextPassAt: null });
    expect(nextStep(asked, now)).toEqual({ kind: 'start pass', final: true });
  });

  it('ends at the end date, even while a pass runs, but lets the final pass finish', () => {
    const running = { ended: false, final: false };
    expect(nextStep(facts({ endsAt: earlier, latestPass: running }), now)).toEqual({
      kind: 'end',
      reason: 'end date reached',
    });
    const final = { ...running, final: true };
    expect(nextStep(facts({ endsAt: earlier, latestPass: final }), now)).toEqual({
      kind: 'nothing',
    });
  });

  it('does nothing for an ended schedule', () => {
    for (const state of ['finished', 'cancelled'] as const) {
      expect(nextStep(facts({ state, nextPassAt: earlier }), now)).toEqual({ kind: 'nothing' });
    }
  });

  it('refuses a second final pass and one for an ended schedule', () => {
    expect(finalPassRefusal('waiting')).toBeUndefined();
    expect(finalPassRefusal('scheduled')).toBeUndefined();
    expect(finalPassRefusal('final-requested')).toMatch(/already/);
    expect(finalPassRefusal('cancelled')).toMatch(/cancelled/);
  });
});
