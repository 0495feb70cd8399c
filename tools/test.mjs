#!/usr/bin/env node
// `npm test`: every check on a fresh machine. Installs what is missing, then lint, types,
// build, unit + integration tests (throwaway Postgres, NATS and Dovecot), and the
// end-to-end tests (every service as its own process, a real browser).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(root, 'test-output');
Object.assign(process.env, { NX_NO_CLOUD: 'true', NG_CLI_ANALYTICS: 'false', NX_TUI: 'false' });
process.env.NX_DAEMON ??= 'false';

function step(title, command) {
  console.log(`\n=== ${title}: ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

/** Runs Jest for some tiers and returns its counts (from --json), without stopping on failure. */
function jest(title, args) {
  const report = path.join(outputDir, `jest-${title}.json`);
  console.log(`\n=== ${title} tests`);
  const result = spawnSync('npx', ['jest', ...args, '--json', `--outputFile=${report}`], {
    cwd: root,
    stdio: 'inherit',
  });
  const counts = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : {};
  return {
    ok: result.status === 0,
    passed: counts.numPassedTests ?? 0,
    failed: counts.numFailedTests ?? 0,
  };
}

mkdirSync(outputDir, { recursive: true });
step('system packages', 'bash tools/ensure-system-packages.sh test');
if (!existsSync(path.join(root, 'node_modules/.package-lock.json'))) step('npm packages', 'npm ci');
step('lint', 'npm run lint');
step('type check', 'npx tsc -p tsconfig.typecheck.json');
step('build', 'npx nx run-many -t build --outputStyle=static');
step('web component tests', 'npx nx test web --outputStyle=static');

const runs = [
  jest('unit-and-integration', ['--selectProjects', 'unit', 'integration', '--maxWorkers=2']),
  jest('e2e', ['--selectProjects', 'e2e', '--runInBand']),
];
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(runs.every((r) => r.ok) && failed === 0 ? 0 : 1);
