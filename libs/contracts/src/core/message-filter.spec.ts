import {
  compileMessageFilter,
  describeMessageFilter,
  type FilterableMessage,
  type MessageFilter,
  messageFilterOption,
  messageFilterProblem,
  parseMessageSize,
} from './message-filter';

const at = (iso: string) => new Date(iso);
const filteredOut = (filter: MessageFilter | undefined, message: FilterableMessage) =>
  compileMessageFilter(filter)(message);

describe('message filter', () => {
  const filter = { since: '2024-01-01', before: '2024-07-01T00:00:00+02:00' };

  it('keeps a message received from since up to, not including, before', () => {
    expect(filteredOut(filter, { size: 1, internalDate: at('2024-01-01T00:00:00Z') })).toBe(false);
    expect(filteredOut(filter, { size: 1, internalDate: at('2023-12-31T23:59:59Z') })).toBe(true);
    // 2024-07-01T00:00:00+02:00 is 2024-06-30T22:00:00Z.
    expect(filteredOut(filter, { size: 1, internalDate: at('2024-06-30T21:59:59Z') })).toBe(false);
    expect(filteredOut(filter, { size: 1, internalDate: at('2024-06-30T22:00:00Z') })).toBe(true);
  });

  it('copies a message whose date the server did not say', () => {
    expect(filteredOut(filter, { size: 1 })).toBe(false);
    expect(filteredOut(filter, { size: 1, internalDate: new Date(NaN) })).toBe(false);
  });

  it('leaves out what is larger than maxBytes, and what is flagged \\Deleted when asked', () => {
    expect(filteredOut({ maxBytes: 100 }, { size: 100 })).toBe(false);
    expect(filteredOut({ maxBytes: 100 }, { size: 101 })).toBe(true);
    expect(filteredOut({ skipDeleted: true }, { size: 1, flags: ['\\Seen', '\\Deleted'] })).toBe(
      true,
    );
    expect(filteredOut({ skipDeleted: false }, { size: 1, flags: ['\\Deleted'] })).toBe(false);
    expect(filteredOut(undefined, { size: 1, flags: ['\\Deleted'] })).toBe(false);
  });

  it('names what is wrong with a filter', () => {
    expect(messageFilterProblem(filter)).toBeUndefined();
    expect(messageFilterProblem({ since: '2024-13-45' })).toMatch(
      /^since: "2024-13-45" is not a date/,
    );
    expect(messageFilterProblem({ before: 'yesterday' })).toMatch(
      /^before: "yesterday" is not a date/,
    );
    expect(messageFilterProblem({ since: '2024-02-01', before: '2024-02-01' })).toBe(
      'since (2024-02-01) must be earlier than before (2024-02-01), or no message is left',
    );
  });

  it('reads sizes in binary units and refuses what is no size', () => {
    expect(parseMessageSize('25MB')).toBe(25 * 1024 * 1024);
    expect(parseMessageSize('500 kb')).toBe(500 * 1024);
    expect(parseMessageSize('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseMessageSize('4096')).toBe(4096);
    for (const bad of ['', 'MB', '-1MB', '0', '10 parsecs']) {
      expect(parseMessageSize(bad)).toBeUndefined();
    }
  });

  it('makes a job option of only what filters, and says it in words', () => {
    expect(messageFilterOption({ skipDeleted: false })).toEqual({});
    expect(messageFilterOption({ since: '2024-01-01', maxBytes: undefined })).toEqual({
      messages: { since: '2024-01-01' },
    });
    expect(
      describeMessageFilter({ ...filter, maxBytes: 10 * 1024 * 1024, skipDeleted: true }),
    ).toEqual([
      'received since 2024-01-01',
      'received before 2024-07-01T00:00:00+02:00',
      'at most 10.0 MB',
      'not flagged \\Deleted',
    ]);
  });
});
