// The deployment files say what the code needs: every Kubernetes object under k8s/ is valid
// against the published schemas (KEDA's for ScaledObjects), every variable a service cannot
// boot without is given to it by the manifests and by docker-compose.yml, and the autoscalers
// watch the consumers the services really create.
import { JetStreamSubject, streamOf, SUBJECTS } from '@btsx/contracts';
import { durableName } from '@btsx/platform';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import {
  envFileVariables,
  isKustomization,
  K8S_DIR,
  loadCompose,
  loadManifests,
  ManifestObject,
  ROOT,
} from './deploy-files';
import {
  DEPLOYED_SERVICES,
  DeployedService,
  SERVICE_CONFIGS,
  variablesRead,
  variablesRequired,
} from './service-configs';

/**
 * Default to any free port and to loopback, useless behind a Service: every container must
 * be told.
 */
const DEPLOYMENT_REQUIRED = ['HOST', 'PORT'];
const OVERLAYS = ['small', 'large'];
/** The JetStream subject each autoscaled service's backlog is read from. */
const SCALED_ON: Partial<Record<DeployedService, JetStreamSubject>> = {
  copier: SUBJECTS.copyTask,
  discovery: SUBJECTS.jobRequested,
};

interface EnvVar {
  name: string;
  valueFrom?: { secretKeyRef?: { key: string; optional?: boolean } };
}
interface Container {
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  resources?: { requests?: object; limits?: object };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}

const manifests = loadManifests();
const objects = manifests.filter((m) => !isKustomization(m));
const readByAnyService = new Set(
  DEPLOYED_SERVICES.flatMap((name) => variablesRead(SERVICE_CONFIGS[name])),
);

function find(kind: string, name: string, under = 'k8s/base/'): ManifestObject['object'] {
  const found = objects.find(
    (m) => m.source.startsWith(under) && m.object.kind === kind && m.object.metadata?.name === name,
  );
  if (!found) throw new Error(`no ${kind} ${name} under ${under}`);
  return found.object;
}

function containerOf(service: DeployedService): Container {
  const spec = find('Deployment', service)['spec'] as {
    template: { spec: { containers: Container[] } };
  };
  return spec.template.spec.containers[0];
}

/** The value an overlay's JSON patch of btsx-config gives `name`, if it gives one. */
function overlayConfigPatch(overlay: string, name: string): string | undefined {
  const kustomization = manifests.find(
    (m) => isKustomization(m) && m.source.startsWith(`k8s/overlays/${overlay}/`),
  );
  const patches = (kustomization?.object['patches'] ?? []) as {
    target: { kind: string; name: string };
    patch: string;
  }[];
  const config = patches.find(
    (p) => p.target.kind === 'ConfigMap' && p.target.name === 'btsx-config',
  );
  const operations = parse(config?.patch ?? '[]') as { path: string; value: string }[];
  return operations.find((op) => op.path === `/data/${name}`)?.value;
}

function requiredBy(service: DeployedService): string[] {
  return [...variablesRequired(SERVICE_CONFIGS[service]), ...DEPLOYMENT_REQUIRED];
}

describe('k8s manifests', () => {
  it('are all valid Kubernetes (and KEDA) objects', () => {
    const output = execFileSync(process.execPath, [join(__dirname, 'validate-k8s-objects.mjs')], {
      input: JSON.stringify(objects),
      cwd: ROOT,
    });
    expect(objects.length).toBeGreaterThan(20);
    expect(JSON.parse(output.toString())).toEqual([]);
  });

  it('name only files that exist in their kustomizations', () => {
    for (const { source, object } of manifests.filter(isKustomization)) {
      const dir = dirname(join(ROOT, source.replace(/#\d+$/, '')));
      const listed = [
        ...((object['resources'] as string[]) ?? []),
        ...((object['components'] as string[]) ?? []),
      ];
      for (const path of listed)
        expect(`${source}: ${path} ${existsSync(join(dir, path))}`).toMatch(/ true$/);
    }
  });

  it.each(DEPLOYED_SERVICES)('give %s every variable it needs at boot', (service) => {
    const container = containerOf(service);
    const config = find('ConfigMap', 'btsx-config')['data'] as Record<string, string>;
    const fromConfigMap = container.envFrom?.some((e) => e.configMapRef?.name === 'btsx-config')
      ? Object.keys(config)
      : [];
    const given = new Set([...fromConfigMap, ...(container.env ?? []).map((e) => e.name)]);
    expect(requiredBy(service).filter((name) => !given.has(name))).toEqual([]);
  });

  it.each(OVERLAYS)('%s: its secrets.env.example holds every secret a service needs', (overlay) => {
    const example = join(K8S_DIR, 'overlays', overlay, 'secrets.env.example');
    const set = envFileVariables(example);
    const mentioned = envFileVariables(example, true);
    for (const service of DEPLOYED_SERVICES) {
      for (const { valueFrom } of containerOf(service).env ?? []) {
        const ref = valueFrom?.secretKeyRef;
        if (!ref) continue;
        expect(ref.optional ? mentioned : set).toContain(ref.key);
      }
    }
  });

  it('keep as many copies of each stream as the NATS of their overlay has JetStream nodes', () => {
    // The small overlay: the base's settings and its own NATS StatefulSet.
    const config = find('ConfigMap', 'btsx-config')['data'] as Record<string, string>;
    const nats = find('StatefulSet', 'nats', 'k8s/dependencies/')['spec'] as { replicas: number };
    expect(Number(config['NATS_REPLICAS'] ?? 1)).toBe(nats.replicas);
    // The large overlay: the three-node cluster docs/deploy.md asks for.
    expect(overlayConfigPatch('large', 'NATS_REPLICAS')).toBe('3');
  });

  it('set only variables some service reads (a typo would be silently ignored)', () => {
    const config = find('ConfigMap', 'btsx-config')['data'] as Record<string, string>;
    expect(Object.keys(config).filter((name) => !readByAnyService.has(name))).toEqual([]);
  });

  it.each(DEPLOYED_SERVICES)(
    'run %s hardened, probed and sized, with a Service and a PDB',
    (service) => {
      const container = containerOf(service);
      expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/health' } });
      expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/health/ready' } });
      expect(container.resources?.requests).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(container.resources?.limits).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(find('Service', service)).toBeDefined();
      expect(find('PodDisruptionBudget', service)).toBeDefined();
    },
  );

  it.each(Object.entries(SCALED_ON))(
    'scale %s on the consumer it really reads',
    (service, subject) => {
      const scaled = find('ScaledObject', service, 'k8s/components/keda/')['spec'] as {
        triggers: { type: string; metadata: Record<string, string> }[];
      };
      const trigger = scaled.triggers.find((t) => t.type === 'nats-jetstream');
      expect(trigger?.metadata).toMatchObject({
        stream: streamOf(subject).name,
        consumer: durableName(service, subject),
      });
      expect(scaled.triggers.map((t) => t.type)).toContain('cpu');
      expect(find('HorizontalPodAutoscaler', service, 'k8s/components/hpa/')).toBeDefined();
    },
  );
});

describe('docker-compose.yml', () => {
  const compose = loadCompose();

  it.each(DEPLOYED_SERVICES)('gives %s every variable it needs at boot', (service) => {
    const environment = compose.services[service]?.environment ?? {};
    // A bare name (null) only passes a value through when .env happens to set it.
    const given = Object.keys(environment).filter((name) => environment[name] !== null);
    expect(requiredBy(service).filter((name) => !given.includes(name))).toEqual([]);
  });

  it.each(DEPLOYED_SERVICES)('passes %s only variables it reads', (service) => {
    const names = Object.keys(compose.services[service]?.environment ?? {});
    const read = variablesRead(SERVICE_CONFIGS[service]);
    expect(names.filter((name) => !read.includes(name))).toEqual([]);
  });

  it('has every variable any service reads documented in .env.example', () => {
    const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const missing = [...readByAnyService].filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(missing).toEqual([]);
  });
});
