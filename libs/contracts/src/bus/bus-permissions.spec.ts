import { SUBJECTS } from '../core/subjects';
import { BUS_PERMISSIONS, BUS_USERS, inboxPrefix } from './bus-permissions';
import { BUS_PASSWORD_PATTERN, natsAuthorizationConfig } from './nats-authorization';

const publishers = (subject: string) =>
  BUS_USERS.filter((user) => BUS_PERMISSIONS[user].publish.includes(subject));

describe('BUS_PERMISSIONS', () => {
  it('lets only the workers that log in ask for a secret', () => {
    expect(publishers(SUBJECTS.credentialResolve)).toEqual(['discovery', 'copier']);
    // A preview's borrowed login: discovery alone, which the orchestrator asks for the plan.
    expect(publishers(SUBJECTS.credentialLend)).toEqual(['discovery']);
    expect(publishers(SUBJECTS.planPreview)).toEqual(['orchestrator']);
  });

  it('lets auth alone answer every credential request, and only it and discovery answer any', () => {
    for (const subject of Object.values(SUBJECTS).filter((s) => s.startsWith('auth.'))) {
      const answerers = BUS_USERS.filter((u) => BUS_PERMISSIONS[u].subscribe.includes(subject));
      expect(`${subject}: ${answerers.join()}`).toBe(`${subject}: auth`);
    }
    const answerers = BUS_USERS.filter((u) => BUS_PERMISSIONS[u].respondsToRequests);
    expect(answerers).toEqual(['auth', 'discovery']);
  });

  it('lets discovery alone answer for a plan', () => {
    const answerers = BUS_USERS.filter((u) =>
      BUS_PERMISSIONS[u].subscribe.includes(SUBJECTS.planPreview),
    );
    expect(answerers).toEqual(['discovery']);
  });

  it.each(BUS_USERS)('lets %s read only its own inboxes', (user) => {
    const inboxes = BUS_PERMISSIONS[user].subscribe.filter((s) => s.startsWith('_INBOX'));
    expect(inboxes).toEqual([`${inboxPrefix(user)}.>`]);
  });
});

describe('natsAuthorizationConfig', () => {
  it('reads each password from the environment of nats-server', () => {
    const config = natsAuthorizationConfig();
    for (const user of BUS_USERS) {
      expect(config).toContain(
        `user: ${user}\n      password: $NATS_PASSWORD_${user.toUpperCase()}`,
      );
    }
  });

  it('takes passwords nats-server parses as strings', () => {
    expect(BUS_PASSWORD_PATTERN.test('n0123456789abcdef')).toBe(true);
    expect(BUS_PASSWORD_PATTERN.test('0123456789abcdef0')).toBe(false);
    expect(BUS_PASSWORD_PATTERN.test('short1')).toBe(false);
  });
});
