import { publishHeaders, scheduledWaitMs } from './scheduled-delivery';

describe('scheduled delivery', () => {
  const now = Date.parse('2026-12-04T10:00:00Z');

  it('waits until the time the message carries, however far within the streams’ week', () => {
    const h = publishHeaders('quota:a/0/0:7', new Date('2026-12-04T14:00:00Z'));
    expect(h.get('Nats-Msg-Id')).toBe('quota:a/0/0:7');
    expect(scheduledWaitMs(h, now)).toBe(4 * 3600_000);
    expect(scheduledWaitMs(publishHeaders(undefined, new Date('2027-01-01')), now)).toBe(
      7 * 24 * 3600_000,
    );
  });

  it('lets a message without a time, or one whose time has come, go at once', () => {
    expect(scheduledWaitMs(publishHeaders('id'), now)).toBe(0);
    expect(scheduledWaitMs(undefined, now)).toBe(0);
    expect(scheduledWaitMs(publishHeaders(undefined, new Date(now - 1)), now)).toBe(0);
  });
});
