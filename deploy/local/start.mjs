#!/usr/bin/env node
// `npm start` on a fresh machine: installs what is missing, builds, then runs start.ts.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });
process.env.NX_NO_CLOUD = 'true';
process.env.NX_DAEMON ??= 'false';
process.env.NG_CLI_ANALYTICS = 'false';

run('bash tools/ensure-system-packages.sh start');
if (!existsSync(path.join(root, 'node_modules/.package-lock.json'))) run('npm ci');
run('npx nx run-many -t build --outputStyle=static');
run('node tools/run-ts.mjs deploy/local/start.ts');
