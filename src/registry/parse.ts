/**
 * Parsers: text in, typed value and diagnostics out. Nothing here opens a file (as changesets'
 * parse package): the reading lives in files.ts. YAML is parsed with the `yaml` package (alias
 * bombs stopped, duplicate keys refused); front matter is split by gray-matter with engines that
 * never run code; values are built by Zod, never by Object.assign on parsed objects.
 */
import matter from 'gray-matter';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { inputMsg, msg, type MessageParts } from '../messages.ts';
import { FORBIDDEN_KEYS } from '../schema/common.ts';
import { MAX_DEPTH } from '../schema/line-rules.ts';
import { jsonErrorAt, jsonProblemAt } from './json-error.ts';
import { diag, explainIssues, type Position } from './diagnostics.ts';
import type { Diagnostic } from '../core/input.ts';

export interface Parsed<T> {
  value?: T;
  diagnostics: Diagnostic[];
  /** Finds the line and column of a field, for later cross-file diagnostics. */
  locate?: Locator;
}

/** Locate a path in a parsed YAML document (the key itself when atKey). */
export type Locator = (path: PropertyKey[], atKey?: boolean) => Position | undefined;

/**
 * Find every own key named __proto__/constructor/prototype (or any other name of
 * Object.prototype) in a parsed tree. Walked with a stack, not recursion: the tree may be deep.
 */
export function findForbiddenKeys(value: unknown): PropertyKey[][] {
  const out: PropertyKey[][] = [];
  // Every object met, with its parent's index and its key there: a path is spelled out only
  // for a key found (copying it at every level would make a deep tree quadratic).
  const parents: number[] = [-1];
  const keys: PropertyKey[] = [''];
  const nodes: unknown[] = [value];
  const pathOf = (at: number, last: PropertyKey) => {
    const path = [last];
    for (let i = at; i > 0; i = parents[i]) path.push(keys[i]);
    return path.reverse();
  };
  const todo = [0];
  while (todo.length) {
    const at = todo.pop()!;
    const v = nodes[at];
    const children: [PropertyKey, unknown][] = [];
    if (Array.isArray(v)) v.forEach((c, i) => children.push([i, c]));
    else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(k)) out.push(pathOf(at, k));
        children.push([k, (v as Record<string, unknown>)[k]]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const [k, c] = children[i];
      if (c === null || typeof c !== 'object') continue;
      parents.push(at);
      keys.push(k);
      nodes.push(c);
      todo.push(nodes.length - 1);
    }
  }
  return out;
}

/**
 * The own keys and the nesting depth of a parsed tree (a scalar 0, {} or [] 1), walked with a
 * stack: JSON.parse reads a line nested 100,000 levels deep, and a recursive walk over it would
 * overflow the call stack.
 */
export function treeShape(value: unknown): { keys: number; depth: number } {
  if (value === null || typeof value !== 'object') return { keys: 0, depth: 0 };
  const nodes: object[] = [value];
  const depths: number[] = [1];
  let keys = 0;
  let depth = 0;
  while (nodes.length) {
    const v = nodes.pop()!;
    const d = depths.pop()!;
    if (d > depth) depth = d;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const c = v[i];
        if (c !== null && typeof c === 'object') {
          nodes.push(c);
          depths.push(d + 1);
        }
      }
    } else {
      const ks = Object.keys(v);
      keys += ks.length;
      for (let i = 0; i < ks.length; i++) {
        const c = (v as Record<string, unknown>)[ks[i]];
        if (c !== null && typeof c === 'object') {
          nodes.push(c);
          depths.push(d + 1);
        }
      }
    }
  }
  return { keys, depth };
}

/** The path of the first object or array at depth `limit` + 1 (the tree is known to have one); the descent stops there. */
function pathPastDepth(value: unknown, limit: number, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (path.length >= limit) return path;
  for (const [k, c] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = pathPastDepth(c, limit, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Count the keys of a JSON text: every key is a string closed right before a ':' (spaces
 * between allowed). A ':' inside a string value may add to the count, never take from it, so as
 * many as the parsed tree has keys means no key was given twice. Jumps from ':' to ':', O(line).
 */
function keyTokens(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j--;
    if (j >= 0 && text.charCodeAt(j) === 34) n++;
  }
  return n;
}

/**
 * What JSON.parse does not refuse in a text it parsed into `input`: nesting deeper than
 * MAX_DEPTH (with the depth and where it starts) or a key given twice in one object (where the
 * second is). The usual text costs one walk of the tree and one pass over its ':' characters;
 * only a text with a problem is scanned again for its position.
 */
export function jsonTreeProblem(text: string, input: unknown): { offset: number; kind: 'depth' | 'duplicate'; parts: MessageParts } | undefined {
  const shape = treeShape(input);
  if (shape.depth <= MAX_DEPTH && shape.keys === keyTokens(text)) return undefined;
  const p = jsonProblemAt(text, MAX_DEPTH);
  if (p?.kind === 'depth') return { offset: p.offset, kind: 'depth', parts: inputMsg.tooDeep(shape.depth, MAX_DEPTH) };
  if (p?.kind === 'duplicate') return { offset: p.offset, kind: 'duplicate', parts: inputMsg.duplicateKey(p.key!) };
  return undefined;
}

/** Line and column (1-based) of an offset in a text. */
function positionOf(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** A copy without forbidden keys; the tree is known to be at most MAX_DEPTH deep. */
function withoutForbiddenKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutForbiddenKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (!FORBIDDEN_KEYS.has(k)) out[k] = withoutForbiddenKeys((value as Record<string, unknown>)[k]);
  }
  return out;
}

function fieldName(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Validate a parsed value against a schema; forbidden keys are refused before the schema runs. */
export function validateValue<S extends z.ZodType>(
  schema: S,
  input: unknown,
  file: string,
  locate: Locator,
  model?: string,
  droppable?: ReadonlySet<string>,
): Parsed<z.output<S>> {
  const diagnostics: Diagnostic[] = [];
  // Nesting first: every later step (the walks below, Zod) recurses into the tree.
  const { depth } = treeShape(input);
  if (depth > MAX_DEPTH) {
    const path = pathPastDepth(input, MAX_DEPTH) ?? [];
    // The field: where the nesting starts (its full path would be 64 names long).
    const field = path.length > 3 ? `${fieldName(path.slice(0, 3))}...` : fieldName(path);
    diagnostics.push(diag('error', file, inputMsg.tooDeep(depth, MAX_DEPTH), { ...locate(path), field, model }));
    return { diagnostics };
  }
  const forbidden = findForbiddenKeys(input);
  if (forbidden.length) {
    for (const p of forbidden) {
      const pos = locate(p, true);
      diagnostics.push(diag('error', file, inputMsg.forbiddenKey(String(p[p.length - 1])), { ...pos, field: fieldName(p), model }));
    }
    // Report the file's other problems too, checked on a copy without the forbidden keys; the value is refused.
    const rest = schema.safeParse(withoutForbiddenKeys(input));
    if (!rest.success) {
      for (const issue of explainIssues(schema, rest.error.issues, input)) {
        if (issue.path.some((k) => FORBIDDEN_KEYS.has(String(k)))) continue;
        diagnostics.push(diag('error', file, issue.parts, { ...locate(issue.path, issue.atKey), field: fieldName(issue.path), model }));
      }
    }
    return { diagnostics };
  }
  const r = schema.safeParse(input);
  if (r.success) return { value: r.data, diagnostics };
  for (const issue of explainIssues(schema, r.error.issues, input)) {
    const pos = locate(issue.path, issue.atKey);
    diagnostics.push(diag('error', file, issue.parts, { ...pos, field: fieldName(issue.path), model }));
  }
  const salvaged = droppable ? salvage(schema, input, r.error.issues, droppable) : undefined;
  if (salvaged) {
    diagnostics.push(diag('warning', file, msg.salvaged(salvaged.dropped), { model }));
    return { value: salvaged.value, diagnostics };
  }
  return { diagnostics };
}

/**
 * The value without the top-level keys that have problems, when every such key is unknown or in
 * `droppable` (optional fields, e.g. a card's tags or software limits) and the rest is valid: one
 * bad field should not hide a model's whole page. The errors are still reported.
 */
function salvage<S extends z.ZodType>(schema: S, input: unknown, issues: z.core.$ZodIssue[], droppable: ReadonlySet<string>): { value: z.output<S>; dropped: string[] } | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const known = new Set(Object.keys(input));
  const drop = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const k of issue.keys) drop.add(k);
      continue;
    }
    const key = issue.path[0];
    if (typeof key !== 'string' || !droppable.has(key) || !known.has(key)) return undefined;
    drop.add(key);
  }
  if (drop.size === 0) return undefined;
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !drop.has(k)));
  const again = schema.safeParse(rest);
  return again.success ? { value: again.data, dropped: [...drop].sort() } : undefined;
}

function yamlLocator(doc: ReturnType<typeof parseDocument>, lc: LineCounter, lineOffset: number): Locator {
  const at = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line + lineOffset, col: p.col };
  };
  return (path, atKey) => {
    let node: unknown = doc.contents;
    let last: Position | undefined = node && (node as YamlNode).range ? at((node as YamlNode).range![0]) : undefined;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(key));
        if (!pair) return last;
        const keyNode = pair.key as YamlNode;
        if (i === path.length - 1 && atKey && keyNode.range) return at(keyNode.range[0]);
        node = pair.value;
        if (keyNode.range) last = at(keyNode.range[0]);
        if (node && (node as YamlNode).range) last = at((node as YamlNode).range![0]);
      } else if (isSeq(node)) {
        node = node.items[Number(key)];
        if (node && (node as YamlNode).range) last = at((node as YamlNode).range![0]);
        else return last;
      } else return last;
    }
    return last;
  };
}

/**
 * Parse one YAML (or JSON) document into a schema's output. `lineOffset` shifts reported lines
 * (front matter starts below its opening --- line).
 */
export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  opts: { lineOffset?: number; model?: string; droppable?: ReadonlySet<string> } = {},
): Parsed<z.output<S>> {
  const lineOffset = opts.lineOffset ?? 0;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  const diagnostics: Diagnostic[] = [];
  // The first syntax error only: the parser's later ones follow from it and point further away.
  const e = doc.errors[0];
  if (e) {
    const p = lc.linePos(e.pos[0]);
    const errLine = text.split('\n')[p.line - 1];
    // A tab in the indentation is the usual cause of a YAML file that looks right in an editor;
    // the parser's own words ("Tabs are not allowed as indentation") do not say what to type instead.
    if (errLine !== undefined && (e.code === 'TAB_AS_INDENT' || /^ *\t/.test(errLine))) {
      diagnostics.push(diag('error', file, msg.yamlTabIndent(p.line + lineOffset, errLine.replace(/\r$/, '')), { line: p.line + lineOffset, col: 1, model: opts.model }));
      return { diagnostics };
    }
    // The yaml library catches its own stack overflow on deep nesting and reports it as a syntax error.
    if (/Maximum call stack size exceeded/.test(e.message)) {
      diagnostics.push(diag('error', file, inputMsg.tooDeep(undefined, MAX_DEPTH), { line: p.line + lineOffset, col: p.col, model: opts.model }));
      return { diagnostics };
    }
    const why = e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    const clip = (t: string) => (t.length > 80 ? `${t.slice(0, 80)}...` : t);
    const line = text.split('\n')[p.line - 1];
    const more = doc.errors.length > 1 ? `; ${doc.errors.length - 1} more after it, likely from the same mistake` : '';
    diagnostics.push(diag('error', file, msg.yamlSyntax(`${why}${line !== undefined && line.trim() ? ` in line "${clip(line.trim())}"` : ''}${more}`), { line: p.line + lineOffset, col: p.col, model: opts.model }));
    return { diagnostics };
  }
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // The yaml library's alias guard (maxAliasCount) throws a ReferenceError and gives no code;
    // its other failures here are syntax it could not resolve.
    const alias = e instanceof ReferenceError;
    diagnostics.push(diag('error', file, alias ? msg.yamlAliases() : msg.yamlSyntax((e as Error).message), { line: 1 + lineOffset, col: 1, model: opts.model }));
    return { diagnostics };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    diagnostics.push(diag('error', file, msg.yamlNotMapping(), { line: 1 + lineOffset, col: 1, model: opts.model }));
    return { diagnostics };
  }
  const locate = yamlLocator(doc, lc, lineOffset);
  return { ...validateValue(schema, input, file, locate, opts.model, opts.droppable), locate };
}

/**
 * Parse a JSON document (reference.json) into a schema's output. The common case, valid JSON that
 * the schema accepts, takes JSON.parse (about twenty times quicker than the YAML parser on a
 * reference with many histograms); the locator for later cross-file diagnostics then parses the
 * YAML document only when it is first asked. Nesting over MAX_DEPTH is refused where it starts;
 * anything else (a syntax error, a duplicate key, which JSON.parse would silently resolve, a
 * schema error) goes through parseYaml, so every diagnostic and its position are exactly those
 * of the YAML path.
 */
export function parseJsonDocument<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  opts: { model?: string } = {},
): Parsed<z.output<S>> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return parseYaml(text, file, schema, opts);
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return parseYaml(text, file, schema, opts);
  // Nesting over the limit (which the YAML parser could not read either) is refused where it
  // starts; a key given twice (JSON.parse keeps the last one) takes the YAML path, which refuses it.
  const problem = jsonTreeProblem(text, input);
  if (problem?.kind === 'depth') return { diagnostics: [diag('error', file, problem.parts, { ...positionOf(text, problem.offset), model: opts.model })] };
  if (problem) return parseYaml(text, file, schema, opts);
  let locate: Locator | undefined;
  const lazy: Locator = (path, atKey) => {
    locate ??= parseYaml(text, file, schema, opts).locate ?? (() => undefined);
    return locate(path, atKey);
  };
  const r = validateValue(schema, input, file, lazy, opts.model);
  if (r.diagnostics.length) return parseYaml(text, file, schema, opts);
  return { ...r, locate: lazy };
}

class RefusedLanguage extends Error {}
const refuse = (lang: string) => () => {
  throw new RefusedLanguage(lang);
};
/** gray-matter engines: YAML is only split here (parsed with positions by parseYaml); code front matter is refused. */
const SAFE_ENGINES = {
  yaml: { parse: () => ({}), stringify: () => '' },
  js: { parse: refuse('js'), stringify: () => '' },
  javascript: { parse: refuse('javascript'), stringify: () => '' },
  coffee: { parse: refuse('coffee'), stringify: () => '' },
  coffeescript: { parse: refuse('coffeescript'), stringify: () => '' },
  toml: { parse: refuse('toml'), stringify: () => '' },
  json: { parse: refuse('json'), stringify: () => '' },
};

export interface ParsedCard<T> extends Parsed<T> {
  body: string;
}

/** Parse a model card: YAML front matter validated by `schema`, Markdown body returned as text. */
export function parseFrontMatter<S extends z.ZodType>(raw: string, file: string, schema: S, model?: string, droppable?: ReadonlySet<string>): ParsedCard<z.output<S>> {
  // Windows line endings: gray-matter splits at "\n---" and leaves the carriage return of the
  // front matter's last line, which YAML then reads as a stray character. Lines keep their numbers.
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  const firstLine = text.split('\n', 1)[0].trim();
  if (!firstLine.startsWith('---')) {
    return { body: text, diagnostics: [diag('error', file, msg.frontMatterMissing(), { line: 1, col: 1, model })] };
  }
  const lang = firstLine.slice(3).trim().toLowerCase();
  if (lang && lang !== 'yaml' && lang !== 'yml') {
    return { body: '', diagnostics: [diag('error', file, msg.frontMatterLanguage(lang), { line: 1, col: 1, model })] };
  }
  let fm: { matter: string; content: string };
  try {
    // An options object is always passed: without one gray-matter caches results by content.
    fm = matter(text, { engines: SAFE_ENGINES as never, language: 'yaml' }) as unknown as { matter: string; content: string };
  } catch (e) {
    const parts = e instanceof RefusedLanguage ? msg.frontMatterLanguage(e.message) : msg.yamlSyntax(String((e as Error).message));
    return { body: '', diagnostics: [diag('error', file, parts, { line: 1, col: 1, model })] };
  }
  const closed = /\n---[ \t]*(\r?\n|$)/.test(text.slice(firstLine.length));
  if (!closed) return { body: '', diagnostics: [diag('error', file, msg.frontMatterMissing(), { line: 1, col: 1, model })] };
  // gray-matter's `matter` starts right after the opening line, usually with its newline.
  const fmText = fm.matter.startsWith('\n') ? fm.matter.slice(1) : fm.matter.replace(/^\r\n/, '');
  const parsed = parseYaml(fmText, file, schema, { lineOffset: 1, model, droppable });
  return { ...parsed, body: fm.content };
}

/** Default limit on one NDJSON line. */
export const MAX_LINE_CHARS = 1_000_000;

export interface NdjsonRecord<T> {
  value: T;
  line: number;
}

function jsonLineLocator(lineText: string, line: number): Locator {
  return (path) => {
    const key = [...path].reverse().find((k) => typeof k === 'string');
    if (typeof key === 'string') {
      const idx = lineText.indexOf(JSON.stringify(key));
      if (idx >= 0) return { line, col: idx + 1 };
    }
    return { line, col: 1 };
  };
}

/**
 * A quick reader of one line: given the text and the line's bounds (start inclusive, end
 * exclusive, without the newline or a trailing carriage return), it returns the record when it
 * is sure the line is valid, or undefined to let the line take the full path (JSON.parse, the
 * fast check, then the schema, which writes any diagnostic). It must never accept a line the
 * full path would reject.
 */
export type LineScan<R> = (bytes: Buffer, start: number, end: number) => R | undefined;

/**
 * Parse NDJSON: one JSON object per line, each validated by `schema` (or by `schemaFor(line)`
 * when a file holds more than one kind of line). A malformed line is an error naming its line;
 * the other lines still load. The input is text, or the bytes of a plain ASCII file; `scan`
 * reads the common lines straight from such bytes, `fast` checks parsed objects; both only ever
 * accept what the schema accepts.
 */
export function parseNdjson<S extends z.ZodType, R = z.output<S>>(
  text: string | Buffer,
  file: string,
  schema: S,
  onRecord: (rec: NdjsonRecord<R>) => void,
  opts: {
    model?: string;
    maxLineChars?: number;
    fast?: (v: unknown) => R | undefined;
    scan?: LineScan<R>;
    schemaFor?: (input: object) => z.ZodType;
  } = {},
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const maxLine = opts.maxLineChars ?? MAX_LINE_CHARS;
  const scan = opts.scan;
  const rec: NdjsonRecord<R> = { value: undefined as R, line: 0 };
  let start = 0;
  let lineNo = 0;
  const bytes = typeof text === 'string' ? undefined : text;
  while (start <= text.length) {
    let end = bytes ? bytes.indexOf(10, start) : (text as string).indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const lineStart = start;
    start = end + 1;
    if (scan !== undefined && bytes !== undefined) {
      const lineEnd = end > lineStart && bytes[end - 1] === 13 ? end - 1 : end;
      if (lineEnd - lineStart <= maxLine) {
        const quick = scan(bytes, lineStart, lineEnd);
        if (quick !== undefined) {
          rec.value = quick;
          rec.line = lineNo;
          onRecord(rec);
          continue;
        }
      }
    }
    // ASCII bytes: latin1 decoding is exact.
    let lineText = bytes ? bytes.toString('latin1', lineStart, end) : (text as string).slice(lineStart, end);
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
    if (lineText.trim() === '') {
      if (end === text.length) break;
      continue;
    }
    if (lineText.length > maxLine) {
      diagnostics.push(diag('error', file, msg.lineTooLong(lineText.length, maxLine), { line: lineNo, col: 1, model: opts.model }));
      continue;
    }
    let input: unknown;
    try {
      input = JSON.parse(lineText);
    } catch {
      const at = jsonErrorAt(lineText, MAX_DEPTH);
      const parts = at.kind === 'depth' ? inputMsg.tooDeep(undefined, MAX_DEPTH) : msg.jsonSyntax(at.message);
      diagnostics.push(diag('error', file, parts, { line: lineNo, col: at.offset + 1, model: opts.model }));
      continue;
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      diagnostics.push(diag('error', file, msg.jsonNotObject(), { line: lineNo, col: 1, model: opts.model }));
      continue;
    }
    // Before the fast check: it would take the last of two "value" keys, as JSON.parse did.
    const problem = jsonTreeProblem(lineText, input);
    if (problem) {
      diagnostics.push(diag('error', file, problem.parts, { line: lineNo, col: problem.offset + 1, model: opts.model }));
      continue;
    }
    const quick = opts.fast?.(input);
    if (quick !== undefined) {
      onRecord({ value: quick, line: lineNo });
      continue;
    }
    const r = validateValue(opts.schemaFor?.(input) ?? schema, input, file, jsonLineLocator(lineText, lineNo), opts.model);
    if (r.diagnostics.length) diagnostics.push(...r.diagnostics);
    else onRecord({ value: r.value as R, line: lineNo });
  }
  return diagnostics;
}

/**
 * The top-level `key: value` lines of a front matter that does not parse or validate, for the keys
 * asked: enough to keep a broken card's model in its team, under its name and lifecycle, while its
 * errors are fixed. Read line by line, so a syntax error elsewhere does not hide them; only plain
 * or quoted scalars on one line are taken (the caller checks each against its schema).
 */
export function frontMatterScalars(raw: string, keys: readonly string[]): Record<string, string> {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!lines[0]?.trim().startsWith('---')) return {};
  const out: Record<string, string> = {};
  for (let i = 1; i < lines.length && !/^---\s*$/.test(lines[i]); i++) {
    const m = /^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*$/.exec(lines[i]);
    if (!m || !keys.includes(m[1]) || Object.hasOwn(out, m[1])) continue;
    let v = m[2].replace(/[ \t]+#.*$/, '');
    const q = /^(["'])(.*)\1$/.exec(v);
    if (q) v = q[2];
    else if (/^["'[{|>&*!]/.test(v)) continue;
    if (v !== '') out[m[1]] = v;
  }
  return out;
}
