import { verifyCommand } from './verify.command';

/** The verify command's options as commander reads them, without running it. */
function optionsOf(...args: string[]): Record<string, unknown> {
  const command = verifyCommand().action(() => undefined);
  return command.parse(['node', 'btsx', 'job-1', ...args]).opts();
}

describe('verifyCommand', () => {
  it('is a plain audit with no report unless told otherwise', () => {
    expect(optionsOf()).toEqual({ deep: false });
  });

  it('reads --deep and --report FILE', () => {
    expect(optionsOf('--deep', '--report', 'audit.json')).toEqual({
      deep: true,
      report: 'audit.json',
    });
  });

  it('says in its help what --deep costs and how the report file is chosen', () => {
    const help = verifyCommand().helpInformation().replace(/\s+/g, ' ');
    expect(help).toContain('downloads every message of both accounts');
    expect(help).toContain('JSON for a .json FILE, CSV otherwise, - for standard output');
  });
});
