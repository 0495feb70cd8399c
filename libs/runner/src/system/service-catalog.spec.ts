import { serviceEnvironment, SystemSettings } from './service-catalog';
import { reachableHost } from './reachable-host';

const SETTINGS: SystemSettings = {
  natsUrl: 'nats://127.0.0.1:4222',
  databaseUrl: 'postgres://db/btsx',
  encryptionKey: 'key',
  webRoot: 'web',
  ports: { gateway: 8080, auth: 3001, orchestrator: 3002 },
  allowPrivateHosts: false,
};

describe('serviceEnvironment', () => {
  it('binds every internal service to loopback, whatever the gateway binds', () => {
    const opened = { ...SETTINGS, gatewayHost: '0.0.0.0' };
    for (const name of ['auth', 'orchestrator', 'discovery', 'copier'] as const) {
      expect(serviceEnvironment(name, opened, 3000)['HOST']).toBe('127.0.0.1');
    }
    expect(serviceEnvironment('gateway', opened, 8080)['HOST']).toBe('0.0.0.0');
    expect(serviceEnvironment('gateway', SETTINGS, 8080)['HOST']).toBe('127.0.0.1');
  });

  it('passes the private-host setting on as it is given', () => {
    expect(serviceEnvironment('copier', SETTINGS, 3000)['BTSX_ALLOW_PRIVATE_HOSTS']).toBe('false');
    const allowed = { ...SETTINGS, allowPrivateHosts: true };
    expect(serviceEnvironment('auth', allowed, 3000)['BTSX_ALLOW_PRIVATE_HOSTS']).toBe('true');
  });

  it('gives each service on the bus its own NATS password, and the gateway none', () => {
    const natsPasswords = { auth: 'pwAuth', copier: 'pwCopier' };
    const signedIn = { ...SETTINGS, natsPasswords };
    expect(serviceEnvironment('copier', signedIn, 3000)['NATS_PASSWORD']).toBe('pwCopier');
    expect(serviceEnvironment('auth', signedIn, 3000)['NATS_PASSWORD']).toBe('pwAuth');
    expect(serviceEnvironment('gateway', signedIn, 8080)).not.toHaveProperty('NATS_PASSWORD');
    expect(serviceEnvironment('copier', SETTINGS, 3000)).not.toHaveProperty('NATS_PASSWORD');
  });
});

describe('reachableHost', () => {
  it('reaches a wildcard bind on loopback, and an IPv6 address in brackets', () => {
    expect(reachableHost()).toBe('127.0.0.1');
    expect(reachableHost('0.0.0.0')).toBe('127.0.0.1');
    expect(reachableHost('::')).toBe('127.0.0.1');
    expect(reachableHost('192.168.1.5')).toBe('192.168.1.5');
    expect(reachableHost('::1')).toBe('[::1]');
  });
});
