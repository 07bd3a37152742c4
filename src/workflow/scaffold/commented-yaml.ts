/**
 * YAML with a comment above every key, saying what the key does, taken from the JSON Schema the
 * Zod schemas generate (their `.describe()` texts): the scaffolds of `spog init` and `spog new`
 * explain themselves, and a description or a default changed in a schema changes them too.
 * Values are written by the `yaml` package (quoting, block scalars); this module only lays out
 * keys, comments and indentation.
 */
import { stringify } from 'yaml';

type JS = Record<string, unknown>;

export interface CommentOptions {
  /** Write optional keys that have no value as commented-out lines (`# key: example`), so every knob is visible. */
  showAbsent?: boolean;
}

/** The part of a description that fits one comment line: the first sentence, extended until it says enough (40 characters). */
export function oneLine(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  // A sentence ends at "." before a space, not at the abbreviations e.g. and i.e.
  const ends = [...text.matchAll(/(?<!\b(?:e\.g|i\.e))\.(?=\s)/g)].map((m) => m.index + 1);
  const cut = ends.find((e) => e >= 40);
  return cut === undefined ? text : text.slice(0, cut);
}

/** The comment for a key: its description's first line, and the allowed values when the schema lists them. */
function commentOf(s: JS): string | undefined {
  const desc = typeof s.description === 'string' ? oneLine(s.description) : undefined;
  const values = Array.isArray(s.enum) ? (s.enum as unknown[]).map(String) : undefined;
  const listed = values && desc && values.every((v) => desc.includes(v));
  const choices = values && !listed ? `One of: ${values.join(', ')}.` : undefined;
  const text = [desc, choices].filter(Boolean).join(' ');
  return text || undefined;
}

/** An example value from a description ('e.g. "https://acme.github.io"'), or undefined. */
function exampleOf(s: JS): string | undefined {
  const m = typeof s.description === 'string' ? /e\.g\. "([^"]+)"/.exec(s.description) : null;
  return m ? m[1] : undefined;
}

/** The example values a mapping's descriptions give, by key. */
function examples(schema: JS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, JS>)) {
    const e = exampleOf(s);
    if (e !== undefined) out[k] = e;
  }
  return out;
}

/** Lines at `indent` commented out: "# " after the indentation, so removing it restores them. */
function commentOut(lines: string[], indent: string): string[] {
  return lines.map((l) => `${indent}# ${l.slice(indent.length)}`);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dates stay strings for every YAML reader (YAML 1.1 readers such as PyYAML would read 2026-10-31 as a date). */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** `key: value` as the yaml package writes it (a block value indented under the key), indented by `indent`. */
function plain(key: string, value: unknown, indent: string): string[] {
  if (typeof value === 'string' && DATE_LIKE.test(value)) return [`${indent}${key}: ${JSON.stringify(value)}`];
  const text = stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, '');
  return text.split('\n').map((l) => `${indent}${l}`);
}

function commentLines(text: string | undefined, indent: string): string[] {
  return text ? [`${indent}# ${text}`] : [];
}

/**
 * The lines of `value` (a mapping) laid out in the order of `schema`'s properties, each key with
 * its comment above it; keys the schema does not list come last, without a comment. Nested
 * mappings described by the schema are laid out the same way; lists of mappings get comments on
 * their first item's keys; other values are written as they are.
 */
export function commentedLines(value: Record<string, unknown>, schema: JS, indent = '', opts: CommentOptions = {}, comments = true): string[] {
  const props = (schema.properties ?? {}) as Record<string, JS>;
  const keys = [...Object.keys(props).filter((k) => k !== '$schema'), ...Object.keys(value).filter((k) => !(k in props))];
  const out: string[] = [];
  for (const key of keys) {
    const s = props[key] ?? {};
    const v = value[key];
    const comment = comments ? commentLines(commentOf(s), indent) : [];
    if (v === undefined) {
      if (!opts.showAbsent || !(key in props)) continue;
      if (isPlainObject(s.properties)) {
        // An optional mapping: written out with example values and commented out whole, ready to be switched on.
        const sample = examples(s);
        if (Object.keys(sample).length) out.push(...comment, ...commentOut([`${indent}${key}:`, ...commentedLines(sample, s, `${indent}  `, {}, comments)], indent));
        continue;
      }
      const example = exampleOf(s);
      out.push(...comment, ...commentOut(example === undefined ? [`${indent}${key}:`] : plain(key, example, indent), indent));
      continue;
    }
    if (isPlainObject(v) && isPlainObject(s.properties)) {
      const inner = commentedLines(v, s, `${indent}  `, opts, comments);
      if (inner.some((l) => !l.trimStart().startsWith('#'))) out.push(...comment, `${indent}${key}:`, ...inner);
      else {
        // Nothing set (e.g. site: {}): the block with example values, commented out whole.
        const sample = examples(s);
        out.push(...comment, ...(Object.keys(sample).length ? commentOut([`${indent}${key}:`, ...commentedLines(sample, s, `${indent}  `, {}, comments)], indent) : [`${indent}${key}: {}`]));
      }
      continue;
    }
    const items = s.items as JS | undefined;
    if (Array.isArray(v) && v.length && v.every(isPlainObject) && items && isPlainObject(items.properties)) {
      out.push(...comment, `${indent}${key}:`);
      v.forEach((item, i) => {
        const lines = commentedLines(item, items, `${indent}    `, {}, comments && i === 0);
        const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
        // "  - key: value" for the first key; its comment at the dash's indentation.
        out.push(...lines.slice(0, first).map((l) => `${indent}  ${l.trimStart()}`), `${indent}  - ${lines[first].slice(indent.length + 4)}`, ...lines.slice(first + 1));
      });
      continue;
    }
    out.push(...comment, ...plain(key, v, indent));
  }
  return out;
}

/** A YAML document: the modeline naming its JSON Schema (for editors), then `value` with a comment above every key. */
export function commentedYaml(value: Record<string, unknown>, schema: JS, schemaHref: string, opts: CommentOptions = {}): string {
  return `# yaml-language-server: $schema=${schemaHref}\n${commentedLines(value, schema, '', opts).join('\n')}\n`;
}
