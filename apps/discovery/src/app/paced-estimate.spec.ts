import { pacedSeconds } from './paced-estimate';

const MB = 1024 * 1024;
const plain = { host: 'imap.example.org' };
const gmail = { host: 'imap.gmail.com' };

describe('pacedSeconds', () => {
  it('leaves an estimate alone when nothing paces the job', () => {
    const totals = { messages: 1_000, bytes: 900 * MB };
    expect(pacedSeconds(60, totals, undefined, { source: plain, destination: plain })).toBe(60);
  });

  it('takes at least what the speed limits allow, the slower of the two', () => {
    const totals = { messages: 1_000, bytes: 100 * MB };
    const limits = { bytesPerSecond: MB, messagesPerSecond: 5 };
    const accounts = { source: plain, destination: plain };
    expect(pacedSeconds(60, totals, limits, accounts)).toBe(200);
  });

  it('adds a day for each further quota’s worth a provider takes per day', () => {
    const accounts = { source: plain, destination: gmail };
    expect(pacedSeconds(60, { messages: 10, bytes: 400 * MB }, undefined, accounts)).toBe(60);
    // 1,200 MB into Gmail: 500 today, 500 tomorrow, 200 the day after.
    const big = { messages: 10, bytes: 1_200 * MB };
    expect(pacedSeconds(60, big, undefined, accounts)).toBe(60 + 2 * 24 * 3600);
    // Out of Gmail, 2,500 MB a day: the same 1,200 MB in one.
    expect(pacedSeconds(60, big, undefined, { source: gmail, destination: plain })).toBe(60);
  });
});
