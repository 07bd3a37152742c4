/**
 * Diagnostics: every problem found in a registry, with file, line, column, field, message,
 * what was expected and an example. Zod issues are turned into friendly diagnostics here
 * (as Starlight's error-map does), listing every path.
 */
import { didYouMean } from '../names.ts';
import type { z } from 'zod';
import { msg, type MessageParts } from '../messages.ts';
import type { Diagnostic, Severity } from '../core/input.ts';

export interface Position {
  line: number;
  col: number;
}

export function diag(
  severity: Severity,
  file: string,
  parts: MessageParts,
  extra: { line?: number; col?: number; field?: string; model?: string } = {},
): Diagnostic {
  const d: Diagnostic = { severity, file, message: parts.message };
  if (extra.line !== undefined) d.line = extra.line;
  if (extra.col !== undefined) d.col = extra.col;
  if (extra.field !== undefined && extra.field !== '') d.field = extra.field;
  if (parts.expected) d.expected = parts.expected;
  if (parts.example) d.example = parts.example;
  if (extra.model !== undefined) d.model = extra.model;
  return d;
}

/** One diagnostic as `path:line:col  field: message (expected ..., e.g. ...)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}${d.line !== undefined ? `:${d.line}` : ''}${d.col !== undefined ? `:${d.col}` : ''}`;
  const hint = [d.expected ? `expected ${d.expected}` : '', d.example ? `e.g. ${d.example}` : ''].filter(Boolean).join(', ');
  const tag = d.severity === 'warning' ? 'warning ' : '';
  return `${where}  ${tag}${d.field ? `${d.field}: ` : ''}${d.message}${hint ? ` (${hint})` : ''}`;
}

/** Stable order: file, line, column, then message. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

// ---- Zod issues -> diagnostics ------------------------------------------------------------

type AnySchema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strip optional/default/nullable wrappers. */
function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (d.innerType && ['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type)) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

/** The sub-schema at `path`, following object shapes, arrays, records and the first matching union option. */
export function schemaAt(schema: AnySchema, path: PropertyKey[]): AnySchema | undefined {
  let cur: AnySchema | undefined = schema;
  for (const key of path) {
    if (!cur) return undefined;
    const d = defOf(unwrap(cur));
    if (d.type === 'object' && d.shape) cur = d.shape[String(key)];
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'record') cur = d.valueType;
    else if (d.type === 'union' && d.options) cur = d.options.map((o) => schemaAt(o, [key])).find((x) => x !== undefined);
    else return undefined;
  }
  return cur;
}

function descriptionOf(s: AnySchema | undefined): string | undefined {
  if (!s) return undefined;
  let cur: AnySchema | undefined = s;
  for (let i = 0; cur && i < 10; i++) {
    const desc = (cur as { description?: string }).description;
    if (desc) return desc;
    const d = defOf(cur);
    cur = d.innerType ?? d.in;
  }
  return undefined;
}

/** The example a field's description gives ("..., e.g. 0.82."), if any. */
export function exampleOf(s: AnySchema | undefined): string | undefined {
  const m = /e\.g\. (.+?)\.?\)?$/.exec(descriptionOf(s) ?? '');
  return m ? m[1] : undefined;
}

/** Object keys the schema at this path allows. */
export function keysAt(schema: AnySchema, path: PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  if (!s) return [];
  const d = defOf(unwrap(s));
  if (d.type === 'object' && d.shape) return Object.keys(d.shape);
  if (d.type === 'union' && d.options) return [...new Set(d.options.flatMap((o) => keysAt(o, [])))];
  return [];
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  values?: unknown[];
  errors?: IssueLike[][];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  inclusive?: boolean;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  return `${typeof v} ${String(v)}`;
}

/** The shape of a value of a type, as a YAML line under its key (for fields whose schema gives no example). */
function typeExample(type: string | undefined, key: PropertyKey | undefined): string | undefined {
  const value = { number: '120', int: '3', string: '"text"', boolean: 'true', array: '[a, b]', object: '{key: value}' }[type ?? ''];
  if (!value) return undefined;
  return typeof key === 'string' ? `${key}: ${value}` : value;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export interface IssueDiagnostic {
  path: PropertyKey[];
  parts: MessageParts;
  /** Points at the key itself (unknown keys) rather than its value. */
  atKey?: boolean;
}

/** Turn Zod issues into message parts with the path each one concerns (unknown keys get one each). */
export function explainIssues(schema: AnySchema, issues: readonly unknown[], input: unknown): IssueDiagnostic[] {
  const out: IssueDiagnostic[] = [];
  for (const raw of issues as IssueLike[]) {
    const path = raw.path ?? [];
    const field = schemaAt(schema, path);
    const example = exampleOf(field);
    const got = valueAt(input, path);
    switch (raw.code) {
      case 'unrecognized_keys': {
        const allowed = keysAt(schema, path).filter((k) => k !== '$schema');
        for (const key of raw.keys ?? []) {
          out.push({ path: [...path, key], parts: msg.unknownKey(key, didYouMean(key, allowed), allowed), atKey: true });
        }
        break;
      }
      case 'invalid_type': {
        if (got === undefined) {
          out.push({ path, parts: msg.requiredMissing(raw.expected, example) });
        } else {
          // The message says what was expected; the hint shows the shape, from the schema or the type.
          out.push({ path, parts: msg.wrongType(raw.expected, describeValue(got), example ?? typeExample(raw.expected, path[path.length - 1])) });
        }
        break;
      }
      case 'invalid_value': {
        const vals = (raw.values ?? []).map((v) => JSON.stringify(v));
        if (got === undefined) {
          out.push({ path, parts: msg.requiredMissing(vals.length === 1 ? vals[0] : `one of ${vals.join(', ')}`, example ?? (raw.values?.length ? String(raw.values[0]) : undefined)) });
          break;
        }
        out.push({
          path,
          parts: {
            message: `${describeValue(got)} is not allowed`,
            expected: vals.length === 1 ? vals[0] : `one of ${vals.join(', ')}`,
            example: example ?? (raw.values && raw.values.length ? String(raw.values[0]) : undefined),
          },
        });
        break;
      }
      case 'invalid_union': {
        // Report the option that got furthest: the one with fewest issues.
        const best = (raw.errors ?? []).slice().sort((a, b) => a.length - b.length)[0];
        if (best && best.length) {
          const sub = explainIssues(schema, best.map((e) => ({ ...e, path: [...path, ...(e.path ?? [])] })), input);
          out.push(...sub);
        } else {
          out.push({ path, parts: { message: raw.message, example: example ?? exampleOf(schemaAt(schema, path)) } });
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        out.push({ path, parts: { message: `${raw.message.replace(/^Too (small|big): /, '')}, got ${describeValue(got)}`, example } });
        break;
      }
      default: {
        const message = raw.message.replace(/^Invalid input: /, '');
        out.push({ path, parts: { message, example: message.includes('e.g.') ? undefined : example } });
      }
    }
  }
  return out;
}
