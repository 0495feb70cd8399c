import { lookup } from 'node:dns/promises';
import { resolvedServer } from './rate-limit-keys';

jest.mock('node:dns/promises', () => ({ lookup: jest.fn() }));

describe('resolvedServer with a resolver that never answers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives up on the lookup and lets the name stand for itself', async () => {
    jest.mocked(lookup).mockReturnValue(new Promise(() => undefined));
    const server = resolvedServer('Stalls.Example', 993);
    await jest.advanceTimersByTimeAsync(60_000);
    await expect(server).resolves.toBe('stalls.example 993');
  });
});
