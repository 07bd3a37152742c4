/**
 * Stable serialisation: the same objects always give the same bytes. Numbers are rounded to
 * six significant digits (enough for any metric, and immune to last-digit differences in
 * floating-point maths between machines); YAML is written for YAML 1.1 readers too, so dates
 * and words like "yes" stay quoted strings everywhere.
 */
import YAML from 'yaml';

/** Rounds to `digits` significant digits; -0 becomes 0. */
export function sig(x: number, digits = 6): number {
  if (!Number.isFinite(x)) throw new Error(`cannot write a non-finite number (${x})`);
  if (x === 0) return 0;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

/** Rounds to a fixed number of decimals (bin edges, raw values with known precision). */
export function dec(x: number, places: number): number {
  const r = Number(x.toFixed(places));
  return Object.is(r, -0) ? 0 : r;
}

/** YAML text of a plain object, keys in insertion order. */
export function toYaml(value: unknown): string {
  return YAML.stringify(value, { version: '1.1', lineWidth: 100, minContentWidth: 40 });
}

/** One compact JSON line (NDJSON), keys in insertion order. */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Pretty JSON document with a trailing newline; arrays of numbers or strings stay on one line
 * (a reference sample of 700 values is one line, not 700).
 */
export function toJsonDoc(value: unknown): string {
  const write = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object')) return JSON.stringify(v);
      const inner = indent + '  ';
      return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return `${write(value, '')}\n`;
}
