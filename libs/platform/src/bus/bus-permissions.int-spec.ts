// A nats-server run with natsAuthorizationConfig() refuses what BUS_PERMISSIONS does not
// allow: a service that may not ask for a credential's secret is refused by the server, not
// by a handler that could be bypassed.
import { BusUser, SUBJECTS } from '@btsx/contracts';
import { NatsServer, startNats } from '@btsx/testing';
import { connect, ErrorCode, NatsConnection, NatsError, StringCodec } from 'nats';
import { natsConnectOptions } from './bus.module';

const codec = StringCodec();

describe('the bus with a user per service', () => {
  let nats: NatsServer;
  const connections: NatsConnection[] = [];

  async function connectAs(user: BusUser): Promise<NatsConnection> {
    const settings = { NATS_URL: nats.url, NATS_PASSWORD: nats.passwords?.[user] };
    const nc = await connect(natsConnectOptions(user, settings));
    connections.push(nc);
    return nc;
  }

  /** What a request on `subject` as `user` gets: auth's answer, or the server's refusal. */
  async function ask(user: BusUser, subject: string): Promise<string> {
    const nc = await connectAs(user);
    try {
      return codec.decode((await nc.request(subject, codec.encode('{}'), { timeout: 2000 })).data);
    } catch (error) {
      return (error as NatsError).code;
    }
  }

  beforeAll(async () => {
    nats = await startNats({ withUsers: true });
    const auth = await connectAs('auth');
    for (const subject of [SUBJECTS.credentialResolve, SUBJECTS.credentialDescribe]) {
      auth.subscribe(subject, {
        queue: 'auth',
        callback: (_, msg) => msg.respond(codec.encode(subject)),
      });
    }
    await auth.flush();
  });

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await nats?.stop();
  });

  it('lets the workers that log in resolve a credential', async () => {
    expect(await ask('copier', SUBJECTS.credentialResolve)).toBe(SUBJECTS.credentialResolve);
    expect(await ask('discovery', SUBJECTS.credentialResolve)).toBe(SUBJECTS.credentialResolve);
  });

  it('refuses the orchestrator a secret, but lets it describe a credential', async () => {
    expect(await ask('orchestrator', SUBJECTS.credentialResolve)).toBe(
      ErrorCode.PermissionsViolation,
    );
    expect(await ask('orchestrator', SUBJECTS.credentialDescribe)).toBe(
      SUBJECTS.credentialDescribe,
    );
  });

  it("refuses a user that listens for another's answers", async () => {
    const orchestrator = await connectAs('orchestrator');
    const sub = orchestrator.subscribe('_INBOX.copier.>');
    await expect(
      (async () => {
        for await (const _ of sub) return;
      })(),
    ).rejects.toMatchObject({ code: ErrorCode.PermissionsViolation });
  });

  it('refuses a connection without a user, and one of a user it does not know', async () => {
    await expect(connect({ servers: nats.url })).rejects.toMatchObject({
      code: ErrorCode.AuthorizationViolation,
    });
    const gateway = { NATS_URL: nats.url, NATS_PASSWORD: nats.passwords?.copier };
    await expect(connect(natsConnectOptions('gateway', gateway))).rejects.toMatchObject({
      code: ErrorCode.AuthorizationViolation,
    });
  });
});
