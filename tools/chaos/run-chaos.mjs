#!/usr/bin/env node
// `npm run test:chaos`: every fault-injection scenario (e2e/faults-*.e2e-spec.ts) with more
// seeded iterations than `npm test` runs, plus the 50-mailbox load run, then one table:
// fault, runs, messages checked, lost, duplicated, result; then the interop matrix between
// every pair of IMAP server layouts (e2e/interop.e2e-spec.ts with BTSX_INTEROP=all).
//   npm run test:chaos                 # BTSX_CHAOS_ITERATIONS=10
//   npm run test:chaos -- 3            # fewer iterations
//   npm run test:chaos -- 3 --no-build # services already built
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = path.join(root, 'test-output/chaos');
const reportFile = path.join(outputDir, 'report.jsonl');
const jestFile = path.join(outputDir, 'jest.json');
const DEFAULT_ITERATIONS = 10;

const args = process.argv.slice(2);
const iterations = Number(args.find((a) => /^\d+$/.test(a)) ?? DEFAULT_ITERATIONS);
Object.assign(process.env, { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' });

mkdirSync(outputDir, { recursive: true });
for (const file of [reportFile, jestFile]) rmSync(file, { force: true });
if (!args.includes('--no-build')) {
  execSync('npx nx run-many -t build --outputStyle=static', { cwd: root, stdio: 'inherit' });
}
const started = Date.now();
const jest = spawnSync(
  'npx',
  [
    'jest',
    'e2e/faults-',
    '--selectProjects',
    'e2e',
    '--runInBand',
    '--json',
    `--outputFile=${jestFile}`,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      BTSX_CHAOS_ITERATIONS: String(iterations),
      BTSX_CHAOS_REPORT: reportFile,
    },
  },
);
// The interop matrix, every ordered pair of server layouts (`npm run test:interop`).
const interop = spawnSync('npx', ['jest', 'e2e/interop.e2e-spec.ts', '--selectProjects', 'e2e'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BTSX_INTEROP: 'all' },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);

const lines = existsSync(reportFile) ? readFileSync(reportFile, 'utf8').trim().split('\n') : [];
const records = lines.filter(Boolean).map((line) => JSON.parse(line));
const table = renderTable(records.filter((r) => r.fault));
const memory = renderMemory(records.filter((r) => r.memory));
const counts = existsSync(jestFile) ? JSON.parse(readFileSync(jestFile, 'utf8')) : {};
const summary =
  `${iterations} iterations per random scenario; ${counts.numPassedTests ?? 0} tests passed, ` +
  `${counts.numFailedTests ?? 0} failed, in ${minutes} min.`;
const failedTests = (counts.testResults ?? [])
  .flatMap((file) => file.assertionResults)
  .filter((test) => test.status === 'failed')
  .map((test) => `- ${test.fullName}`);
const failures = failedTests.length > 0 ? `Failed tests:\n${failedTests.join('\n')}` : '';
const text = [table, memory, summary, failures].filter(Boolean).join('\n\n');
writeFileSync(path.join(outputDir, 'table.md'), `${text}\n`);
console.log(`\n${text}`);
const interopSummary = `Interop matrix (every pair): ${interop.status === 0 ? 'PASS' : 'FAIL'}.`;
console.log(interopSummary);
const passed = jest.status === 0 && interop.status === 0;
process.exit(passed && records.every((r) => r.passed !== false) ? 0 : 1);

/** One row per fault: runs summed, PASS only if every run passed with nothing lost or doubled. */
function renderTable(rows) {
  const byFault = new Map();
  for (const row of rows) {
    const sum = byFault.get(row.fault) ?? {
      runs: 0,
      checked: 0,
      lost: 0,
      duplicated: 0,
      faults: 0,
      heldUp: undefined,
      failed: 0,
    };
    sum.runs++;
    sum.checked += row.messagesChecked;
    sum.lost += row.lost;
    sum.duplicated += row.duplicated;
    sum.faults += row.faultsApplied ?? 0;
    if (row.heldUpSeconds !== undefined) sum.heldUp = Math.max(sum.heldUp ?? 0, row.heldUpSeconds);
    if (!row.passed) sum.failed++;
    byFault.set(row.fault, sum);
  }
  const header = [
    '| fault | runs | messages checked | lost | duplicated | faults injected | longest hold-up (s) | result |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  const body = [...byFault].map(([fault, s]) => {
    const ok = s.failed === 0 && s.lost === 0 && s.duplicated === 0;
    const injected = s.faults > 0 ? String(s.faults) : '';
    const heldUp = s.heldUp === undefined ? '' : s.heldUp.toFixed(1);
    const result = ok ? 'PASS' : `FAIL (${s.failed} of ${s.runs} runs)`;
    return `| ${fault} | ${s.runs} | ${s.checked} | ${s.lost} | ${s.duplicated} | ${injected} | ${heldUp} | ${result} |`;
  });
  return [...header, ...body].join('\n');
}

function renderMemory(rows) {
  if (rows.length === 0) return '';
  const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(0);
  const lines = rows.flatMap((r) =>
    r.peaks.map((p) => `| ${r.memory} | ${p.service} | ${mb(p.peakRssBytes)} |`),
  );
  return ['| scenario | service | peak RSS (MB) |', '|---|---|---:|', ...lines].join('\n');
}
