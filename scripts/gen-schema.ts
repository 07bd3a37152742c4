#!/usr/bin/env node
/**
 * Writes public/schema/*.schema.json from the Zod schemas and the field reference in
 * docs/registry.md (`npm run schema`). A test fails when either is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFieldReference } from '../src/schema/field-docs.ts';
import { allJsonSchemas } from '../src/schema/json-schema.ts';

const outDir = 'public/schema';
mkdirSync(outDir, { recursive: true });
for (const { file, text } of allJsonSchemas()) {
  writeFileSync(join(outDir, file), text);
  process.stderr.write(`wrote ${join(outDir, file)}\n`);
}
const doc = 'docs/registry.md';
writeFileSync(doc, withFieldReference(readFileSync(doc, 'utf8')));
process.stderr.write(`updated the field reference in ${doc}\n`);
