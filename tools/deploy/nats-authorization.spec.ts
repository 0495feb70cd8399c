// NATS runs in Compose and Kubernetes with the users BUS_PERMISSIONS describes: the checked-in
// authorization is the generated one, each service gets its own password, and only the
// services on the bus reach NATS.
import { BUS_USERS, busPasswordVariable, natsAuthorizationConfig } from '@btsx/contracts';
import { readFileSync } from 'node:fs';
import {
  isKustomization,
  loadCompose,
  loadManifests,
  ManifestObject,
  NATS_AUTHORIZATION_FILE,
} from './deploy-files';

interface EnvVar {
  name: string;
  valueFrom?: { secretKeyRef?: { key: string } };
}
interface PodSpec {
  containers: { env?: EnvVar[] }[];
}
interface PolicyPeer {
  podSelector?: { matchExpressions?: { values: string[] }[] };
}
interface PolicyRule {
  to?: PolicyPeer[];
  from?: PolicyPeer[];
  ports?: { port: number | string }[];
}

const objects = loadManifests().filter((m) => !isKustomization(m));

function find(kind: string, name: string): ManifestObject['object'] {
  const found = objects.find((m) => m.object.kind === kind && m.object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} under k8s/`);
  return found.object;
}

function secretKeysOf(kind: string, name: string): Record<string, string | undefined> {
  const pod = (find(kind, name)['spec'] as { template: { spec: PodSpec } }).template.spec;
  const env = pod.containers[0].env ?? [];
  return Object.fromEntries(env.map((e) => [e.name, e.valueFrom?.secretKeyRef?.key]));
}

/** The services a policy's rules name, on rules that cover `port`. */
function peersOn(rules: PolicyRule[], side: 'to' | 'from', port: number | string): string[] {
  return rules
    .filter((rule) => rule.ports?.some((p) => p.port === port))
    .flatMap((rule) => rule[side] ?? [])
    .flatMap((peer) => peer.podSelector?.matchExpressions?.flatMap((e) => e.values) ?? []);
}

const NATS_CLIENT_PORT = 4222;

describe('NATS authorization in Compose and Kubernetes', () => {
  it('is the one generated from BUS_PERMISSIONS', () => {
    // After a change to BUS_PERMISSIONS: node tools/run-ts.mjs tools/deploy/write-nats-authorization.ts
    expect(readFileSync(NATS_AUTHORIZATION_FILE, 'utf8')).toBe(natsAuthorizationConfig());
  });

  it.each(BUS_USERS)('gives %s and NATS the same password in Compose', (user) => {
    const { services } = loadCompose();
    const reference = `\${${busPasswordVariable(user)}:?`;
    expect(services['nats'].environment?.[busPasswordVariable(user)]).toContain(reference);
    expect(services[user].environment?.['NATS_PASSWORD']).toContain(reference);
  });

  it.each(BUS_USERS)('gives %s and NATS the same Secret key in Kubernetes', (user) => {
    const key = busPasswordVariable(user);
    expect(secretKeysOf('StatefulSet', 'nats')[key]).toBe(key);
    expect(secretKeysOf('Deployment', user)['NATS_PASSWORD']).toBe(key);
  });

  it('lets only the services on the bus reach NATS, and the gateway not at all', () => {
    const nats = find('NetworkPolicy', 'nats')['spec'] as { ingress: PolicyRule[] };
    expect(peersOn(nats.ingress, 'from', 'client').sort()).toEqual([...BUS_USERS].sort());
    for (const user of BUS_USERS) {
      const egress = (find('NetworkPolicy', user)['spec'] as { egress: PolicyRule[] }).egress;
      expect(egress.some((rule) => rule.ports?.some((p) => p.port === NATS_CLIENT_PORT))).toBe(
        true,
      );
    }
    const gateway = (find('NetworkPolicy', 'gateway')['spec'] as { egress: PolicyRule[] }).egress;
    expect(peersOn(gateway, 'to', 3000).sort()).toEqual(['auth', 'orchestrator']);
    expect(JSON.stringify(gateway)).not.toContain(String(NATS_CLIENT_PORT));
  });
});
