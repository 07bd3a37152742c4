/**
 * Edit YAML so that the pull-request diff shows only the change. The edit itself is done on the
 * `yaml` package's Document (comments, key order, quoting and flow/block style of every node are
 * kept). Re-rendering the whole document can still reformat untouched lines (`{ a: 1 }` vs
 * `{a: 1}`, sequence indentation, long lines), so the result is merged back into the original
 * text three-way: base B = the unedited document rendered, A = the edited one rendered, O = the
 * original text. Lines that B and A agree on come from O verbatim; only regions the edit changed
 * take A's rendering (diff3 with a line LCS). The merged text is re-parsed and must equal the
 * edited document, otherwise A is used as is.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, type Document, type ToStringOptions } from 'yaml';
import { editMsg } from '../messages.ts';

const PARSE = { uniqueKeys: true, strict: true, version: '1.2' } as const;

/** Render options tried, to find the one that reproduces the original formatting best. */
const CANDIDATES: ToStringOptions[] = [];
for (const indentSeq of [true, false]) for (const flowCollectionPadding of [false, true]) for (const lineWidth of [0, 80]) CANDIDATES.push({ indentSeq, flowCollectionPadding, lineWidth });

/** Longest common subsequence matching of two line arrays: for each a-index its b-index, or -1. */
export function lcsMatch(a: string[], b: string[]): Int32Array | null {
  // Trim the common prefix and suffix first: edits are small, so the table stays tiny.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const match = new Int32Array(a.length).fill(-1);
  for (let i = 0; i < pre; i++) match[i] = i;
  for (let i = 0; i < suf; i++) match[a.length - 1 - i] = b.length - 1 - i;
  if (n === 0 || m === 0) return match;
  if (n * m > 16_000_000) return null;
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[pre + i] === b[pre + j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[pre + i] === b[pre + j]) {
      match[pre + i] = pre + j;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
    else j++;
  }
  return match;
}

function distance(a: string[], b: string[]): number {
  const m = lcsMatch(a, b);
  if (!m) return Infinity;
  let common = 0;
  for (const x of m) if (x >= 0) common++;
  return a.length + b.length - 2 * common;
}

/**
 * Three-way line merge: O (original), B (base rendering), A (edited rendering). Regions where
 * B and A agree keep O's text; regions the edit changed take A's. Null when too large to align.
 */
export function merge3(o: string[], b: string[], a: string[]): string[] | null {
  const bo = lcsMatch(b, o);
  const ba = lcsMatch(b, a);
  if (!bo || !ba) return null;
  const out: string[] = [];
  let pb = -1;
  let po = -1;
  let pa = -1;
  const flush = (nb: number, no: number, na: number) => {
    const bGap = b.slice(pb + 1, nb);
    const aGap = a.slice(pa + 1, na);
    const oGap = o.slice(po + 1, no);
    const same = bGap.length === aGap.length && bGap.every((l, k) => l === aGap[k]);
    if (same) out.push(...oGap);
    else if (bGap.length === oGap.length) {
      // Same line count: the renderer only reformatted these lines, so B's line k is O's line k.
      // Lines the edit kept come from O; changed lines from A, with O's comment column.
      const m = lcsMatch(aGap, bGap) ?? new Int32Array(aGap.length).fill(-1);
      aGap.forEach((line, j) => out.push(m[j] >= 0 ? oGap[m[j]] : alignComment(line, oGap[Math.min(j, oGap.length - 1)])));
    } else out.push(...aGap);
  };
  for (let i = 0; i < b.length; i++) {
    if (bo[i] < 0 || ba[i] < 0 || bo[i] <= po || ba[i] <= pa) continue;
    flush(i, bo[i], ba[i]);
    out.push(o[bo[i]]);
    pb = i;
    po = bo[i];
    pa = ba[i];
  }
  flush(b.length, o.length, a.length);
  return out;
}

/** Give a changed line the comment column its original line had ("key: v   # note"). */
export function alignComment(line: string, original: string | undefined): string {
  if (original === undefined) return line;
  const c = / #[^"']*$/.exec(line);
  const oc = / +#[^"']*$/.exec(original);
  if (!c || !oc) return line;
  const text = c[0].slice(1);
  if (oc[0].trimStart() !== text) return line;
  const column = oc.index + oc[0].length - text.length;
  const content = line.slice(0, c.index);
  return content.length + 1 <= column ? content.padEnd(column) + text : line;
}

export interface YamlEdit {
  /** The new text (equal to the input when the edit changed nothing). */
  text: string;
  changed: boolean;
}

/** Apply `edit` to the YAML `text` with a minimal textual change. `edit` throws to refuse. */
export function editYaml(text: string, edit: (doc: Document) => void): YamlEdit {
  const crlf = text.includes('\r\n');
  const src = crlf ? text.replace(/\r\n/g, '\n') : text;
  const doc = parseDocument(src, PARSE);
  if (doc.errors.length) throw new Error(editMsg.yamlSyntax(doc.errors[0].message.split('\n')[0]));
  const before = doc.toJS();
  const o = src.split('\n');
  let best = CANDIDATES[0];
  let bestText = '';
  let bestDist = Infinity;
  for (const opts of CANDIDATES) {
    const rendered = doc.toString(opts);
    if (rendered === src) {
      best = opts;
      bestText = rendered;
      bestDist = 0;
      break;
    }
    const d = distance(rendered.split('\n'), o);
    if (d < bestDist) {
      best = opts;
      bestText = rendered;
      bestDist = d;
    }
  }
  edit(doc);
  const after = doc.toJS();
  if (isDeepStrictEqual(before, after)) return { text, changed: false };
  const a = doc.toString(best);
  let merged = bestDist === 0 ? a : (merge3(o, bestText.split('\n'), a.split('\n'))?.join('\n') ?? a);
  if (merged !== a) {
    const check = parseDocument(merged, PARSE);
    if (check.errors.length || !isDeepStrictEqual(check.toJS(), after)) merged = a;
  }
  return { text: crlf ? merged.replace(/\n/g, '\r\n') : merged, changed: true };
}

/** Split a Markdown file with YAML front matter into opening line, YAML, and the rest (closing line on). */
export function splitFrontMatter(text: string): { open: string; yaml: string; rest: string } | null {
  const m = /^(---[ \t]*(?:ya?ml)?[ \t]*\r?\n)/.exec(text);
  if (!m) return null;
  const body = text.slice(m[1].length);
  const close = /^---[ \t]*(?:\r?\n|$)/m.exec(body);
  if (!close) return null;
  return { open: m[1], yaml: body.slice(0, close.index), rest: body.slice(close.index) };
}

/** Edit the YAML front matter of a Markdown file; the Markdown body is untouched. */
export function editFrontMatter(text: string, edit: (doc: Document) => void): YamlEdit {
  const parts = splitFrontMatter(text);
  if (!parts) throw new Error(editMsg.noFrontMatter());
  const r = editYaml(parts.yaml, edit);
  if (!r.changed) return { text, changed: false };
  const yaml = r.text.endsWith('\n') ? r.text : `${r.text}\n`;
  return { text: parts.open + yaml + parts.rest, changed: true };
}
