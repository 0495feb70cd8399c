import { BUS_PERMISSIONS, BUS_USERS, BusUser } from './bus-permissions';

/**
 * A bus password as nats-server can take it from the environment: it parses a variable's
 * value as a config value, so digits first would make a number and `true` a boolean.
 */
export const BUS_PASSWORD_PATTERN = /^[A-Za-z][A-Za-z0-9]{15,127}$/;
export const BUS_PASSWORD_RULE = '16 to 128 letters and digits, starting with a letter';

/** The environment variable nats-server reads a user's password from. */
export function busPasswordVariable(user: BusUser): string {
  return `NATS_PASSWORD_${user.toUpperCase()}`;
}

const quoted = (subjects: string[]) => subjects.map((s) => `"${s}"`).join(', ');

function userBlock(user: BusUser): string {
  const { publish, subscribe, respondsToRequests } = BUS_PERMISSIONS[user];
  return [
    '    {',
    `      user: ${user}`,
    `      password: $${busPasswordVariable(user)}`,
    '      permissions: {',
    `        publish: { allow: [${quoted(publish)}] }`,
    `        subscribe: { allow: [${quoted(subscribe)}] }`,
    ...(respondsToRequests ? ['        allow_responses: true'] : []),
    '      }',
    '    }',
  ].join('\n');
}

/**
 * nats-server's authorization for BUS_PERMISSIONS: one user per service, each password read
 * from the server's environment (busPasswordVariable). Compose and Kubernetes load the copy
 * checked in as k8s/dependencies/nats-authorization.conf; `npm start` and the tests write it.
 */
export function natsAuthorizationConfig(): string {
  return [
    '# Generated from libs/contracts/src/bus/bus-permissions.ts by natsAuthorizationConfig():',
    '# do not edit; tools/deploy/nats-authorization.spec.ts fails until this copy matches.',
    'authorization {',
    '  users = [',
    BUS_USERS.map(userBlock).join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** A password for each user, drawn by `draw` (the runner's randomNatsPassword). */
export function busPasswords(draw: () => string): Record<BusUser, string> {
  return Object.fromEntries(BUS_USERS.map((user) => [user, draw()])) as Record<BusUser, string>;
}

/**
 * A nats-server of BTSX's own (`npm start`, the tests): the config and, for its environment,
 * each user's password.
 */
export function natsAuthorization(passwords: Record<BusUser, string>): {
  config: string;
  passwords: Record<string, string>;
} {
  const environment = BUS_USERS.map((user) => [busPasswordVariable(user), passwords[user]]);
  return { config: natsAuthorizationConfig(), passwords: Object.fromEntries(environment) };
}
