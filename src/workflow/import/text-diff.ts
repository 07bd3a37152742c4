/**
 * A unified diff of two texts (`--- a/FILE`, `+++ b/FILE`, `@@` hunks with two lines of context),
 * for `spog import --dry-run`: what each file would become, as a pull request would show it.
 * Lines are matched by their longest common subsequence (yaml-edit.ts lcsMatch).
 */
import { lcsMatch } from '../yaml-edit.ts';

type Op = { kind: ' ' | '-' | '+'; line: string };

function ops(a: string[], b: string[]): Op[] {
  const match = lcsMatch(a, b);
  // Too large to align: the whole file is replaced.
  if (!match) return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
  const out: Op[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (match[i] < 0) {
      out.push({ kind: '-', line: a[i] });
      continue;
    }
    while (j < match[i]) out.push({ kind: '+', line: b[j++] });
    out.push({ kind: ' ', line: a[i] });
    j++;
  }
  while (j < b.length) out.push({ kind: '+', line: b[j++] });
  return out;
}

const lines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));

/** The unified diff of `before` (null: a new file) and `after` for `file`; empty when they are equal. */
export function unifiedDiff(file: string, before: string | null, after: string, context = 2): string {
  if (before === after) return '';
  const all = ops(lines(before ?? ''), lines(after));
  const out = [`--- ${before === null ? '/dev/null' : `a/${file}`}`, `+++ b/${file}`];
  let i = 0;
  while (i < all.length) {
    if (all[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within two contexts.
    for (let k = i; k < all.length; k++) {
      if (all[k].kind !== ' ') end = k;
      else if (k - end > 2 * context) break;
    }
    end = Math.min(all.length - 1, end + context);
    const aStart = all.slice(0, start).filter((o) => o.kind !== '+').length;
    const bStart = all.slice(0, start).filter((o) => o.kind !== '-').length;
    const hunk = all.slice(start, end + 1);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`, ...hunk.map((o) => `${o.kind}${o.line}`));
    i = end + 1;
  }
  return `${out.join('\n')}\n`;
}
