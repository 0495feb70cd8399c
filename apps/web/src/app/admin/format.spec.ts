import {
  BATCH_ITEM_STATES,
  DEFAULT_BATCH_CONCURRENCY,
  DEFAULT_BATCH_PER_HOST_LIMIT,
} from '@btsx/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ITEM_STATES, stateLabel } from './format';

// The app keeps its own copies of these contract values (it imports only types from the
// contracts); these tests keep the copies true.
describe('admin format', () => {
  it('offers every item state the server knows, in its order', () => {
    expect(ITEM_STATES).toEqual(BATCH_ITEM_STATES);
  });

  it('proposes the server’s default limits', () => {
    expect(DEFAULT_LIMITS).toEqual({
      concurrency: DEFAULT_BATCH_CONCURRENCY,
      perHostLimit: DEFAULT_BATCH_PER_HOST_LIMIT,
    });
  });

  it('spells a state with spaces', () => {
    expect(stateLabel('completed_with_errors')).toBe('completed with errors');
  });
});
