import { type PersonalNamespace, segmentsInNamespace } from './namespace';
import { compileFolderMap, type FolderMapRule } from '@btsx/contracts/core';
import { FolderRuleError, planFolderMapping } from './plan-folder-mapping';
import type { RemoteFolder } from './remote-folder';

const ns = (delimiter: string, prefix = ''): PersonalNamespace => ({ prefix, delimiter });
const COURIER = ns('.', 'INBOX.');

const folder = (
  path: string,
  delimiter: string,
  extra: Partial<RemoteFolder> = {},
  prefix = '',
): RemoteFolder => ({
  path,
  delimiter,
  segments: segmentsInNamespace(path, ns(delimiter, prefix)),
  foreign: false,
  noSelect: false,
  subscribed: true,
  ...extra,
});
const onCourier = (path: string, extra: Partial<RemoteFolder> = {}) =>
  folder(path, '.', extra, 'INBOX.');

describe('planFolderMapping', () => {
  it('maps INBOX to INBOX and keeps the hierarchy across delimiters', () => {
    const source = [folder('INBOX', '/'), folder('Work', '/'), folder('Work/2024', '/')];
    expect(planFolderMapping(source, [], ns('.'))).toEqual([
      { source: 'INBOX', destination: 'INBOX' },
      { source: 'Work', destination: 'Work' },
      { source: 'Work/2024', destination: 'Work.2024' },
    ]);
  });

  it('replaces the destination delimiter inside a name so it never becomes a child', () => {
    const source = [folder('v1.2', '/'), folder('a/b.c', '/')];
    expect(planFolderMapping(source, [], ns('.')).map((m) => m.destination)).toEqual([
      'v1_2',
      'a.b_c',
    ]);
  });

  it('maps special-use folders onto the destination folder with the same attribute', () => {
    const source = [
      folder('Sent', '/', { specialUse: '\\Sent' }),
      folder('Trash', '/', { specialUse: '\\Trash' }),
    ];
    const destination = [folder('Sent Items', '.', { specialUse: '\\Sent' })];
    expect(planFolderMapping(source, destination, ns('.'))).toEqual([
      { source: 'Sent', destination: 'Sent Items', specialUse: '\\Sent' },
      { source: 'Trash', destination: 'Trash', specialUse: '\\Trash' },
    ]);
  });

  it('still plans \\Noselect parents', () => {
    const source = [folder('[Gmail]', '/', { noSelect: true }), folder('[Gmail]/Stuff', '/')];
    expect(planFolderMapping(source, [], ns('.')).map((m) => m.destination)).toEqual([
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
    const paths = planFolderMapping(source, destination, ns('.')).map((m) => m.destination);
    expect(paths).toEqual(['Sent Items', 'Sent Items (2)', 'a_b', 'a_b (2)']);
  });

  it('treats INBOX case-insensitively', () => {
    const source = [folder('inbox', '/'), folder('Other', '/')];
    expect(planFolderMapping(source, [], ns('.'))[0]).toEqual({
      source: 'inbox',
      destination: 'INBOX',
    });
  });

  it('never hands the destination an empty, "." or ".." segment', () => {
    const source = [folder('../x', '/'), folder('..', '/'), folder('a//b', '/')];
    expect(planFolderMapping(source, [], ns('/')).map((m) => m.destination)).toEqual([
      '__/x',
      '__',
      'a/_/b',
    ]);
  });

  it('keeps folders that differ only in case apart', () => {
    const source = [folder('Case', '/'), folder('case', '/'), folder('CASE', '/')];
    expect(planFolderMapping(source, [], ns('.')).map((m) => m.destination)).toEqual([
      'Case',
      'case (2)',
      'CASE (3)',
    ]);
  });

  it('puts a child under its parent even when the parent was renamed', () => {
    const source = [folder('Case', '/'), folder('case', '/'), folder('case/sub', '/')];
    expect(planFolderMapping(source, [], ns('.')).map((m) => m.destination)).toEqual([
      'Case',
      'case (2)',
      'case (2).sub',
    ]);
  });

  it('leaves the source namespace prefix behind: INBOX.Projects.2024 on Courier is Projects/2024', () => {
    const source = [
      onCourier('INBOX'),
      onCourier('INBOX.Projects'),
      onCourier('INBOX.Projects.2024'),
    ];
    expect(planFolderMapping(source, [], ns('/')).map((m) => m.destination)).toEqual([
      'INBOX',
      'Projects',
      'Projects/2024',
    ]);
  });

  it('adds the destination prefix, keeping INBOX and what lies under it where they are', () => {
    const source = [folder('INBOX', '/'), folder('Projects/2024', '/'), folder('INBOX/Sub', '/')];
    expect(planFolderMapping(source, [], COURIER).map((m) => m.destination)).toEqual([
      'INBOX',
      'INBOX.Projects.2024',
      'INBOX.Sub',
    ]);
  });

  it('keeps a top folder and a child of INBOX apart where a prefix makes them one path', () => {
    const source = [folder('INBOX/Sub', '/'), folder('Sub', '/')];
    expect(planFolderMapping(source, [], COURIER).map((m) => m.destination)).toEqual([
      'INBOX.Sub',
      'INBOX.Sub (2)',
    ]);
  });

  it("maps a special-use folder onto the prefixed destination's folder of that use", () => {
    const source = [folder('Sent', '/', { specialUse: '\\Sent' }), folder('Sent/2019', '/')];
    const destination = [onCourier('INBOX.Sent Mail', { specialUse: '\\Sent' })];
    expect(planFolderMapping(source, destination, COURIER).map((m) => m.destination)).toEqual([
      'INBOX.Sent Mail',
      'INBOX.Sent Mail.2019',
    ]);
  });

  describe('with folder rules', () => {
    const rules = (map: FolderMapRule[], foreign: string[] = []) => ({
      map: compileFolderMap(map),
      foreign,
    });
    const slash = (path: string, extra: Partial<RemoteFolder> = {}) => folder(path, '/', extra);

    it('sends a folder where its rule says, its children with it, and says which rule', () => {
      const source = [slash('INBOX'), slash('Old Stuff'), slash('Old Stuff/Bills'), slash('Work')];
      const map = rules([{ from: 'Old Stuff', to: 'Archive/2019' }]);
      expect(planFolderMapping(source, [], COURIER, map)).toEqual([
        { source: 'INBOX', destination: 'INBOX' },
        {
          source: 'Old Stuff',
          destination: 'INBOX.Archive.2019',
          rule: 'Old Stuff => Archive/2019',
        },
        {
          source: 'Old Stuff/Bills',
          destination: 'INBOX.Archive.2019.Bills',
          rule: 'Old Stuff => Archive/2019',
        },
        { source: 'Work', destination: 'INBOX.Work' },
      ]);
    });

    it('puts everything under one folder, INBOX and the special-use folders too', () => {
      const source = [slash('INBOX'), slash('Sent', { specialUse: '\\Sent' }), slash('a.b')];
      const destination = [folder('Sent Items', '.', { specialUse: '\\Sent' })];
      const map = rules([{ from: '**', to: 'Imported from old.example/$1' }]);
      expect(
        planFolderMapping(source, destination, ns('.'), map).map((m) => m.destination),
      ).toEqual([
        'Imported from old_example.INBOX',
        'Imported from old_example.Sent',
        'Imported from old_example.a_b',
      ]);
    });

    it('gives a folder whose place a rule took " (2)", where no rule sent it', () => {
      const source = [slash('Old'), slash('Archive')];
      const map = rules([{ from: 'Old', to: 'Archive' }]);
      expect(planFolderMapping(source, [], ns('/'), map).map((m) => m.destination)).toEqual([
        'Archive',
        'Archive (2)',
      ]);
    });

    it.each([
      [
        'two rules onto one folder',
        [slash('A'), slash('B')],
        [
          { from: 'A', to: 'X' },
          { from: 'B', to: 'x' },
        ],
        'Folder rule "B => x" maps B onto x, where A (rule "A => X") goes already',
      ],
      [
        'one rule with wildcards onto one folder',
        [slash('a/Old'), slash('b/Old')],
        [{ from: '*/Old', to: 'Old' }],
        'Folder rule "*/Old => Old" maps b/Old onto Old, where a/Old (rule "*/Old => Old") goes already',
      ],
      [
        'a rule onto INBOX',
        [slash('INBOX'), slash('Inbox-old')],
        [{ from: 'Inbox-old', to: 'INBOX' }],
        'Folder rule "Inbox-old => INBOX" maps Inbox-old onto INBOX, where INBOX goes already',
      ],
      [
        'a rule into a shared namespace',
        [slash('Team')],
        [{ from: 'Team', to: 'Shared/Team' }],
        'Folder rule "Team => Shared/Team" maps Team onto Shared/Team, outside the account\'s own folders',
      ],
      [
        'a rule onto no folder',
        [slash('Projects')],
        [{ from: 'Projects/**', to: '$1' }],
        'Folder rule "Projects/** => $1" maps Projects onto no folder at all',
      ],
    ])('refuses %s, naming the rule', (_, source, map, message) => {
      const plan = () => planFolderMapping(source, [], ns('/'), rules(map, ['Shared/']));
      expect(plan).toThrow(FolderRuleError);
      expect(plan).toThrow(message);
    });
  });
});
