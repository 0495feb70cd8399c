import { randomFaults } from './random-faults';

const options = {
  seed: 7,
  budget: 3,
  probability: 0.5,
  kinds: ['cut', 'reset', 'stall', 'cutBetweenCommands'] as const,
  maxBytes: 10_000,
};

describe('randomFaults', () => {
  it('deals the same faults to the same connections for the same seed', () => {
    const first = randomFaults(options);
    const second = randomFaults(options);
    const forward = Array.from({ length: 20 }, (_, i) => first(i));
    const twice = Array.from({ length: 20 }, (_, i) => second(i));
    expect(twice).toEqual(forward);
    expect(first(5)).toEqual(forward[5]);
  });

  it('stops after its budget', () => {
    const plan = randomFaults({ ...options, probability: 1 });
    const dealt = Array.from({ length: 10 }, (_, i) => plan(i)).filter(Boolean);
    expect(dealt).toHaveLength(3);
  });
});
