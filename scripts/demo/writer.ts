/**
 * Writes model bundles in the registry layout. The only code that touches the output folder.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_GITATTRIBUTES } from '../../src/workflow/scaffold/files.ts';
import { toJsonDoc, toJsonLine, toYaml } from './format.ts';
import type { ConfigIn, FeatureWindowIn, MetricLineIn, ModelBundle } from './types.ts';

/** Editors find the JSON Schemas in public/schema, relative to each file of a registry at the repository root. */
const SCHEMA = {
  config: '../public/schema/spog.schema.json',
  card: '../../../public/schema/model-card.schema.json',
  version: '../../../../public/schema/version.schema.json',
  reference: '../../../../public/schema/reference.schema.json',
} as const;

function write(path: string, text: string): void {
  writeFileSync(path, text, 'utf8');
}

function sliceKey(s: Record<string, string> | undefined): string {
  return s ? JSON.stringify(Object.entries(s).sort()) : '';
}

function compareMetric(a: MetricLineIn, b: MetricLineIn): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  if (a.version !== b.version) return a.version < b.version ? -1 : 1;
  if (a.metric !== b.metric) return a.metric < b.metric ? -1 : 1;
  const sa = sliceKey(a.slice);
  const sb = sliceKey(b.slice);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

function compareWindow(a: FeatureWindowIn, b: FeatureWindowIn): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  if (a.version !== b.version) return a.version < b.version ? -1 : 1;
  const ra = a.role ?? 'input';
  const rb = b.role ?? 'input';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.feature === b.feature ? 0 : a.feature < b.feature ? -1 : 1;
}

/** Groups lines into monthly NDJSON files keyed by the YYYY-MM of their ts. */
function byMonth<T extends { ts: string }>(lines: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const l of lines) {
    const m = l.ts.slice(0, 7);
    const list = out.get(m) ?? [];
    list.push(l);
    out.set(m, list);
  }
  return out;
}

function ndjson(lines: unknown[]): string {
  return lines.map((l) => `${toJsonLine(l)}\n`).join('');
}

export function writeConfig(out: string, config: ConfigIn): void {
  write(join(out, 'spog.yaml'), `# yaml-language-server: $schema=${SCHEMA.config}\n${toYaml(config)}`);
}

export function writeGitattributes(out: string): void {
  write(join(out, '.gitattributes'), REGISTRY_GITATTRIBUTES);
}

/** Writes one model's folder. Metric and feature lines are sorted, so the order models produce them in does not matter. */
export function writeModel(out: string, m: ModelBundle): void {
  const dir = join(out, 'models', m.id);
  mkdirSync(join(dir, 'versions'), { recursive: true });
  write(join(dir, 'README.md'), `---\n# yaml-language-server: $schema=${SCHEMA.card}\n${toYaml(m.card)}---\n\n${m.body.trim()}\n`);
  for (const v of m.versions) {
    write(join(dir, 'versions', `${v.version}.yaml`), `# yaml-language-server: $schema=${SCHEMA.version}\n${toYaml(v)}`);
  }
  if (m.metrics.length > 0) {
    mkdirSync(join(dir, 'metrics'), { recursive: true });
    for (const [month, lines] of byMonth([...m.metrics].sort(compareMetric))) write(join(dir, 'metrics', `${month}.ndjson`), ndjson(lines));
  }
  if (m.reference || m.windows.length > 0) {
    mkdirSync(join(dir, 'features'), { recursive: true });
    if (m.reference) write(join(dir, 'features', 'reference.json'), toJsonDoc({ $schema: SCHEMA.reference, ...m.reference }));
    for (const [month, lines] of byMonth([...m.windows].sort(compareWindow))) write(join(dir, 'features', `${month}.ndjson`), ndjson(lines));
  }
}

/** Removes what the generator owns in `out` (models/ and spog.yaml), leaving anything else alone. */
export function clearOutput(out: string): void {
  rmSync(join(out, 'models'), { recursive: true, force: true });
  rmSync(join(out, 'spog.yaml'), { force: true });
  mkdirSync(join(out, 'models'), { recursive: true });
}
