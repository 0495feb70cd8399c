import { Expose } from 'class-transformer';
import { IsString } from 'class-validator';
import { BusServiceConfig } from './common-config';
import { ConfigError, loadConfig } from './load-config';

class ExampleConfig extends BusServiceConfig {
  @Expose()
  @IsString({ message: 'SECRET_KEY must be set' })
  SECRET_KEY: string;
}

describe('loadConfig', () => {
  it('applies the defaults of unset variables and converts set ones', () => {
    const config = loadConfig(ExampleConfig, {
      NATS_URL: 'nats://127.0.0.1:4222',
      SECRET_KEY: 'x',
    });
    expect(config).toMatchObject({ PORT: 0, HOST: '127.0.0.1', LOG_JSON: false, LOG_LEVEL: 'log' });
    expect(
      loadConfig(ExampleConfig, { NATS_URL: 'nats://n:1', SECRET_KEY: 'x', PORT: '8080' }).PORT,
    ).toBe(8080);
  });

  it('names every bad variable and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig(ExampleConfig, { NATS_URL: 'hunter2-not-a-url', PORT: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('NATS_URL must be a nats:// URL');
    expect(message).toContain('PORT must be a whole number');
    expect(message).toContain('SECRET_KEY must be set');
    expect(message).not.toContain('hunter2');
  });

  it('binds where HOST says, and refuses a HOST that is not an IP address', () => {
    const required = { NATS_URL: 'nats://n:1', SECRET_KEY: 'x' };
    expect(loadConfig(ExampleConfig, { ...required, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(() => loadConfig(ExampleConfig, { ...required, HOST: 'my-laptop' })).toThrow(
      /HOST must be an IP address/,
    );
  });

  it('takes a NATS password nats-server can read from its environment, and never echoes it', () => {
    const required = { NATS_URL: 'nats://n:1', SECRET_KEY: 'x' };
    const password = 'n0123456789abcdef0123';
    expect(loadConfig(ExampleConfig, { ...required, NATS_PASSWORD: password }).NATS_PASSWORD).toBe(
      password,
    );
    expect(() =>
      loadConfig(ExampleConfig, { ...required, NATS_PASSWORD: '1234567890123456' }),
    ).toThrow(
      /^Invalid configuration: NATS_PASSWORD must be 16 to 128 letters and digits, starting with a letter$/,
    );
  });

  it('takes every node of a NATS cluster and how many copies JetStream keeps', () => {
    const cluster = { NATS_URL: 'nats://a:4222, nats://b:4222,nats://c:4222', SECRET_KEY: 'x' };
    expect(loadConfig(ExampleConfig, cluster)).toMatchObject({ NATS_REPLICAS: 1 });
    expect(loadConfig(ExampleConfig, { ...cluster, NATS_REPLICAS: '3' }).NATS_REPLICAS).toBe(3);
    expect(() => loadConfig(ExampleConfig, { ...cluster, NATS_REPLICAS: '7' })).toThrow(
      /NATS_REPLICAS must be a whole number from 1 to 5/,
    );
    expect(() =>
      loadConfig(ExampleConfig, { ...cluster, NATS_URL: 'nats://a:4222,hunter2' }),
    ).toThrow(/NATS_URL must be a nats:\/\/ URL, or several separated by commas/);
  });
});
