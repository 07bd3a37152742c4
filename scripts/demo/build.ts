/**
 * Small builders shared by the model modules: metric lines, feature windows, version
 * provenance and the model-card body. They round every number once, here.
 */
import { createHash } from 'node:crypto';
import { dec, sig } from './format.ts';
import { hex, mulberry32, seedOf } from './prng.ts';
import { histogram } from './stats.ts';
import { nightly } from './time.ts';
import type { FeatureWindowIn, MetricLineIn, VersionIn } from './types.ts';

/** A metric line for the nightly batch of `day`; NaN values (e.g. AUC of a one-class window) are skipped. */
export function metric(day: string, version: string, name: string, value: number, n?: number, slice?: Record<string, string>): MetricLineIn[] {
  if (!Number.isFinite(value)) return [];
  const line: MetricLineIn = { ts: nightly(day), version, metric: name, value: sig(value) };
  if (n !== undefined) line.n = n;
  if (slice) line.slice = slice;
  line.run = `nightly-${day}`;
  return [line];
}

/** Several metrics of one version for one day and slice. */
export function metrics(day: string, version: string, values: Record<string, number>, n?: number, slice?: Record<string, string>): MetricLineIn[] {
  return Object.entries(values).flatMap(([k, v]) => metric(day, version, k, v, n, slice));
}

/** A numeric window holding the raw values (small windows: a week of daily weather). */
export function sampleWindow(day: string, version: string, feature: string, values: number[], places: number, role: 'input' | 'prediction' = 'input'): FeatureWindowIn {
  return { ts: nightly(day), version, feature, role, type: 'numeric', sample: values.map((v) => dec(v, places)), run: `nightly-${day}` };
}

/** A numeric window as a histogram on fixed edges (values outside the outer edges count in the end bins). */
export function histWindow(day: string, version: string, feature: string, values: number[], edges: number[], role: 'input' | 'prediction' = 'input'): FeatureWindowIn {
  return { ts: nightly(day), version, feature, role, type: 'numeric', histogram: { edges, counts: histogram(values, edges) }, run: `nightly-${day}` };
}

/** A categorical window as counts per category, categories in a fixed order. */
export function countsWindow(day: string, version: string, feature: string, values: string[], categories: readonly string[], role: 'input' | 'prediction' = 'input'): FeatureWindowIn {
  return { ts: nightly(day), version, feature, role, type: 'categorical', counts: countsOf(values, categories), run: `nightly-${day}` };
}

export function countsOf(values: string[], categories: readonly string[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const k of categories) c[k] = 0;
  for (const v of values) c[v] = (c[v] ?? 0) + 1;
  return c;
}

/** Equal-width edges from `lo` to `hi`. */
export function edges(lo: number, hi: number, bins: number, places = 4): number[] {
  return Array.from({ length: bins + 1 }, (_, i) => dec(lo + ((hi - lo) * i) / bins, places));
}

/** Rounded copy of a numeric sample (reference data). */
export function rounded(values: number[], places: number): number[] {
  return values.map((v) => dec(v, places));
}

/** sha256 of the rows a version was trained or evaluated on: a real content hash of the demo data. */
export function dataHash(rows: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
}

/** A stable, made-up commit id for a model version (the training repositories are fictional). */
export function commitOf(model: string, version: string): string {
  return hex(mulberry32(seedOf(`${model}@${version}`)), 40);
}

/** Rounds every value of an evaluation block. */
export function evals(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (Number.isFinite(v)) out[k] = sig(v);
  return out;
}

/** A Markdown table of offline evaluations, one row per version. */
export function evalTable(versions: VersionIn[], names: string[]): string {
  const head = `| version | trained | ${names.join(' | ')} |\n|---|---|${names.map(() => '---:').join('|')}|`;
  // Three significant digits for reading; the version files hold six.
  const rows = versions.map((v) => `| ${v.version} | ${v.trained_at.slice(0, 10)} | ${names.map((n) => (v.metrics?.[n] !== undefined ? String(sig(v.metrics[n], 3)) : '–')).join(' | ')} |`);
  return [head, ...rows].join('\n');
}

/** Monthly means of a metric per version (overall lines only), as a Markdown table computed from the nightly lines. */
export function monthlyTable(lines: MetricLineIn[], versions: string[], name: string, indent = ''): string {
  const months = [...new Set(lines.map((l) => l.ts.slice(0, 7)))];
  const cell = (v: string, m: string): string => {
    const xs = lines.filter((l) => l.version === v && l.metric === name && !l.slice && l.ts.startsWith(m)).map((l) => l.value);
    return xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2) : '–';
  };
  const head = `${indent}| month | ${versions.map((v) => `${v} ${name}`).join(' | ')} |\n${indent}|---|${versions.map(() => '---:').join('|')}|`;
  return [head, ...months.map((m) => `${indent}| ${m} | ${versions.map((v) => cell(v, m)).join(' | ')} |`)].join('\n');
}

/** Sections of a model card body, in the order readers look for them. */
export interface CardText {
  title: string;
  purpose: string;
  data: string;
  model: string;
  evaluation: string;
  limitations: string;
  usage: string;
  monitoring: string;
  provenance: string;
}

export function cardBody(t: CardText): string {
  return [
    `# ${t.title}`,
    `## Purpose\n\n${t.purpose.trim()}`,
    `## Data\n\n${t.data.trim()}`,
    `## Model\n\n${t.model.trim()}`,
    `## Evaluation\n\n${t.evaluation.trim()}`,
    `## Limitations and known issues\n\n${t.limitations.trim()}`,
    `## How to use\n\n${t.usage.trim()}`,
    `## Monitoring\n\n${t.monitoring.trim()}`,
    `## About this demo entry\n\n${t.provenance.trim()}`,
  ].join('\n\n');
}
