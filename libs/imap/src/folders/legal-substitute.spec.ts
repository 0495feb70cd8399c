import { legalSubstitute } from './legal-substitute';

describe('legalSubstitute', () => {
  it.each([
    ['INBOX.Reports/2024', '.', 'INBOX.Reports_2024'],
    ['Lists/v1.2', '/', 'Lists/v1_2'],
    ['~x', '/', '_x'],
    ['a/q"u*o%t\\e\u0001', '/', 'a/q_u_o_t_e_'],
  ])('%s on a "%s" server becomes %s', (path, delimiter, substitute) => {
    expect(legalSubstitute(path, delimiter)).toBe(substitute);
  });

  it('cuts a long last level, keeping its parents', () => {
    expect(legalSubstitute(`Archive/${'n'.repeat(300)}`, '/')).toBe(`Archive/${'n'.repeat(100)}`);
  });

  it('leaves a name with nothing to replace as it is', () => {
    expect(legalSubstitute('Projects/Ordinary name', '/')).toBe('Projects/Ordinary name');
  });
});
