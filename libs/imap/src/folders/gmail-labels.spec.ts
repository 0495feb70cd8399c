import { planLabelSource } from './gmail-labels';
import type { RemoteFolder } from './remote-folder';

const folder = (path: string, specialUse?: string, noSelect = false): RemoteFolder => ({
  path,
  delimiter: '/',
  segments: path.split('/'),
  foreign: false,
  specialUse,
  noSelect,
  subscribed: true,
});

const gmail = [
  folder('INBOX'),
  folder('Work'),
  folder('[Gmail]', undefined, true),
  folder('[Gmail]/All Mail', '\\All'),
  folder('[Gmail]/Sent Mail', '\\Sent'),
  folder('[Gmail]/Starred', '\\Flagged'),
  folder('[Gmail]/Important', '\\Important'),
  folder('[Gmail]/Trash', '\\Trash'),
];

describe('planLabelSource', () => {
  it('leaves a source without All Mail as it is', () => {
    const plain = [folder('INBOX'), folder('Sent', '\\Sent')];
    expect(planLabelSource(plain)).toEqual({ folders: plain });
  });

  it('sends All Mail to the Archive and skips Starred and Important', () => {
    const plan = planLabelSource(gmail);
    expect(plan.allMail).toBe('[Gmail]/All Mail');
    expect(plan.folders.map((f) => f.path)).toEqual([
      'INBOX',
      'Work',
      '[Gmail]/All Mail',
      '[Gmail]/Sent Mail',
      '[Gmail]/Trash',
    ]);
    expect(plan.folders.find((f) => f.path === '[Gmail]/All Mail')?.specialUse).toBe('\\Archive');
  });

  it('keeps a hierarchy node that still holds a label folder', () => {
    const plan = planLabelSource([...gmail, folder('[Gmail]/Label')]);
    expect(plan.folders.map((f) => f.path)).toContain('[Gmail]');
  });
});
