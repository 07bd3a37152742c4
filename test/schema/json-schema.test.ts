import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { withFieldReference } from '../../src/schema/field-docs.ts';
import { allJsonSchemas } from '../../src/schema/json-schema.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemas = Object.fromEntries(allJsonSchemas().map((s) => [s.file, ajv.compile(JSON.parse(s.text))]));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const safe = { engines: { yaml: (s: string) => parse(s) as object, js: () => { throw new Error('refused'); } } };

/** Each document of a registry file with the schema that governs it. */
function documents(root: string): { file: string; schema: string; value: unknown }[] {
  const out: { file: string; schema: string; value: unknown }[] = [];
  for (const file of walk(root)) {
    const rel = file.slice(root.length + 1);
    const text = readFileSync(file, 'utf8');
    if (rel === 'spog.yaml') out.push({ file: rel, schema: 'spog.schema.json', value: parse(text) });
    else if (/^models\/[^/]+\/README\.md$/.test(rel)) out.push({ file: rel, schema: 'model-card.schema.json', value: matter(text, safe as never).data });
    else if (/\/versions\/[^/]+\.ya?ml$/.test(rel)) out.push({ file: rel, schema: 'version.schema.json', value: parse(text) });
    else if (/\/incidents\/[^/]+\.yaml$/.test(rel)) out.push({ file: rel, schema: 'incident.schema.json', value: parse(text) });
    else if (/\/features\/reference\.json$/.test(rel)) out.push({ file: rel, schema: 'reference.schema.json', value: JSON.parse(text) });
    else if (/\.ndjson$/.test(rel)) {
      const schema = rel.includes('/metrics/') ? 'metric-line.schema.json' : 'feature-window.schema.json';
      text.split('\n').filter((l) => l.trim()).forEach((l, i) => out.push({ file: `${rel}:${i + 1}`, schema, value: JSON.parse(l) }));
    }
  }
  return out;
}

describe('generated JSON Schemas', () => {
  it('are up to date with the Zod schemas (run `npm run schema` when this fails)', () => {
    for (const { file, text } of allJsonSchemas()) {
      expect(readFileSync(join('public/schema', file), 'utf8'), file).toBe(text);
    }
  });

  it('match the field reference in docs/registry.md (run `npm run schema` when this fails)', () => {
    const doc = readFileSync('docs/registry.md', 'utf8');
    expect(withFieldReference(doc)).toBe(doc);
  });

  for (const root of ['registry', 'test/fixtures/minimal']) {
    it(`accept every file of ${root}`, () => {
      const docs = documents(root);
      expect(docs.length).toBeGreaterThan(3);
      const failures = docs.filter((d) => !schemas[d.schema](d.value)).map((d) => `${d.file}: ${ajv.errorsText(schemas[d.schema].errors)}`);
      expect(failures).toEqual([]);
    });
  }

  it('reject a broken metric line and a broken version file', () => {
    expect(schemas['metric-line.schema.json']({ ts: '2026-10-31', version: 'v2', metric: 'auc', value: 'high' })).toBe(false);
    expect(schemas['metric-line.schema.json']({ ts: '2026-10-31', version: 'v2', metric: 'auc', value: 0.8, extra: 1 })).toBe(false);
    expect(schemas['version.schema.json']({ version: 'v1', trained_at: 'yesterday' })).toBe(false);
    expect(schemas['incident.schema.json']({ status: 'investigating', opened: '2026-10-29', by: '@maria', note: 'x' })).toBe(false);
    expect(schemas['incident.schema.json']({ status: 'acknowledged', opened: '2026-10-29', by: '@maria', note: 'retraining' })).toBe(true);
    expect(schemas['version.schema.json']({ version: 'V 1', trained_at: '2026-10-31' })).toBe(false);
    expect(schemas['model-card.schema.json']({ name: 'x', owners: ['a'], team: 't', task: 'regression', lifecycle: 'live', primary_metric: { name: 'rmse', direction: 'lower_is_better' } })).toBe(false);
  });
});
