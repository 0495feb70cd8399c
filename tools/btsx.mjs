#!/usr/bin/env node
// The `btsx` bin: runs the built CLI when `nx build cli` produced it, otherwise compiles
// apps/cli from source on the fly with swc, so `npx btsx` works on a fresh clone.
// BTSX_CLI_FROM_SOURCE=1 forces the source, for working on the CLI with a stale build.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/apps/cli/apps/cli/src/main.js');
const require = createRequire(import.meta.url);

if (existsSync(built) && process.env.BTSX_CLI_FROM_SOURCE !== '1') {
  require(built);
} else {
  // apps/cli/tsconfig.app.json extends tsconfig.base.json: its `paths` resolve the @btsx/*
  // aliases (the CLI takes values from @btsx/contracts/core only, so no decorator runs).
  process.env.SWC_NODE_PROJECT ??= path.join(root, 'apps/cli/tsconfig.app.json');
  require('@swc-node/register');
  require(path.join(root, 'apps/cli/src/main.ts'));
}
