import { comparableFlags, sameFlags } from './flag-sets';

describe('flag sets', () => {
  it('compare without case, order or \\Recent', () => {
    expect(comparableFlags(['\\Seen', '\\Recent', '$Label'])).toEqual(['$label', '\\seen']);
    expect(sameFlags(['\\Seen', '\\Recent', '$Label'], ['$label', '\\SEEN'])).toBe(true);
    expect(sameFlags(['\\Seen'], ['\\Seen', '\\Flagged'])).toBe(false);
  });
});
