/** `spog drift` and `spog detect`: the engine's statistics for pipelines and ad-hoc checks. */
import { readFileSync } from 'node:fs';
import { cliMsg } from '../messages.ts';
import { UsageError } from '../workflow/outcome.ts';
import type { CommandResult } from './validate.ts';

/** Read a JSON array from a file, with a clear error naming the file. */
export function readJsonArray(file: string, what: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(cliMsg.arrayFileUnreadable(what, file, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(cliMsg.arrayFileNotJson(what, file, (e as Error).message));
  }
  if (!Array.isArray(v)) throw new UsageError(cliMsg.arrayFileNotArray(what, file, v === null ? 'null' : typeof v));
  return v;
}

/** Parse `name=value` pairs; numbers and booleans are converted. */
export function parseParams(pairs: string[]): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(cliMsg.paramNotPair(p));
    const name = p.slice(0, eq);
    const raw = p.slice(eq + 1);
    out[name] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export interface DriftOpts {
  reference: string;
  current: string;
  method: string;
  type?: 'numeric' | 'categorical';
  threshold?: number;
  json?: boolean;
}

const allNumericSide = (xs: unknown[]) => xs.length > 0 && xs.every((x) => typeof x === 'number' || x === null);

export async function driftCommand(o: DriftOpts): Promise<CommandResult> {
  const { driftTest } = await import('../core/drift/index.ts');
  const ref = readJsonArray(o.reference, 'reference');
  const cur = readJsonArray(o.current, 'current');
  const allNumeric = [...ref, ...cur].every((x) => typeof x === 'number' || x === null);
  if (!o.type && !allNumeric) {
    // Numbers and text together are usually a broken export, not categories: say so instead of guessing.
    for (const [name, xs, file] of [['reference', ref, o.reference], ['current', cur, o.current]] as const) {
      const num = xs.findIndex((x) => typeof x === 'number');
      const other = xs.findIndex((x) => typeof x !== 'number' && x !== null);
      if (num >= 0 && other >= 0) throw new UsageError(cliMsg.mixedValues(name, file, num, JSON.stringify(xs[num]), other, JSON.stringify(xs[other])));
    }
    const numSide = allNumericSide(ref) ? 'reference' : allNumericSide(cur) ? 'current' : null;
    if (numSide) throw new UsageError(cliMsg.oneSideNumeric(numSide));
  }
  const type = o.type ?? (allNumeric ? 'numeric' : 'categorical');
  const toNum = (xs: unknown[]) => xs.map((x) => (x === null ? NaN : Number(x)));
  const toCat = (xs: unknown[]) => xs.filter((x): x is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof x));
  const dist = (xs: unknown[]) => (type === 'numeric' ? { type: 'numeric' as const, sample: toNum(xs) } : { type: 'categorical' as const, sample: toCat(xs) });
  const r = driftTest(dist(ref), dist(cur), { method: o.method as never, threshold: o.threshold });
  const out = { method: r.method, statistic: r.statistic, p_value: r.p_value, threshold: r.threshold, drifted: r.drifted, status: r.status, reason: r.reason, reference_size: r.reference_size, current_size: r.current_size };
  if (o.json) return { stdout: `${JSON.stringify(out, null, 2)}\n`, exitCode: 0 };
  return { stdout: `${r.drifted === null ? 'cannot tell' : r.drifted ? 'DRIFT' : 'no drift'}: ${r.reason}\n`, exitCode: 0 };
}

export interface DetectOpts {
  detector: string;
  param: string[];
  input: string;
  json?: boolean;
  /** Standardise the series first, as the site does before Page-Hinkley. */
  standardise?: boolean;
}

export async function detectCommand(o: DetectOpts): Promise<CommandResult> {
  const { runDetector } = await import('../core/detectors/index.ts');
  const values = readJsonArray(o.input, 'input').map((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new UsageError(cliMsg.notFiniteItem(o.input, i, JSON.stringify(x)));
    return x;
  });
  if (o.detector === 'ddm' || o.detector === 'eddm') {
    const bad = values.findIndex((x) => x !== 0 && x !== 1);
    if (bad >= 0) throw new UsageError(cliMsg.notZeroOne(o.detector, bad, values[bad]));
  }
  let r: { detections: number[]; warnings: number[] };
  const { standardise } = await import('../core/checks/performance-drift.ts');
  try {
    r = runDetector(o.detector as never, parseParams(o.param), o.standardise ? standardise(values) : values);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (o.json) return { stdout: `${JSON.stringify({ detections: r.detections, warnings: r.warnings })}\n`, exitCode: 0 };
  const list = (what: string, idx: number[]) => (idx.length ? `${idx.length} ${what}${idx.length === 1 ? '' : 's'} at ${idx.join(', ')}` : `no ${what}`);
  return { stdout: `${o.detector}: ${list('detection', r.detections)}; ${list('warning', r.warnings)} (0-based positions in the input)\n`, exitCode: 0 };
}
