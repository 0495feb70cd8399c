import { JobRate } from './job-rates';
import { QuotaAllowance, type Sleep } from './quota-allowance';
import { QuotaReachedError } from './quota-reached.error';
import { emptyUsage, type QuotaRule, release, reserve } from './rolling-window';
import { TransferPacer } from './transfer-pacer';
import type { TransferQuotas } from './transfer-quotas.store';

const rule: QuotaRule = { limitBytes: 5_000, windowMs: 96_000 };
const account = { host: 'imap.gmail.com', username: 'a@example.com' };

/** The KV bucket's arithmetic on one account, in memory. */
function memoryQuotas(now: () => number) {
  const usage = emptyUsage();
  const quotas = {
    reserve: async (_a: unknown, _d: unknown, bytes: number, r: QuotaRule) =>
      reserve(usage, bytes, r, now()),
    release: async (_a: unknown, _d: unknown, slot: number, bytes: number) => {
      release(usage, slot, bytes);
    },
  } as unknown as TransferQuotas;
  return { quotas, usage };
}

function allowance(
  quotas: TransferQuotas,
  holdMs: number,
  sleep: Sleep = async () => undefined,
  onHold = jest.fn(),
) {
  return new QuotaAllowance({
    quotas,
    account,
    provider: 'gmail',
    direction: 'upload',
    rule,
    holdMs,
    sleep,
    onHold,
  });
}

describe('TransferPacer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('reserves the quota a part at a time and gives back what it did not send', async () => {
    const { quotas, usage } = memoryQuotas(Date.now);
    const pacer = new TransferPacer([allowance(quotas, 0)], undefined, jest.fn());
    await pacer.admit(30);
    await pacer.admit(30);
    // One part of the quota (1/50) reserved for both messages.
    expect(Object.values(usage.slots)).toEqual([100]);
    await pacer.close();
    expect(Object.values(usage.slots)).toEqual([60]);
  });

  it('holds a short wait for the quota, and stops the task for a long one', async () => {
    const { quotas } = memoryQuotas(Date.now);
    const sleep = jest.fn(async (ms: number) => void jest.advanceTimersByTime(ms));
    const onHold = jest.fn();
    const holding = new TransferPacer(
      [allowance(quotas, 200_000, sleep, onHold)],
      undefined,
      sleep,
    );
    await holding.admit(5_000);
    await holding.admit(1_000);
    // The first slot (0–1 s) leaves the 96 s window at 97 s.
    expect(sleep).toHaveBeenCalledWith(97_000, undefined);
    expect(onHold).toHaveBeenCalledWith(expect.objectContaining({ resumesAt: 97_000 }));

    const { quotas: full } = memoryQuotas(Date.now);
    const stopping = new TransferPacer([allowance(full, 60_000)], undefined, sleep);
    await stopping.admit(5_000);
    const reached = await stopping.admit(1).catch((error: unknown) => error);
    expect(reached).toBeInstanceOf(QuotaReachedError);
    expect(reached).toMatchObject({ provider: 'gmail', direction: 'upload', resumesAt: 194_000 });
  });

  it('waits what the job’s speed limits ask, bytes or messages, whichever is slower', async () => {
    const sleep = jest.fn(async () => undefined);
    const rate = new JobRate({ bytesPerSecond: 1_000, messagesPerSecond: 2 }, Date.now);
    const pacer = new TransferPacer([], rate, sleep);
    await pacer.admit(500);
    await pacer.admit(500);
    expect(sleep).not.toHaveBeenCalled();
    await pacer.admit(100); // the 3rd message of the second: half a second early
    expect(sleep).toHaveBeenLastCalledWith(500, undefined);
    await pacer.admit(1_000); // 1,100 bytes over: 1.1 s
    expect(sleep).toHaveBeenLastCalledWith(1_100, undefined);
  });
});
