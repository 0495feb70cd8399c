import { compareMailboxes, type MailboxSnapshot, type SnapshotMessage } from './index';

const message = (sha256: string, flags: string[] = ['\\Seen'], internalDate = 1_600_000_000) =>
  ({ sha256, size: 100, flags, internalDate }) satisfies SnapshotMessage;

const source: MailboxSnapshot = [
  { path: 'INBOX', messages: [message('aa'), message('bb', [])] },
  { path: 'Sent Items', specialUse: '\\Sent', messages: [message('cc')] },
  { path: 'Projects/Q1', messages: [] },
];

/** The same mailbox on a server that calls its sent folder "Sent", plus an empty auto-created Trash. */
function copyOf(snapshot: MailboxSnapshot): MailboxSnapshot {
  const copy = structuredClone(snapshot);
  copy[1].path = 'Sent';
  return [...copy, { path: 'Trash', specialUse: '\\Trash', messages: [] }];
}

describe('compareMailboxes', () => {
  it('finds nothing when folders match by special use or by path', () => {
    expect(compareMailboxes(source, copyOf(source))).toEqual([]);
  });

  it('treats messages as a multiset, so order does not matter', () => {
    const destination = copyOf(source);
    destination[0].messages.reverse();
    expect(compareMailboxes(source, destination)).toEqual([]);
  });

  it('reports a missing message', () => {
    const destination = copyOf(source);
    destination[0].messages.pop();
    expect(compareMailboxes(source, destination)).toEqual([
      expect.stringMatching(/^"INBOX": missing message bb/),
    ]);
  });

  it('reports a duplicate', () => {
    const destination = copyOf(source);
    destination[1].messages.push(message('cc'));
    expect(compareMailboxes(source, destination)).toEqual([
      expect.stringMatching(/^"Sent Items" -> "Sent" \(\\Sent\): extra message cc.*a duplicate/),
    ]);
  });

  it('reports a flag change', () => {
    const destination = copyOf(source);
    destination[0].messages[0].flags = ['\\Flagged', '\\Seen'];
    expect(compareMailboxes(source, destination)).toEqual([
      expect.stringMatching(
        /flag mismatch on aa.*source \[\\Seen\], destination \[\\Flagged \\Seen\]/,
      ),
    ]);
  });

  it('reports a date change', () => {
    const destination = copyOf(source);
    destination[0].messages[1].internalDate += 3600;
    expect(compareMailboxes(source, destination)).toEqual([
      expect.stringMatching(/^"INBOX": date mismatch on bb.*destination 2020-09-13T13:26:40.000Z/),
    ]);
  });

  it('reports a missing folder, even an empty one', () => {
    const destination = copyOf(source).filter((folder) => folder.path !== 'Projects/Q1');
    expect(compareMailboxes(source, destination)).toEqual([
      'missing folder "Projects/Q1" (0 messages)',
    ]);
  });

  it('reports a non-empty destination folder that has no source counterpart', () => {
    const destination = copyOf(source);
    destination.push({ path: 'Stray', messages: [message('dd')] });
    expect(compareMailboxes(source, destination)).toEqual(['extra folder "Stray" (1 messages)']);
  });
});
