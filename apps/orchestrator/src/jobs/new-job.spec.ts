import { ClaimedAccounts, ImapEndpoint, JobOptions } from '@btsx/contracts';
import { newJobRow } from './new-job';

const endpoint = (host: string, username: string): ImapEndpoint => ({
  host,
  port: 993,
  security: 'tls',
  verifyCertificate: true,
  username,
});

const OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: true,
  reconcileExisting: false,
};

describe('newJobRow', () => {
  it("records the provider each account signed in with, null for a password's", () => {
    const accounts: ClaimedAccounts = {
      source: { ...endpoint('outlook.office365.com', 'ann@example.test'), provider: 'microsoft' },
      destination: endpoint('imap.example.test', 'ann'),
    };
    expect(newJobRow('job-1', OPTIONS, accounts)).toMatchObject({
      sourceHost: 'outlook.office365.com',
      sourceProvider: 'microsoft',
      destinationHost: 'imap.example.test',
      destinationProvider: null,
    });
  });
});
