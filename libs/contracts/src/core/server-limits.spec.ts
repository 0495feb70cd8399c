import { serverLimits } from './server-limits';

describe('serverLimits', () => {
  it('knows Gmail by provider and by host, and nothing of other hosts', () => {
    expect(serverLimits({ host: 'imap.gmail.com' }).maxMessageBytes).toBe(35 * 1024 * 1024);
    expect(serverLimits({ host: 'x', provider: 'google' }).maxConnections).toBe(15);
    expect(serverLimits({ host: 'imap.notgmail.com.example' })).toEqual({});
    expect(serverLimits({ host: 'outlook.office365.com', provider: 'microsoft' })).toEqual({});
  });
});
