import { planFolderMapping } from './plan-folder-mapping';
import type { RemoteFolder } from './remote-folder';

const folder = (
  path: string,
  delimiter: string,
  extra: Partial<RemoteFolder> = {},
): RemoteFolder => ({
  path,
  delimiter,
  segments: path.split(delimiter),
  noSelect: false,
  subscribed: true,
  ...extra,
});

describe('planFolderMapping', () => {
  it('maps INBOX to INBOX and keeps the hierarchy across delimiters', () => {
    const source = [folder('INBOX', '/'), folder('Work', '/'), folder('Work/2024', '/')];
    expect(planFolderMapping(source, [], '.')).toEqual([
      { source: 'INBOX', destination: 'INBOX' },
      { source: 'Work', destination: 'Work' },
      { source: 'Work/2024', destination: 'Work.2024' },
    ]);
  });

  it('replaces the destination delimiter inside a name so it never becomes a child', () => {
    const source = [folder('v1.2', '/'), folder('a/b.c', '/')];
    expect(planFolderMapping(source, [], '.').map((m) => m.destination)).toEqual(['v1_2', 'a.b_c']);
  });

  it('maps special-use folders onto the destination folder with the same attribute', () => {
    const source = [
      folder('Sent', '/', { specialUse: '\\Sent' }),
      folder('Trash', '/', { specialUse: '\\Trash' }),
    ];
    const destination = [folder('Sent Items', '.', { specialUse: '\\Sent' })];
    expect(planFolderMapping(source, destination, '.')).toEqual([
      { source: 'Sent', destination: 'Sent Items', specialUse: '\\Sent' },
      { source: 'Trash', destination: 'Trash', specialUse: '\\Trash' },
    ]);
  });

  it('still plans \\Noselect parents', () => {
    const source = [folder('[Gmail]', '/', { noSelect: true }), folder('[Gmail]/Stuff', '/')];
    expect(planFolderMapping(source, [], '.').map((m) => m.destination)).toEqual([
      '[Gmail]',
      '[Gmail].Stuff',
    ]);
  });

  it('never maps two source folders onto one destination path', () => {
    const source = [
      folder('Sent', '/', { specialUse: '\\Sent' }),
      folder('Sent Items', '/'),
      folder('a.b', '/'),
      folder('a_b', '/'),
    ];
    const destination = [folder('Sent Items', '.', { specialUse: '\\Sent' })];
    const paths = planFolderMapping(source, destination, '.').map((m) => m.destination);
    expect(paths).toEqual(['Sent Items', 'Sent Items (2)', 'a_b', 'a_b (2)']);
  });

  it('treats INBOX case-insensitively', () => {
    const source = [folder('inbox', '/'), folder('Other', '/')];
    expect(planFolderMapping(source, [], '.')[0]).toEqual({
      source: 'inbox',
      destination: 'INBOX',
    });
  });

  it('never hands the destination an empty, "." or ".." segment', () => {
    const source = [folder('../x', '/'), folder('..', '/'), folder('a//b', '/')];
    expect(planFolderMapping(source, [], '/').map((m) => m.destination)).toEqual([
      '__/x',
      '__',
      'a/_/b',
    ]);
  });

  it('keeps folders that differ only in case apart', () => {
    const source = [folder('Case', '/'), folder('case', '/'), folder('CASE', '/')];
    expect(planFolderMapping(source, [], '.').map((m) => m.destination)).toEqual([
      'Case',
      'case (2)',
      'CASE (3)',
    ]);
  });

  it('puts a child under its parent even when the parent was renamed', () => {
    const source = [folder('Case', '/'), folder('case', '/'), folder('case/sub', '/')];
    expect(planFolderMapping(source, [], '.').map((m) => m.destination)).toEqual([
      'Case',
      'case (2)',
      'case (2).sub',
    ]);
  });
});
