/**
 * The input of `spog log` and `spog log-features`: their flags, or the NDJSON lines of --file,
 * turned into raw records for src/workflow/log.ts, which checks and appends them. Flag-level
 * problems (a value that is not a number, a slice that is not key=value) are collected, so the
 * user sees them together with the record's other problems.
 */
import { readFileSync } from 'node:fs';
import { inputMsg, logMsg } from '../messages.ts';
import { jsonTreeProblem } from '../registry/parse.ts';
import type { LogInput, RawRecord } from '../workflow/log.ts';
import { UsageError } from '../workflow/outcome.ts';
import { nowIso } from '../workflow/records.ts';

const reason = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Read NDJSON records from a file (or "-" for stdin); each line a JSON object, `model` optional. */
export function readRecordFile(file: string, defaultModel: string | undefined, read: (f: string) => string = (f) => readFileSync(f === '-' ? 0 : f, 'utf8')): LogInput {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new UsageError(logMsg.fileUnreadable(file, reason(e)));
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
      errors.push(logMsg.lineNotJson(source, (e as Error).message));
      return;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      errors.push(logMsg.lineNotObject(source));
      return;
    }
    // Two "model" keys would write to the second model, two "value" keys log the second value:
    // refused, as the loader refuses them, and so is nesting no registry line may have.
    const problem = jsonTreeProblem(line, v);
    if (problem) {
      errors.push(inputMsg.recordRefused(source, problem.offset + 1, problem.parts.message));
      return;
    }
    const { model, ...rest } = v as Record<string, unknown>;
    if (model !== undefined && typeof model !== 'string') {
      errors.push(logMsg.lineModelNotString(source));
      return;
    }
    if (model !== undefined && defaultModel !== undefined && model !== defaultModel) {
      errors.push(logMsg.lineModelDiffers(source, model, defaultModel));
      return;
    }
    records.push({ model: model ?? defaultModel, value: rest, source, fromFlags: false });
  });
  if (records.length === 0 && errors.length === 0) errors.push(logMsg.noRecords(name));
  return { records, errors };
}

/** Parse repeatable `key=value` slice flags into an object. */
export function parseSlice(pairs: string[] | undefined): { slice?: Record<string, string>; errors: string[] } {
  if (!pairs || pairs.length === 0) return { errors: [] };
  const slice: Record<string, string> = {};
  const errors: string[] = [];
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) errors.push(logMsg.sliceNotPair(p));
    else if (Object.hasOwn(slice, p.slice(0, eq))) errors.push(logMsg.sliceKeyTwice(p.slice(0, eq)));
    else Object.defineProperty(slice, p.slice(0, eq), { value: p.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return { slice, errors };
}

/** Parse a numeric flag strictly ("0.8" yes, "0.8x" and "" no). */
export function parseNumberFlag(name: string, v: string | undefined, errors: string[]): number | undefined {
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n)) {
    errors.push(logMsg.notFiniteFlag(name, v));
    return undefined;
  }
  return n;
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
export function metricInputs(f: MetricFlags, nowMs: number): LogInput {
  if (f.file !== undefined) {
    const extra = (['version', 'metric', 'value', 'n', 'slice', 'ts', 'run'] as const).filter((k) => f[k] !== undefined);
    if (extra.length) throw new UsageError(logMsg.onlyModelWithFile(extra));
    return readRecordFile(f.file, f.model);
  }
  const missing = (['model', 'version', 'metric', 'value'] as const).filter((k) => f[k] === undefined);
  if (missing.length) throw new UsageError(logMsg.missingFlags(missing, 'records.ndjson'));
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
      errors.push(logMsg.flagFileUnreadable(name, v.slice(1), reason(e)));
      return undefined;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    errors.push(logMsg.flagNotJson(name, (e as Error).message, example));
    return undefined;
  }
  const problem = jsonTreeProblem(text, value);
  if (problem) {
    errors.push(logMsg.flagNotJson(name, problem.parts.message, example));
    return undefined;
  }
  return value;
}

/** Turn `spog log-features` flags into raw records. */
export function featureInputs(f: FeatureFlags, nowMs: number): LogInput {
  if (f.file !== undefined) {
    const extra = (['version', 'feature', 'role', 'type', 'sample', 'histogram', 'counts', 'ts', 'run'] as const).filter((k) => f[k] !== undefined);
    if (extra.length) throw new UsageError(logMsg.onlyModelWithFile(extra));
    return readRecordFile(f.file, f.model);
  }
  const missing = (['model', 'version', 'feature', 'type'] as const).filter((k) => f[k] === undefined);
  if (missing.length) throw new UsageError(logMsg.missingFlags(missing, 'windows.ndjson'));
  const given = (['sample', 'histogram', 'counts'] as const).filter((k) => f[k] !== undefined);
  if (given.length !== 1) throw new UsageError(logMsg.oneDistribution(given));
  const errors: string[] = [];
  const rec: Record<string, unknown> = { ts: f.ts ?? nowIso(nowMs), version: f.version, feature: f.feature, role: f.role ?? 'input', type: f.type };
  const examples = { sample: '[0.1, 0.4, 0.35]', histogram: '{"edges": [0, 1, 2], "counts": [5, 7]}', counts: '{"rain": 12, "sun": 30}' };
  const k = given[0];
  const v = jsonFlag(k, f[k]!, errors, examples[k]);
  if (v !== undefined) rec[k] = v;
  if (f.run !== undefined) rec.run = f.run;
  return { records: [{ model: f.model, value: rec, source: 'command line', fromFlags: true, reported: errors.length ? [k] : [] }], errors };
}
