import { fromNamespacedPath, toNamespacedPath } from './logical-path';

const courier = { separator: '.', namespacePrefix: 'INBOX.' };
const cyrus = { separator: '/', namespacePrefix: '' };

describe('logical paths inside the personal namespace', () => {
  it('adds the prefix and the separator, and leaves INBOX alone', () => {
    expect(toNamespacedPath('Projects/2024', courier)).toBe('INBOX.Projects.2024');
    expect(toNamespacedPath('INBOX', courier)).toBe('INBOX');
    expect(toNamespacedPath('Projects/2024', cyrus)).toBe('Projects/2024');
  });

  it('maps a listed path back to the same logical path', () => {
    expect(fromNamespacedPath('INBOX.Projects.2024', courier)).toBe('Projects/2024');
    expect(fromNamespacedPath('INBOX', courier)).toBe('INBOX');
    expect(fromNamespacedPath('Projects/2024', cyrus)).toBe('Projects/2024');
  });
});
