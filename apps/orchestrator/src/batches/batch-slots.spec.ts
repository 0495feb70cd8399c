import { Candidate, pickStartable } from './batch-slots';

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
