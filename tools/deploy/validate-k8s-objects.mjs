// Validates Kubernetes objects against the published schemas (kubernetes-models, and
// @kubernetes-models/keda for KEDA's kinds). Both packages are ESM only, so the Jest spec
// runs this as a child process: a JSON array of { source, object } on stdin, a JSON array of
// { source, problem } on stdout (empty when every object is valid).
const SCHEMA_PACKAGES = { 'keda.sh': '@kubernetes-models/keda' };

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const pkg = SCHEMA_PACKAGES[group] ?? 'kubernetes-models';
  const models = await import(`${pkg}/${apiVersion}`).catch(() => ({}));
  return models[kind];
}

async function problemOf({ apiVersion, kind, ...rest }) {
  const Model = await modelFor(String(apiVersion), String(kind));
  if (!Model) return `no schema for ${apiVersion} ${kind}`;
  try {
    new Model({ apiVersion, kind, ...rest }).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const problems = [];
for (const { source, object } of JSON.parse(input)) {
  const problem = await problemOf(object);
  if (problem) problems.push({ source, problem });
}
process.stdout.write(JSON.stringify(problems));
