/**
 * "Did you mean" for metric names, which are free text shared by the card, the version files and
 * the metric lines: a name is close to another when they differ by a typo (at most 2 edits, or a
 * third of the name) or when one is the other with a qualifier ("roc_auc" and "auc", "auc_7d").
 */
import { editDistance } from './edit-distance.ts';

const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** The known metric name closest to `name`, or undefined when none is close. */
export function suggestMetric(name: string, known: readonly string[]): string | undefined {
  const own = tokens(name);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    if (k === name) continue;
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    const typo = d <= Math.max(2, Math.floor(name.length / 3));
    const kt = tokens(k);
    const qualified = own.length !== kt.length && (own.every((t) => kt.includes(t)) || kt.every((t) => own.includes(t)));
    if (!typo && !qualified) continue;
    const score = typo ? d : 10 + Math.abs(own.length - kt.length);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}
