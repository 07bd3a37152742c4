#!/usr/bin/env node
// The `spog` command. An installed package runs its compiled JavaScript (lib/: Node strips no
// types inside node_modules); spog's own repository, which ships no lib/ in git, runs its
// TypeScript sources, so a change there needs no compile step.
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Astro 7, which builds the site, needs Node 22.12 or later (package.json "engines"): said plainly
// rather than as the first missing API an older Node trips over.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`spog: needs Node.js 22.12 or later; this is Node.js ${process.versions.node} (${process.execPath}). Install Node 22 or 24 (e.g. actions/setup-node with node-version: 24).\n`);
  process.exit(2);
}

const here = fileURLToPath(import.meta.url);
const sources = new URL('../scripts/spog.ts', import.meta.url);
const fromSources = !here.split(sep).includes('node_modules') && existsSync(sources) && process.features.typescript;
await import(fromSources ? sources.href : '../lib/scripts/spog.js');
