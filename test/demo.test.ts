/**
 * The embedded demo registry is the output of scripts/gen-demo.ts, byte for byte, and every
 * file in it satisfies the registry schemas.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { CardSchema, ConfigSchema, FeatureWindowSchema, IncidentSchema, isoToMs, MetricLineSchema, ReferenceSchema, VersionSchema } from '../src/schema/index.ts';

const ROOT = join(import.meta.dirname, '..');
const REGISTRY = join(ROOT, 'registry');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const refuse = (): never => {
  throw new Error('only YAML front matter is allowed');
};
/** gray-matter with safe engines and an options object (no eval, no cache). */
const frontMatter = (text: string) => matter(text, { engines: { yaml: (s: string) => YAML.parse(s) as object, js: refuse, javascript: refuse, coffee: refuse } });

const read = (rel: string): string => readFileSync(join(REGISTRY, rel), 'utf8');
const files = filesUnder(REGISTRY);
const models = [...new Set(files.filter((f) => f.startsWith('models/')).map((f) => f.split('/')[1]))];
const ndjsonLines = (rel: string): unknown[] =>
  read(rel)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('demo registry generation', () => {
  let out = '';
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'spog-demo-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-demo.ts'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
  });
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('regenerates the committed registry byte for byte', () => {
    const generated = filesUnder(out);
    expect(generated).toEqual(files);
    const differing = generated.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(REGISTRY, f))));
    expect(differing).toEqual([]);
  });
});

describe('demo registry contents', () => {
  const config = ConfigSchema.parse(YAML.parse(read('spog.yaml')));

  it('pins "as of" and declares the teams the cards use', () => {
    expect(config.as_of).toBe('2026-10-31');
    const teams = new Set(config.teams.map((t) => t.id));
    for (const id of models) expect(teams, id).toContain(CardSchema.parse(frontMatter(read(`models/${id}/README.md`)).data).team);
  });

  it('holds 12 to 20 models, a union merge rule for NDJSON, and nothing outside the layout', () => {
    expect(models.length).toBeGreaterThanOrEqual(12);
    expect(models.length).toBeLessThanOrEqual(20);
    expect(read('.gitattributes')).toMatch(/^\*\.ndjson merge=union$/m);
    const layout = /^(spog\.yaml|\.gitattributes|models\/[a-z0-9-]+\/(README\.md|versions\/[a-z0-9._-]+\.yaml|incidents\/\d{4}-\d{2}-\d{2}-\d+\.yaml|metrics\/\d{4}-\d{2}\.ndjson|features\/(reference\.json|\d{4}-\d{2}\.ndjson)))$/;
    expect(files.filter((f) => !layout.test(f))).toEqual([]);
  });

  it('starts every YAML document with the schema comment for editors', () => {
    expect(read('spog.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../public/schema/spog.schema.json');
    for (const f of files.filter((x) => x.endsWith('.yaml') && x.includes('/versions/'))) {
      expect(read(f).split('\n')[0], f).toBe('# yaml-language-server: $schema=../../../../public/schema/version.schema.json');
    }
    for (const id of models) expect(read(`models/${id}/README.md`).split('\n').slice(0, 2).join('\n')).toBe('---\n# yaml-language-server: $schema=../../../public/schema/model-card.schema.json');
  });

  it.each(models)('%s: card, versions, metrics and features parse and agree with each other', (id) => {
    const card = CardSchema.parse(frontMatter(read(`models/${id}/README.md`)).data);
    expect(frontMatter(read(`models/${id}/README.md`)).content.length, 'card body').toBeGreaterThan(1500);
    const mine = files.filter((f) => f.startsWith(`models/${id}/`));

    const versionFiles = mine.filter((f) => f.includes('/versions/'));
    expect(versionFiles.length).toBeGreaterThanOrEqual(1);
    expect(versionFiles.length).toBeLessThanOrEqual(5);
    const versions = new Set<string>();
    for (const f of versionFiles) {
      const v = VersionSchema.parse(YAML.parse(read(f)));
      expect(`${v.version}.yaml`, f).toBe(f.split('/').pop());
      versions.add(v.version);
    }
    for (const f of versionFiles) {
      const v = VersionSchema.parse(YAML.parse(read(f)));
      if (v.parent) expect(versions, `${f} parent`).toContain(v.parent);
      expect(v.code?.commit, f).toMatch(/^[0-9a-f]{7,40}$/);
      expect(v.data.length, f).toBeGreaterThan(0);
    }
    const byId = new Map(versionFiles.map((f) => VersionSchema.parse(YAML.parse(read(f)))).map((v) => [v.version, v]));
    for (const v of byId.values()) {
      const trained = isoToMs(v.trained_at);
      for (const d of v.data) if (d.to) expect(isoToMs(d.to), `${v.version} ${d.name} data end before training`).toBeLessThanOrEqual(trained);
      if (v.parent) expect(isoToMs(byId.get(v.parent)!.trained_at), `${v.version} parent trained first`).toBeLessThan(trained);
    }
    for (const d of card.deployments) expect(versions, 'deployed version').toContain(d.version);
    expect(card.deployments.filter((d) => d.role === 'champion').length).toBeLessThanOrEqual(1);

    for (const f of mine.filter((x) => x.includes('/metrics/'))) {
      const lines = ndjsonLines(f).map((l) => MetricLineSchema.parse(l));
      const month = f.split('/').pop()!.slice(0, 7);
      const ts = lines.map((l) => isoToMs(l.ts));
      expect(ts, `${f} sorted by ts`).toEqual([...ts].sort((a, b) => a - b));
      for (const l of lines) {
        expect(l.ts.slice(0, 7), f).toBe(month);
        expect(versions, `${f} version`).toContain(l.version);
        expect(isoToMs(l.ts), `${f} after the end of the as_of day`).toBeLessThan(isoToMs(config.as_of!) + 86_400_000);
      }
    }
    for (const d of card.deployments) {
      const since = d.since ? isoToMs(d.since) : -Infinity;
      expect(since, `${d.version} deployed after training`).toBeGreaterThanOrEqual(isoToMs(byId.get(d.version)!.trained_at.slice(0, 10)));
      const early = mine
        .filter((x) => x.includes('/metrics/'))
        .flatMap((x) => ndjsonLines(x).map((l) => MetricLineSchema.parse(l)))
        .filter((l) => l.version === d.version && isoToMs(l.ts) < since);
      expect(early.length, `${d.version} metrics before its deployment`).toBe(0);
    }
    const ref = mine.includes(`models/${id}/features/reference.json`) ? ReferenceSchema.parse(JSON.parse(read(`models/${id}/features/reference.json`))) : undefined;
    for (const f of mine.filter((x) => x.includes('/features/') && x.endsWith('.ndjson'))) {
      for (const w of ndjsonLines(f).map((l) => FeatureWindowSchema.parse(l))) {
        expect(versions).toContain(w.version);
        if (ref && w.role === 'input') expect(Object.keys(ref.features), `${f} feature`).toContain(w.feature);
        if (ref && w.histogram) {
          const r = w.role === 'prediction' ? ref.prediction : ref.features[w.feature];
          expect(r && 'histogram' in r ? r.histogram.edges : undefined, `${f} ${w.feature} edges match the reference`).toEqual(w.histogram.edges);
        }
      }
    }
  });

  it('holds one open acknowledgement, on a red or amber model, and one resolved incident, as spog ack and resolve write them', async () => {
    const { computeSnapshot } = await import('../src/site/snapshot.ts');
    const demo = computeSnapshot(REGISTRY);
    const open = demo.models.filter((m) => m.incidents.open);
    expect(open.map((m) => [m.id, m.health, m.incidents.open!.expired])).toEqual([['seattle-rain-tomorrow', 'red', false]]);
    expect(open[0].incidents.open!.until).toBe('2026-11-06');
    const resolved = demo.models.filter((m) => m.incidents.history.length > 0);
    expect(resolved.map((m) => [m.id, m.incidents.history.map((x) => x.status)])).toEqual([['seattle-temp-max', ['resolved']]]);
    for (const f of files.filter((x) => x.includes('/incidents/'))) IncidentSchema.parse(YAML.parse(read(f)));
  });

  it('stays small: under 8 MB in all, every NDJSON file under 1 MB', () => {
    const sizes = files.map((f) => statSync(join(REGISTRY, f)).size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(8 * 1024 * 1024);
    const big = files.filter((f, i) => f.endsWith('.ndjson') && sizes[i] >= 1024 * 1024);
    expect(big).toEqual([]);
  });
});
