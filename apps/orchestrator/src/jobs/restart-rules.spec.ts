import { accountMismatch, restartOptions } from './restart-rules';

const ORIGINAL = { host: 'imap.old.example', username: 'alice@old.example' };

describe('accountMismatch', () => {
  it('accepts the original account, whatever the case of its names', () => {
    expect(accountMismatch('source', ORIGINAL, ORIGINAL)).toBeNull();
    expect(
      accountMismatch('source', ORIGINAL, {
        host: 'IMAP.Old.Example.',
        username: 'Alice@old.example',
      }),
    ).toBeNull();
  });

  it('refuses another host, naming the account the restart needs', () => {
    expect(accountMismatch('source', ORIGINAL, { ...ORIGINAL, host: 'imap.other.example' })).toBe(
      "The source account must be the same as the original job's: alice@old.example on imap.old.example",
    );
  });

  it('refuses another user on the same host', () => {
    expect(
      accountMismatch('destination', ORIGINAL, { ...ORIGINAL, username: 'bob@old.example' }),
    ).toMatch(/^The destination account must be the same/);
  });
});

describe('restartOptions', () => {
  it('keeps every choice and turns Replace Existing on', () => {
    const options = {
      deleteSource: true,
      foldersOnly: false,
      progressUpdates: true,
      reconcileExisting: false,
    };
    expect(restartOptions(options)).toEqual({ ...options, reconcileExisting: true });
  });
});
