/**
 * `spog log` and `spog log-features`: validate records, then append them to the model's monthly
 * NDJSON file (append.ts: locked, all or nothing, idempotent). Every problem in the
 * input is listed; when there is any, nothing is written. The records come from the command's
 * flags or --file, read by src/cli/log-input.ts.
 */
import { join, relative } from 'node:path';
import { logMsg } from '../messages.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { modelMetricNames } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import { suggestMetric } from '../names.ts';
import { isoToMs, SLUG_RE, VERSION_RE } from '../schema/common.ts';
import { appendRecords, type StoreRecord } from './append.ts';
import { LockTimeout } from './lock.ts';
import { WriteFailure } from './safe-write.ts';
import { batchRecord, edgelessHistograms, identifyMetric, identifyWindow, isBatchWindow, metricRecord, monthOf, nowIso, validateMetric, validateWindow, windowRecord, type Kind, type Validated } from './records.ts';
import { ReferenceSchema } from '../schema/features.ts';
import { LIMITS } from '../registry/files.ts';
import { requireFormat } from './migrate.ts';
import { UsageError, type Outcome } from './outcome.ts';
import type { Diagnostic } from '../core/input.ts';

/** Timestamps further ahead than this are refused as typos (a clock a few hours off is fine). */
const FUTURE_SLACK_MS = 86_400_000;

export interface RawRecord {
  model: string | undefined;
  value: Record<string, unknown>;
  /** "records.ndjson:3" for a file line; "command line" for flags. */
  source: string;
  fromFlags: boolean;
  /** Fields whose flags were already reported as unparsable (their schema errors would repeat it). */
  reported?: string[];
}

/** The records to log, and the problems already found while reading them (each a finished message). */
export interface LogInput {
  records: RawRecord[];
  errors: string[];
}

export interface LogOptions {
  registry: string;
  nowMs?: number;
  /** Lock wait limit in ms (default 30 s). */
  lockTimeoutMs?: number;
  /** `spog log --new-metric`: accept metric names the model does not have yet. */
  newMetric?: boolean;
}

function describe(d0: Diagnostic, invalidKeys: string[], fromFlags: boolean): string {
  let d = d0;
  if (d.field?.startsWith('slice.') && invalidKeys.includes(d.field)) d = { ...d, field: 'slice', ...logMsg.badSliceKey(d.field.slice(6), fromFlags) };
  if (!fromFlags) return formatDiagnostic(d);
  const hint = [d.expected ? `expected ${d.expected}` : '', d.example ? `e.g. ${d.example}` : ''].filter(Boolean).join(', ');
  return `${d.field ? `--${d.field}` : 'record'}: ${d.message}${hint ? ` (${hint})` : ''}`;
}

/** The record's problems in the input's own terms, leaving out fields whose flags were already reported. */
function problemsOf(r: RawRecord, v: Validated<unknown>): string[] {
  return v.problems.filter((d) => !r.reported?.includes(d.field?.split('.')[0] ?? '')).map((d) => describe(d, v.invalidKeys, r.fromFlags));
}

interface Target {
  record: StoreRecord;
  file: string;
}

/** Check model and version exist, the timestamp is sane, and place each record in its month file. */
function place(
  kind: Kind,
  registry: string,
  items: { model: string | undefined; version: string; metric?: string; ts: string; record: StoreRecord; source: string; fromFlags: boolean; edgeless?: { feature: string; bins: number; field: string }[] }[],
  nowMs: number,
  errors: string[],
  opts: { newMetric?: boolean } = {},
): Target[] {
  // What the registry holds, read through the loader's source (the same guards as spog validate).
  const source = fsSource(registry);
  const listed = new Map<string, Set<string>>();
  const files = (rel: string) => {
    let names = listed.get(rel);
    if (!names) listed.set(rel, (names = new Set(source.list(rel).entries.filter((e) => e.kind === 'file').map((e) => e.name))));
    return names;
  };
  const metricNames = new Map<string, { found: boolean; names: string[] }>();
  // Histogram edges of each model's reference.json, read once, for batch windows that leave out their edges.
  const refEdges = new Map<string, Map<string, number>>();
  const binsOf = (model: string) => {
    let m = refEdges.get(model);
    if (m) return m;
    m = new Map();
    refEdges.set(model, m);
    const r = source.read(`models/${model}/features/reference.json`, LIMITS.json, model);
    const text = r.ascii ? r.ascii.toString('latin1') : r.text;
    let parsed: unknown;
    try {
      parsed = text === undefined ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const ref = ReferenceSchema.safeParse(parsed);
    if (ref.success) {
      for (const [name, d] of Object.entries(ref.data.features)) if ('histogram' in d) m.set(`f:${name}`, d.histogram.edges.length - 1);
      const p = ref.data.prediction;
      if (p && 'histogram' in p) m.set('p', p.histogram.edges.length - 1);
    }
    return m;
  };
  const out: Target[] = [];
  for (const it of items) {
    const where = it.fromFlags ? '' : `${it.source}  `;
    const field = (name: string) => (it.fromFlags ? `--${name}` : name);
    if (it.model === undefined) {
      errors.push(logMsg.modelMissing(where));
      continue;
    }
    if (!SLUG_RE.test(it.model)) {
      errors.push(logMsg.notModelId(where, field('model'), it.model));
      continue;
    }
    const dir = join(registry, 'models', it.model);
    if (!files(`models/${it.model}`).has('README.md')) {
      errors.push(logMsg.noSuchModel(where, field('model'), it.model, registry, join(dir, 'README.md')));
      continue;
    }
    const versions = files(`models/${it.model}/versions`);
    if (!VERSION_RE.test(it.version) || !(versions.has(`${it.version}.yaml`) || versions.has(`${it.version}.yml`))) {
      errors.push(logMsg.noSuchVersion(where, field('version'), it.model, it.version, join(dir, 'versions', `${it.version}.yaml`)));
      continue;
    }
    // A metric name the model has nowhere (card, versions, lines) is most often a typo that would
    // start a series no check reads; a really new metric says so with --new-metric.
    if (it.metric !== undefined && !opts.newMetric) {
      const key = `${it.model}\0${it.metric}`;
      let known = metricNames.get(key);
      if (!known) metricNames.set(key, (known = modelMetricNames(source, it.model, it.metric)));
      if (!known.found) {
        errors.push(logMsg.unknownMetric(where, field('metric'), it.model, it.metric, suggestMetric(it.metric, known.names), known.names));
        continue;
      }
    }
    const lacking = it.edgeless?.find((e) => binsOf(it.model!).get(e.field.startsWith('prediction.') ? 'p' : `f:${e.feature}`) !== e.bins);
    if (lacking) {
      errors.push(logMsg.edgesMissing(where, lacking.field, lacking.feature, lacking.bins));
      continue;
    }
    if (isoToMs(it.ts) > nowMs + FUTURE_SLACK_MS) {
      errors.push(logMsg.futureTs(where, field('ts'), it.ts, nowIso(nowMs)));
      continue;
    }
    out.push({ record: it.record, file: join(dir, kind, `${monthOf(it.ts)}.ndjson`) });
  }
  return out;
}

function summarise(registry: string, outcome: ReturnType<typeof appendRecords>, noun: string): Outcome {
  const lines: string[] = [];
  let written = 0;
  let dups = 0;
  let stderr = '';
  for (const f of outcome.files) {
    written += f.written;
    dups += f.duplicates;
    const rel = relative(registry, f.file);
    lines.push(logMsg.appended(rel, f.written, noun, f.duplicates));
    if (f.repairedBytes) stderr += `spog: ${logMsg.repairedTail(rel, f.repairedBytes)}\n`;
  }
  return { stdout: `${lines.join('\n')}\n${outcome.files.length > 1 ? `${logMsg.written(written, noun, dups)}\n` : ''}`, stderr, exitCode: 0 };
}

function write(kind: Kind, registry: string, targets: Target[], noun: string, lockTimeoutMs: number | undefined): Outcome {
  const groups = new Map<string, StoreRecord[]>();
  for (const t of targets) {
    const g = groups.get(t.file);
    if (g) g.push(t.record);
    else groups.set(t.file, [t.record]);
  }
  let outcome;
  try {
    outcome = appendRecords(groups, kind === 'metrics' ? identifyMetric : identifyWindow, { timeoutMs: lockTimeoutMs, display: (f) => relative(registry, f) });
  } catch (e) {
    if (e instanceof LockTimeout) return { stdout: '', stderr: `spog: ${logMsg.lockTimedOut(e.message)}\n`, exitCode: 1 };
    if (e instanceof WriteFailure) return { stdout: '', stderr: `spog: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  if (outcome.conflicts.length) return { stdout: '', stderr: `${[...outcome.conflicts, logMsg.nothingWritten()].map((c) => `spog: ${c}\n`).join('')}`, exitCode: 1 };
  return summarise(registry, outcome, noun);
}

function refuse(errors: string[]): Outcome {
  return { stdout: '', stderr: `${[...errors, logMsg.nothingWrittenProblems(errors.length)].map((e) => `spog: ${e}\n`).join('')}`, exitCode: 1 };
}

function checkRegistryDir(registry: string): void {
  if (!fsSource(registry).isDir('models')) throw new UsageError(logMsg.notARegistry(registry));
  requireFormat(registry);
}

/** Validate and append metric records; see the module comment. */
export function logMetrics(raw: LogInput, o: LogOptions): Outcome {
  checkRegistryDir(o.registry);
  const nowMs = o.nowMs ?? Date.now();
  const errors = [...raw.errors];
  const items = [];
  for (const r of raw.records) {
    const v = validateMetric(r.value, r.source);
    if (!v.value) {
      errors.push(...problemsOf(r, v));
      continue;
    }
    items.push({ model: r.model, version: v.value.version, metric: v.value.metric, ts: v.value.ts, record: metricRecord(v.value, r.source), source: r.source, fromFlags: r.fromFlags });
  }
  const targets = place('metrics', o.registry, items, nowMs, errors, { newMetric: o.newMetric });
  if (errors.length) return refuse(errors);
  return write('metrics', o.registry, targets, 'record', o.lockTimeoutMs);
}

/** Validate and append feature windows: single windows (`feature`) and batch windows (`features`), as the loader reads them. */
export function logFeatures(raw: LogInput, o: LogOptions): Outcome {
  checkRegistryDir(o.registry);
  const nowMs = o.nowMs ?? Date.now();
  const errors = [...raw.errors];
  const items = [];
  for (const r of raw.records) {
    const v = validateWindow(r.value, r.source);
    if (!v.value) {
      errors.push(...problemsOf(r, v));
      continue;
    }
    const w = v.value;
    if (isBatchWindow(w)) items.push({ model: r.model, version: w.version, ts: w.ts, record: batchRecord(w, r.source), source: r.source, fromFlags: r.fromFlags, edgeless: edgelessHistograms(w) });
    else items.push({ model: r.model, version: w.version, ts: w.ts, record: windowRecord(w, r.source), source: r.source, fromFlags: r.fromFlags });
  }
  const targets = place('features', o.registry, items, nowMs, errors);
  if (errors.length) return refuse(errors);
  return write('features', o.registry, targets, 'window', o.lockTimeoutMs);
}
