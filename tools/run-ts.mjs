#!/usr/bin/env node
// Runs a TypeScript entry point of the repo's tooling (npm start, the bench) straight from
// source with swc, resolving the @btsx/* aliases of tsconfig.base.json.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.mjs FILE.ts [ARGS...]');
  process.exit(2);
}
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.base.json');
process.argv = [process.argv[0], entry, ...args];
const require = createRequire(import.meta.url);
require('reflect-metadata');
require('@swc-node/register');
require(path.resolve(entry));
