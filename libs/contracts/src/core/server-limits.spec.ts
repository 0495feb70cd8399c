import { serverLimits } from './server-limits';

describe('serverLimits', () => {
  it('knows Gmail by provider and by host, and nothing of other hosts', () => {
    expect(serverLimits({ host: 'imap.gmail.com' }).maxMessageBytes).toBe(35 * 1024 * 1024);
    expect(serverLimits({ host: 'x', provider: 'google' }).maxConnections).toBe(15);
    expect(serverLimits({ host: 'imap.notgmail.com.example' })).toEqual({});
    expect(serverLimits({ host: 'mail.example.org' })).toEqual({});
  });

  it('caps no provider host as a whole: it serves millions of accounts', () => {
    expect(serverLimits({ host: 'imap.gmail.com' }).sharedHost).toBe(true);
    expect(serverLimits({ host: 'outlook.office365.com' }).sharedHost).toBe(true);
    expect(serverLimits({ host: 'x', provider: 'microsoft' }).sharedHost).toBe(true);
    expect(serverLimits({ host: 'outlook.office365.com.example' }).sharedHost).toBeUndefined();
  });
});
