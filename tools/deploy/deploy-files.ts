import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '../..');
export const K8S_DIR = join(ROOT, 'k8s');
/** nats-server's users, as natsAuthorizationConfig() writes them; Compose mounts it too. */
export const NATS_AUTHORIZATION_FILE = join(K8S_DIR, 'dependencies', 'nats-authorization.conf');

/** One object of a manifest file, and where it came from (for messages). */
export interface ManifestObject {
  source: string;
  object: {
    apiVersion: string;
    kind: string;
    metadata?: { name?: string };
    [field: string]: unknown;
  };
}

const KUSTOMIZE_API = 'kustomize.config.k8s.io/';

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Every document of every YAML file under k8s/, kustomize's own files included. */
export function loadManifests(): ManifestObject[] {
  return yamlFilesUnder(K8S_DIR).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).map((doc, n) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      return { source: `${relative(ROOT, file)}#${n}`, object: doc.toJS() };
    }),
  );
}

export function isKustomization(manifest: ManifestObject): boolean {
  return manifest.object.apiVersion.startsWith(KUSTOMIZE_API);
}

/** docker-compose.yml with its YAML anchors and merge keys resolved. */
export function loadCompose(): {
  services: Record<string, { environment?: Record<string, string | null> }>;
} {
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/** The variables an `.env`-style file sets; with `includeCommented`, also `# NAME=` lines. */
export function envFileVariables(path: string, includeCommented = false): string[] {
  const pattern = includeCommented ? /^(?:#\s*)?([A-Z][A-Z0-9_]*)=/ : /^([A-Z][A-Z0-9_]*)=/;
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => pattern.exec(line.trim())?.[1])
    .filter((name): name is string => name !== undefined);
}
