import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a second’s worth through at once, then asks for the time the rate needs', () => {
    let now = 0;
    const bucket = new TokenBucket(1_000, () => now);
    expect(bucket.take(1_000)).toBe(0);
    expect(bucket.take(500)).toBe(500);
    now = 500; // the wait asked for has passed: the debt is paid
    expect(bucket.take(250)).toBe(250);
  });

  it('refills with time, never beyond one second’s worth', () => {
    let now = 0;
    const bucket = new TokenBucket(10, () => now);
    bucket.take(10);
    now = 60_000;
    expect(bucket.take(10)).toBe(0);
    expect(bucket.take(1)).toBe(100);
  });

  it('makes a unit larger than the burst wait for a full bucket, not forever', () => {
    const now = 0;
    const bucket = new TokenBucket(100, () => now);
    expect(bucket.take(5_000)).toBe(0);
    expect(bucket.take(5_000)).toBe(1_000);
  });
});
