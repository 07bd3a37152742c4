/**
 * Field-level difference of two parsed values (cards, versions, spog.yaml): a list of
 * `{path, base, head}` where a side is `undefined` when the field is absent there. Lists of
 * objects with a unique key (deployments by version, teams by id, data refs by name) are
 * compared item by item under that key ("deployments[v2].role"); lists of scalars are compared
 * as a whole ("owners").
 */
import { isDeepStrictEqual } from 'node:util';

export interface FieldChange {
  path: string;
  base: unknown;
  head: unknown;
}

const KEYS = ['version', 'id', 'name'];

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function keyedBy(list: unknown[], k: string): boolean {
  if (!list.every(isPlain)) return false;
  const vals = list.map((x) => (x as Record<string, unknown>)[k]);
  return vals.every((v) => typeof v === 'string') && new Set(vals).size === vals.length;
}

/** The key that identifies items in both lists, or null (then lists are compared whole). */
function keyOf(base: unknown[], head: unknown[]): string | null {
  if (![...base, ...head].every(isPlain)) return null;
  return KEYS.find((k) => keyedBy(base, k) && keyedBy(head, k)) ?? null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Every changed leaf between `base` and `head`, in a stable order (head's key order, then removed keys). */
export function fieldDiff(base: unknown, head: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (isDeepStrictEqual(base, head)) return out;
  if (isPlain(base) && isPlain(head)) {
    const keys = [...Object.keys(head), ...Object.keys(base).filter((k) => !Object.hasOwn(head, k))];
    for (const k of keys) fieldDiff(base[k], head[k], join(path, k), out);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(head)) {
    const key = keyOf(base, head);
    if (key) {
      const bMap = new Map(base.map((x) => [(x as Record<string, string>)[key], x]));
      const hMap = new Map(head.map((x) => [(x as Record<string, string>)[key], x]));
      const ids = [...hMap.keys(), ...[...bMap.keys()].filter((id) => !hMap.has(id))];
      for (const id of ids) {
        const b = bMap.get(id);
        const h = hMap.get(id);
        if (b === undefined || h === undefined) out.push({ path: `${path}[${id}]`, base: b, head: h });
        else fieldDiff(b, h, `${path}[${id}]`, out);
      }
      return out;
    }
    out.push({ path, base, head });
    return out;
  }
  out.push({ path, base, head });
  return out;
}

/** A value for a table cell: scalars as written, objects as compact JSON, absent as an em dash. */
export function show(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object' || x === null) ? v.join(', ') : `[${v.map(show).join('; ')}]`;
  // Objects in YAML flow style, which reads closer to the files than JSON.
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}`;
}
