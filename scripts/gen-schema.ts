#!/usr/bin/env node
/** Writes public/schema/*.schema.json from the Zod schemas (`npm run schema`). A test fails when they are stale. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allJsonSchemas } from '../src/schema/json-schema.ts';

const outDir = process.argv[2] ?? 'public/schema';
mkdirSync(outDir, { recursive: true });
for (const { file, text } of allJsonSchemas()) {
  writeFileSync(join(outDir, file), text);
  process.stderr.write(`wrote ${join(outDir, file)}\n`);
}
