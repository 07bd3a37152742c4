import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.ts';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { loadRegistry } from '../../src/registry/load.ts';

const MINIMAL = 'test/fixtures/minimal';
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A writable copy of the minimal fixture. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-reg-'));
  temps.push(dir);
  cpSync(MINIMAL, dir, { recursive: true });
  return dir;
}
const read = (p: string) => readFileSync(p, 'utf8');
const card = (dir: string) => join(dir, 'models/churn/README.md');
const lines = (dir: string) => loadRegistry(dir).diagnostics.map(formatDiagnostic);

describe('spog validate on a valid registry', () => {
  it('exits 0 and prints the summary with counts', () => {
    const reg = loadRegistry(MINIMAL);
    const r = validateCommand(reg, {});
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('ok: test/fixtures/minimal: 1 model, 2 versions, 31 metric points, 0 feature windows: 0 errors, 0 warnings');
  });

  it('drops an identical metric line appended twice', () => {
    const reg = loadRegistry(MINIMAL);
    expect(reg.models[0].points).toBe(31);
    expect(reg.models[0].duplicates).toBe(1);
  });

  it('prints the same as JSON with --json', () => {
    const out = JSON.parse(validateCommand(loadRegistry(MINIMAL), { json: true }).stdout);
    expect(out.valid).toBe(true);
    expect(out.counts).toMatchObject({ models: 1, versions: 2, metricPoints: 31, errors: 0 });
  });
});

describe('spog validate on broken files', () => {
  it('names the file, line and field of a broken metric line and a broken version file, and exits 1', () => {
    const dir = copy();
    appendFileSync(join(dir, 'models/churn/metrics/2026-10.ndjson'), '{"ts":"2026-10-31","version":"v2","metric":"auc","value":"high"}\n');
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), 'version: v1\ntrained_at: yesterday\nmetrics: {auc: 0.8}\n');
    const reg = loadRegistry(dir);
    const r = validateCommand(reg, {});
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('models/churn/metrics/2026-10.ndjson:33:');
    expect(r.stdout).toMatch(/2026-10\.ndjson:33:\d+ {2}value: expected number, got "high"/);
    expect(r.stdout).toMatch(/versions\/v1\.yaml:2:13 {2}trained_at: must be an ISO 8601 date or date-time.*2026-10-31/);
    // The other 31 lines of the metric file still load.
    expect(reg.models[0].points).toBe(31);
  });

  it('reports a malformed JSON line by its line number and keeps the rest', () => {
    const dir = copy();
    appendFileSync(join(dir, 'models/churn/metrics/2026-10.ndjson'), '{"ts": "2026-10-31", oops}\n');
    const reg = loadRegistry(dir);
    expect(lines(dir).some((l) => /2026-10\.ndjson:33:\d+ {2}JSON syntax error/.test(l))).toBe(true);
    expect(reg.models[0].points).toBe(31);
  });

  it('suggests the right key for a misspelt one', () => {
    const dir = copy();
    writeFileSync(card(dir), read(card(dir)).replace('lifecycle:', 'lifecycel:'));
    expect(lines(dir).join('\n')).toMatch(/README\.md:6:1 {2}lifecycel: unknown key "lifecycel" \(did you mean "lifecycle"\?\)/);
  });

  it('uses the rest of a card whose optional field is wrong, reporting the error, so the model is still evaluated', async () => {
    const dir = copy();
    writeFileSync(card(dir), read(card(dir)).replace('lifecycle: production', 'lifecycle: production\nsoftware: {latency_p95_ms: fast}\ntags: 5\ncolour: blue'));
    const reg = loadRegistry(dir);
    const out = lines(dir).join('\n');
    expect(out).toMatch(/README\.md:\d+:\d+ {2}software\.latency_p95_ms: expected number, got "fast" \(e\.g\. latency_p95_ms: 120\)$/m);
    expect(out).toMatch(/README\.md:\d+:\d+ {2}tags: /);
    expect(out).toContain('the rest of the file is used without "colour", "software", "tags"');
    expect(reg.counts.errors).toBeGreaterThan(0);
    const m = reg.models[0];
    expect(m.card).toMatchObject({ name: 'Churn propensity', team: 'growth', tags: [] });
    expect(m.card!.deployments.map((d) => d.version)).toEqual(['v2', 'v1']);
    expect(m.card).not.toHaveProperty('software');
    const { computeRegistry } = await import('../../src/compute/snapshot.ts');
    const snap = (await computeRegistry(dir, { threads: 0 })).snapshot.models[0];
    expect(snap).toMatchObject({ name: 'Churn propensity', team: 'growth', champion: 'v2', registry_error: true });
    expect(snap.checks.map((c) => c.check)).toEqual(expect.arrayContaining(['registry', 'primary_metric']));
  });

  it('reports one YAML syntax error per document, quoting the line', () => {
    const dir = copy();
    writeFileSync(card(dir), read(card(dir)).replace('team: growth', 'team: growth\n   oops: [unclosed'));
    const errs = lines(dir).filter((l) => l.includes('YAML syntax error'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/README\.md:\d+:\d+ {2}YAML syntax error: .* in line "[^"]+"/);
  });

  it('sets the card aside when a required field is wrong', () => {
    const dir = copy();
    writeFileSync(card(dir), read(card(dir)).replace('owners: [ana@example.org]', 'owners: []\ntags: 5'));
    const reg = loadRegistry(dir);
    expect(reg.models[0].card).toBeNull();
    expect(lines(dir).join('\n')).not.toContain('is used without');
  });

  it('refuses metric lines and deployments that name versions with no file', () => {
    const dir = copy();
    appendFileSync(join(dir, 'models/churn/metrics/2026-10.ndjson'), '{"ts":"2026-10-30","version":"v9","metric":"auc","value":0.8}\n');
    writeFileSync(card(dir), read(card(dir)).replace('{version: v2, role: champion', '{version: v7, role: champion'));
    const out = lines(dir).join('\n');
    expect(out).toMatch(/2026-10\.ndjson:33 {2}version: 1 line\(s\) refer to version "v9"/);
    expect(out).toMatch(/README\.md:9:\d+ {2}deployments\.0\.version: the champion refers to version "v7"/);
  });

  it('refuses a deployed retired version and two champions', () => {
    const dir = copy();
    appendFileSync(join(dir, 'models/churn/versions/v1.yaml'), 'retired: true\n');
    writeFileSync(card(dir), read(card(dir)).replace('{version: v1, role: challenger', '{version: v1, role: champion'));
    const out = lines(dir).join('\n');
    expect(out).toContain('version "v1" is retired but still deployed');
    expect(out).toContain('two champions ("v2" and "v1")');
  });

  it('refuses ids that are not lowercase slugs and teams that do not exist', () => {
    const dir = copy();
    cpSync(join(dir, 'models/churn'), join(dir, 'models/Churn_Old'), { recursive: true });
    writeFileSync(card(dir), read(card(dir)).replace('team: growth', 'team: growht'));
    const out = lines(dir).join('\n');
    expect(out).toContain('models/Churn_Old  model folder "Churn_Old" is not a model id: it is not read and gets no page');
    expect(out).toContain('team "growht" is not defined in spog.yaml (did you mean "growth"?)');
  });
});

describe('spog validate on hostile input', () => {
  it('never runs ---js front matter', () => {
    const dir = copy();
    writeFileSync(card(dir), '---js\n{ name: (globalThis.__pwned = 1, "x") }\n---\nbody\n');
    const out = lines(dir).join('\n');
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(out).toContain('front matter language "js" is refused');
  });

  it('stops a YAML alias bomb with a clear error', () => {
    const dir = copy();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), `${bomb.join('\n')}\n`);
    expect(lines(dir).join('\n')).toMatch(/v1\.yaml:1:1 {2}too many YAML aliases/);
  });

  it('refuses __proto__ and constructor keys without touching prototypes', () => {
    const dir = copy();
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), 'version: v1\ntrained_at: "2026-06-01"\nparams:\n  __proto__: {polluted: 1}\n  constructor: 2\n');
    appendFileSync(join(dir, 'models/churn/metrics/2026-10.ndjson'), '{"ts":"2026-10-31","version":"v2","metric":"auc","value":0.8,"__proto__":{"polluted":1}}\n');
    const out = lines(dir).join('\n');
    expect(out).toMatch(/v1\.yaml:4:3 {2}params\.__proto__: key "__proto__" is not allowed/);
    expect(out).toMatch(/v1\.yaml:5:3 {2}params\.constructor: key "constructor" is not allowed/);
    expect(out).toMatch(/2026-10\.ndjson:33:\d+ {2}__proto__: key "__proto__" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses NaN, Infinity and duplicate keys', () => {
    const dir = copy();
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), 'version: v1\ntrained_at: "2026-06-01"\nmetrics: {auc: .nan, gini: .inf}\n');
    writeFileSync(join(dir, 'models/churn/versions/v2.yaml'), 'version: v2\nversion: v3\ntrained_at: "2026-06-01"\n');
    const out = lines(dir).join('\n');
    expect(out).toMatch(/v1\.yaml:3:\d+ {2}metrics\.auc: expected number, got NaN/);
    expect(out).toMatch(/v1\.yaml:3:\d+ {2}metrics\.gini: expected number, got Infinity/);
    expect(out).toMatch(/v2\.yaml:2:1 {2}YAML syntax error: Map keys must be unique/);
  });

  it('refuses files that are not UTF-8', () => {
    const dir = copy();
    writeFileSync(join(dir, 'models/churn/versions/v1.yaml'), Buffer.from([0x76, 0x65, 0x72, 0xff, 0xfe, 0x0a]));
    expect(lines(dir)).toContain('models/churn/versions/v1.yaml  file is not valid UTF-8 (expected UTF-8 text, e.g. save the file as UTF-8)');
  });

  it('refuses a symbolic link that leaves the registry', () => {
    const dir = copy();
    const outside = mkdtempSync(join(tmpdir(), 'spog-outside-'));
    temps.push(outside);
    writeFileSync(join(outside, 'secret.yaml'), 'version: v3\ntrained_at: "2026-01-01"\n');
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'models/churn/versions/v3.yaml'));
    const out = lines(dir).join('\n');
    expect(out).toContain('symbolic link points outside the registry');
    expect(loadRegistry(dir).models[0].versions.map((v) => v.version)).toEqual(['v1', 'v2']);
  });

  it('reports a missing registry directory instead of crashing', () => {
    const reg = loadRegistry('/nonexistent/spog-registry');
    expect(validateCommand(reg, {}).exitCode).toBe(1);
    expect(reg.diagnostics.map(formatDiagnostic).join('\n')).toContain('does not exist');
  });

  it('reports a model directory without a card', () => {
    const dir = copy();
    mkdirSync(join(dir, 'models/empty'));
    expect(lines(dir)).toContain('models/empty/README.md  model has no README.md model card (expected models/<id>/README.md with YAML front matter)');
  });
});


describe('the fast metric-line check', () => {
  it('accepts exactly the lines the schema accepts', async () => {
    const { FastMetricCheck } = await import('../../src/registry/fast-metric.ts');
    const { MetricLineSchema } = await import('../../src/schema/metric.ts');
    const fast = new FastMetricCheck();
    const base = { ts: '2026-10-01T06:00:00Z', version: 'v2', metric: 'auc', value: 0.8 };
    const cases: unknown[] = [
      base, { ...base, n: 10, run: 'r1', slice: { sex: 'f' } }, { ...base, ts: '2026-02-30' }, { ...base, ts: 'yesterday' },
      { ...base, version: 'V2' }, { ...base, metric: '' }, { ...base, value: '0.8' }, { ...base, n: -1 }, { ...base, n: 1.5 },
      { ...base, slice: { Sex: 'f' } }, { ...base, slice: { sex: 1 } }, { ...base, slice: { constructor: 'x' } }, { ...base, extra: 1 },
      { ...base, run: 'r'.repeat(201) }, { ts: base.ts, version: 'v2', metric: 'auc' }, JSON.parse('{"__proto__":1,"ts":"2026-10-01","version":"v1","metric":"a","value":1}'),
    ];
    for (const c of cases) {
      const zodOk = MetricLineSchema.safeParse(c).success && !JSON.stringify(c).includes('constructor') && !Object.keys(c as object).includes('__proto__');
      expect(fast.check(c) !== undefined, JSON.stringify(c)).toBe(zodOk);
    }
  });
});

describe('the fast feature-window check', () => {
  it('accepts exactly the lines the schema accepts', async () => {
    const { FastMetricCheck } = await import('../../src/registry/fast-metric.ts');
    const { checkFeatureWindow } = await import('../../src/registry/fast-feature.ts');
    const { FeatureWindowSchema } = await import('../../src/schema/features.ts');
    const ids = new FastMetricCheck();
    const base = { ts: '2026-10-01', version: 'v2', feature: 'age', type: 'numeric' };
    const h = { edges: [0, 1, 2], counts: [3, 4] };
    const cases: unknown[] = [
      { ...base, histogram: h }, { ...base, role: 'prediction', sample: [1, 2, 3] }, { ...base, type: 'categorical', counts: { a: 1, b: 2 } },
      { ...base, type: 'categorical', sample: ['a', true, 3] }, { ...base, histogram: h, sample: [1] }, { ...base },
      { ...base, histogram: { edges: [0, 1], counts: [3, 4] } }, { ...base, histogram: { edges: [0, 2, 1], counts: [3, 4] } },
      { ...base, histogram: { edges: [0, 1, 2], counts: [3, -4] } }, { ...base, histogram: { ...h, extra: 1 } }, { ...base, counts: { a: -1 } },
      { ...base, role: 'output', sample: [1] }, { ...base, type: 'text', sample: [1] }, { ...base, feature: '', sample: [1] },
      { ...base, ts: '2026-13-01', sample: [1] }, { ...base, sample: [1], extra: true }, { ...base, sample: [null] },
      { ...base, counts: JSON.parse('{"__proto__": 1}') },
    ];
    for (const c of cases) {
      const zodOk = FeatureWindowSchema.safeParse(c).success && !JSON.stringify(c).includes('__proto__');
      expect(checkFeatureWindow(c, ids) !== undefined, JSON.stringify(c)).toBe(zodOk);
    }
  });
});
