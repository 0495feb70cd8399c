import { planBatches } from './plan-batches';

const sizes = (...list: number[]) => list.map((size, i) => ({ uid: i + 1, size }));

describe('planBatches', () => {
  it('cuts by message count', () => {
    const batches = planBatches(sizes(1, 1, 1, 1, 1), { maxMessages: 2, maxBytes: 100 });
    expect(batches.map((b) => b.map((m) => m.uid))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('cuts by bytes, and gives an oversized message its own batch', () => {
    const batches = planBatches(sizes(40, 40, 40, 500, 10), { maxMessages: 10, maxBytes: 100 });
    expect(batches.map((b) => b.map((m) => m.uid))).toEqual([[1, 2], [3], [4], [5]]);
  });

  it('plans nothing for nothing', () => {
    expect(planBatches([], { maxMessages: 1, maxBytes: 1 })).toEqual([]);
  });
});
