/**
 * `spog log` and `spog log-features`: validate records, then append them to the model's monthly
 * NDJSON file (append.ts: locked, one O_APPEND write per file, idempotent). Every problem in the
 * input is listed; when there is any, nothing is written.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { isoToMs, SLUG_RE, VERSION_RE } from '../schema/common.ts';
import { appendRecords, type StoreRecord } from './append.ts';
import { LockTimeout } from './lock.ts';
import { identifyMetric, identifyWindow, metricRecord, monthOf, nowIso, validateMetric, validateWindow, windowRecord, type Kind } from './records.ts';
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

export interface LogOptions {
  registry: string;
  nowMs?: number;
  /** Lock wait limit in ms (default 30 s). */
  lockTimeoutMs?: number;
}

function describe(d0: Diagnostic, fromFlags: boolean): string {
  let d = d0;
  if (/^Invalid key in record/i.test(d.message) && d.field?.startsWith('slice.')) {
    d = { ...d, field: 'slice', message: `key "${d.field.slice(6)}" is not a lowercase slug`, expected: 'a-z, 0-9, "_" and "-"', example: fromFlags ? '--slice region=eu' : '{"slice": {"region": "eu"}}' };
  }
  if (!fromFlags) return formatDiagnostic(d);
  const hint = [d.expected ? `expected ${d.expected}` : '', d.example ? `e.g. ${d.example}` : ''].filter(Boolean).join(', ');
  return `${d.field ? `--${d.field}` : 'record'}: ${d.message}${hint ? ` (${hint})` : ''}`;
}

/** Read NDJSON records from a file (or "-" for stdin); each line a JSON object, `model` optional. */
export function readRecordFile(file: string, defaultModel: string | undefined, read: (f: string) => string = (f) => readFileSync(f === '-' ? 0 : f, 'utf8')): { records: RawRecord[]; errors: string[] } {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new UsageError(`cannot read --file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const name = file === '-' ? 'stdin' : file;
  const records: RawRecord[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const source = `${name}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      errors.push(`${source}  not JSON: ${(e as Error).message} (expected one JSON object per line)`);
      return;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      errors.push(`${source}  each line must be a JSON object`);
      return;
    }
    const { model, ...rest } = v as Record<string, unknown>;
    if (model !== undefined && typeof model !== 'string') {
      errors.push(`${source}  model: must be a string model id, e.g. "churn"`);
      return;
    }
    if (model !== undefined && defaultModel !== undefined && model !== defaultModel) {
      errors.push(`${source}  model: "${model}" differs from --model ${defaultModel}`);
      return;
    }
    records.push({ model: model ?? defaultModel, value: rest, source, fromFlags: false });
  });
  if (records.length === 0 && errors.length === 0) errors.push(`${name}: no records (expected one JSON object per line)`);
  return { records, errors };
}

/** Parse repeatable `key=value` slice flags into an object. */
export function parseSlice(pairs: string[] | undefined): { slice?: Record<string, string>; errors: string[] } {
  if (!pairs || pairs.length === 0) return { errors: [] };
  const slice: Record<string, string> = {};
  const errors: string[] = [];
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) errors.push(`--slice: "${p}" must be key=value (e.g. --slice region=eu)`);
    else if (Object.hasOwn(slice, p.slice(0, eq))) errors.push(`--slice: key "${p.slice(0, eq)}" given twice`);
    else Object.defineProperty(slice, p.slice(0, eq), { value: p.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return { slice, errors };
}

/** Parse a numeric flag strictly ("0.8" yes, "0.8x" and "" no). */
export function parseNumberFlag(name: string, v: string | undefined, errors: string[]): number | undefined {
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n)) {
    errors.push(`--${name}: "${v}" is not a finite number (e.g. --${name} 0.81)`);
    return undefined;
  }
  return n;
}

interface Target {
  record: StoreRecord;
  file: string;
}

/** Check model and version exist, the timestamp is sane, and place each record in its month file. */
function place(
  kind: Kind,
  registry: string,
  items: { model: string | undefined; version: string; ts: string; record: StoreRecord; source: string; fromFlags: boolean }[],
  nowMs: number,
  errors: string[],
): Target[] {
  const models = new Map<string, boolean>();
  const versions = new Map<string, boolean>();
  const out: Target[] = [];
  for (const it of items) {
    const where = it.fromFlags ? '' : `${it.source}  `;
    if (it.model === undefined) {
      errors.push(`${where}model: missing (give --model ID, or a "model" field on each line)`);
      continue;
    }
    if (!SLUG_RE.test(it.model)) {
      errors.push(`${where}${it.fromFlags ? '--model' : 'model'}: "${it.model}" is not a model id (lowercase letters, digits and inner hyphens, e.g. churn)`);
      continue;
    }
    const dir = join(registry, 'models', it.model);
    let hasModel = models.get(it.model);
    if (hasModel === undefined) {
      hasModel = existsSync(join(dir, 'README.md'));
      models.set(it.model, hasModel);
    }
    if (!hasModel) {
      errors.push(`${where}${it.fromFlags ? '--model' : 'model'}: no model "${it.model}" in ${registry} (expected ${join(dir, 'README.md')})`);
      continue;
    }
    const vkey = `${it.model}/${it.version}`;
    let hasVersion = versions.get(vkey);
    if (hasVersion === undefined) {
      hasVersion = VERSION_RE.test(it.version) && (existsSync(join(dir, 'versions', `${it.version}.yaml`)) || existsSync(join(dir, 'versions', `${it.version}.yml`)));
      versions.set(vkey, hasVersion);
    }
    if (!hasVersion) {
      errors.push(`${where}${it.fromFlags ? '--version' : 'version'}: model "${it.model}" has no version "${it.version}" (expected ${join(dir, 'versions', `${it.version}.yaml`)}; add the version file first)`);
      continue;
    }
    if (isoToMs(it.ts) > nowMs + FUTURE_SLACK_MS) {
      errors.push(`${where}${it.fromFlags ? '--ts' : 'ts'}: ${it.ts} is in the future (now is ${nowIso(nowMs)})`);
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
    lines.push(`${rel}: ${f.written} ${noun}${f.written === 1 ? '' : 's'} appended${f.duplicates ? `, ${f.duplicates} already present (kept once)` : ''}`);
    if (f.repairedBytes) stderr += `spog: ${rel}: cut off ${f.repairedBytes} bytes of an interrupted earlier write (an incomplete last line)\n`;
  }
  const total = `${written} ${noun}${written === 1 ? '' : 's'} written, ${dups} duplicate${dups === 1 ? '' : 's'} skipped`;
  return { stdout: `${lines.join('\n')}\n${outcome.files.length > 1 ? `${total}\n` : ''}`, stderr, exitCode: 0 };
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
    if (e instanceof LockTimeout) return { stdout: '', stderr: `spog: ${e.message}; nothing written\n`, exitCode: 1 };
    throw e;
  }
  if (outcome.conflicts.length) return { stdout: '', stderr: `${outcome.conflicts.map((c) => `spog: ${c}`).join('\n')}\nspog: nothing written\n`, exitCode: 1 };
  return summarise(registry, outcome, noun);
}

function refuse(errors: string[]): Outcome {
  return { stdout: '', stderr: `${errors.map((e) => `spog: ${e}`).join('\n')}\nspog: nothing written (${errors.length} problem${errors.length === 1 ? '' : 's'})\n`, exitCode: 1 };
}

function checkRegistryDir(registry: string): void {
  let ok = false;
  try {
    ok = statSync(join(registry, 'models')).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`${registry} is not a registry (no models/ directory); pass --registry DIR`);
}

export interface MetricFlags {
  model?: string;
  version?: string;
  metric?: string;
  value?: string;
  n?: string;
  slice?: string[];
  ts?: string;
  run?: string;
  file?: string;
}

/** Turn `spog log` flags into raw records (one record from flags, or the lines of --file). */
export function metricInputs(f: MetricFlags, nowMs: number): { records: RawRecord[]; errors: string[] } {
  if (f.file !== undefined) {
    const extra = (['version', 'metric', 'value', 'n', 'slice', 'ts', 'run'] as const).filter((k) => f[k] !== undefined);
    if (extra.length) throw new UsageError(`with --file, only --model may be given (not ${extra.map((k) => `--${k}`).join(', ')}); put those fields on each line`);
    return readRecordFile(f.file, f.model);
  }
  const missing = (['model', 'version', 'metric', 'value'] as const).filter((k) => f[k] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')} (or give --file records.ndjson)`);
  const errors: string[] = [];
  const value = parseNumberFlag('value', f.value, errors);
  const n = parseNumberFlag('n', f.n, errors);
  const s = parseSlice(f.slice);
  errors.push(...s.errors);
  const rec: Record<string, unknown> = { ts: f.ts ?? nowIso(nowMs), version: f.version, metric: f.metric, value };
  if (n !== undefined) rec.n = n;
  if (s.slice) rec.slice = s.slice;
  if (f.run !== undefined) rec.run = f.run;
  return { records: [{ model: f.model, value: rec, source: 'command line', fromFlags: true, reported: [value === undefined ? 'value' : '', f.n !== undefined && n === undefined ? 'n' : '', s.errors.length ? 'slice' : ''].filter(Boolean) }], errors };
}

/** Validate and append metric records; see the module comment. */
export function logMetrics(raw: { records: RawRecord[]; errors: string[] }, o: LogOptions): Outcome {
  checkRegistryDir(o.registry);
  const nowMs = o.nowMs ?? Date.now();
  const errors = [...raw.errors];
  const items = [];
  for (const r of raw.records) {
    const v = validateMetric(r.value, r.source);
    if (!v.value) {
      errors.push(...v.problems.filter((d) => !r.reported?.includes(d.field?.split('.')[0] ?? '')).map((d) => describe(d, r.fromFlags)));
      continue;
    }
    items.push({ model: r.model, version: v.value.version, ts: v.value.ts, record: metricRecord(v.value, r.source), source: r.source, fromFlags: r.fromFlags });
  }
  const targets = place('metrics', o.registry, items, nowMs, errors);
  if (errors.length) return refuse(errors);
  return write('metrics', o.registry, targets, 'record', o.lockTimeoutMs);
}

export interface FeatureFlags {
  model?: string;
  version?: string;
  feature?: string;
  role?: string;
  type?: string;
  sample?: string;
  histogram?: string;
  counts?: string;
  ts?: string;
  run?: string;
  file?: string;
}

/** Read a JSON flag value; "@path" reads the JSON from a file (samples are often too long for a command line). */
function jsonFlag(name: string, v: string, errors: string[], example: string): unknown {
  let text = v;
  if (v.startsWith('@')) {
    try {
      text = readFileSync(v.slice(1), 'utf8');
    } catch (e) {
      errors.push(`--${name}: cannot read ${v.slice(1)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return undefined;
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    errors.push(`--${name}: not JSON: ${(e as Error).message} (e.g. --${name} '${example}', or --${name} @file.json)`);
    return undefined;
  }
}

/** Turn `spog log-features` flags into raw records. */
export function featureInputs(f: FeatureFlags, nowMs: number): { records: RawRecord[]; errors: string[] } {
  if (f.file !== undefined) {
    const extra = (['version', 'feature', 'role', 'type', 'sample', 'histogram', 'counts', 'ts', 'run'] as const).filter((k) => f[k] !== undefined);
    if (extra.length) throw new UsageError(`with --file, only --model may be given (not ${extra.map((k) => `--${k}`).join(', ')}); put those fields on each line`);
    return readRecordFile(f.file, f.model);
  }
  const missing = (['model', 'version', 'feature', 'type'] as const).filter((k) => f[k] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')} (or give --file windows.ndjson)`);
  const given = (['sample', 'histogram', 'counts'] as const).filter((k) => f[k] !== undefined);
  if (given.length !== 1) throw new UsageError(`give exactly one of --sample, --histogram or --counts (got ${given.length ? given.map((k) => `--${k}`).join(', ') : 'none'})`);
  const errors: string[] = [];
  const rec: Record<string, unknown> = { ts: f.ts ?? nowIso(nowMs), version: f.version, feature: f.feature, role: f.role ?? 'input', type: f.type };
  const examples = { sample: '[0.1, 0.4, 0.35]', histogram: '{"edges": [0, 1, 2], "counts": [5, 7]}', counts: '{"rain": 12, "sun": 30}' };
  const k = given[0];
  const v = jsonFlag(k, f[k]!, errors, examples[k]);
  if (v !== undefined) rec[k] = v;
  if (f.run !== undefined) rec.run = f.run;
  return { records: [{ model: f.model, value: rec, source: 'command line', fromFlags: true, reported: errors.length ? [k] : [] }], errors };
}

/** Validate and append feature windows. */
export function logFeatures(raw: { records: RawRecord[]; errors: string[] }, o: LogOptions): Outcome {
  checkRegistryDir(o.registry);
  const nowMs = o.nowMs ?? Date.now();
  const errors = [...raw.errors];
  const items = [];
  for (const r of raw.records) {
    const v = validateWindow(r.value, r.source);
    if (!v.value) {
      errors.push(...v.problems.filter((d) => !r.reported?.includes(d.field?.split('.')[0] ?? '')).map((d) => describe(d, r.fromFlags)));
      continue;
    }
    items.push({ model: r.model, version: v.value.version, ts: v.value.ts, record: windowRecord(v.value, r.source), source: r.source, fromFlags: r.fromFlags });
  }
  const targets = place('features', o.registry, items, nowMs, errors);
  if (errors.length) return refuse(errors);
  return write('features', o.registry, targets, 'window', o.lockTimeoutMs);
}
