import { Candidate, pickStartable, roundRobin, withinTenantShare } from './batch-slots';

function item(line: number, sourceHost: string, destinationHost = 'dest.example'): Candidate {
  return { line, sourceHost, destinationHost };
}

describe('pickStartable', () => {
  it('starts items in CSV order up to the concurrency', () => {
    const waiting = [item(2, 'a'), item(3, 'b'), item(4, 'c')];
    expect(pickStartable([], waiting, { concurrency: 2, perHostLimit: 10 })).toEqual([2, 3]);
  });

  it('counts jobs already running against the concurrency', () => {
    const waiting = [item(2, 'a'), item(3, 'b')];
    const active = [item(9, 'x')];
    expect(pickStartable(active, waiting, { concurrency: 2, perHostLimit: 10 })).toEqual([2]);
  });

  it('holds back items of a full host and lets other hosts go ahead', () => {
    const waiting = [item(2, 'a', 'd1'), item(3, 'a', 'd2'), item(4, 'b', 'd3')];
    const active = [item(9, 'A.', 'd9')];
    expect(pickStartable(active, waiting, { concurrency: 10, perHostLimit: 2 })).toEqual([2, 4]);
  });

  it('limits the destination host as much as the source host', () => {
    const waiting = [item(2, 'a'), item(3, 'b'), item(4, 'c')];
    expect(pickStartable([], waiting, { concurrency: 10, perHostLimit: 2 })).toEqual([2, 3]);
  });

  it('counts a job whose source and destination share a host once', () => {
    const waiting = [item(2, 'h', 'h'), item(3, 'h', 'h'), item(4, 'h', 'h')];
    expect(pickStartable([], waiting, { concurrency: 10, perHostLimit: 2 })).toEqual([2, 3]);
  });

  it('starts nothing when the batch is full', () => {
    const active = [item(8, 'a'), item(9, 'b')];
    expect(pickStartable(active, [item(2, 'c')], { concurrency: 2, perHostLimit: 5 })).toEqual([]);
  });
});

describe('withinTenantShare', () => {
  it("lowers a batch's concurrency to what its tenant has left", () => {
    expect(withinTenantShare({ concurrency: 10, perHostLimit: 4 }, 3, 2)).toEqual({
      concurrency: 5,
      perHostLimit: 4,
    });
  });

  it('keeps the batch within its own concurrency when the tenant has plenty', () => {
    expect(withinTenantShare({ concurrency: 10, perHostLimit: 4 }, 3, 500).concurrency).toBe(10);
  });

  it('starts nothing once the tenant is over its share (its cap was lowered)', () => {
    const limits = withinTenantShare({ concurrency: 10, perHostLimit: 4 }, 3, -2);
    const active = [item(7, 'a'), item(8, 'b'), item(9, 'c')];
    expect(pickStartable(active, [item(2, 'd')], limits)).toEqual([]);
  });
});

describe('roundRobin', () => {
  it("starts one tenant's item per turn, so a small tenant never waits for a big one's whole share", () => {
    const big = Array.from({ length: 200 }, (_, i) => `big-${i}`);
    const small = ['small-0', 'small-1'];
    const order = roundRobin([big, small]);
    expect(order.slice(0, 4)).toEqual(['big-0', 'small-0', 'big-1', 'small-1']);
    expect(order).toHaveLength(202);
  });

  it('rotates which tenant goes first from one pass to the next', () => {
    const groups = [['a1', 'a2'], ['b1'], ['c1']];
    expect(roundRobin(groups, 0)).toEqual(['a1', 'b1', 'c1', 'a2']);
    expect(roundRobin(groups, 1)).toEqual(['b1', 'c1', 'a1', 'a2']);
    expect(roundRobin(groups, 5)).toEqual(['c1', 'a1', 'b1', 'a2']);
  });

  it('skips tenants with nothing to start', () => {
    expect(roundRobin([[], ['b1'], []], 0)).toEqual(['b1']);
    expect(roundRobin([], 3)).toEqual([]);
  });
});
