/** The Student t quantiles the noise bounds use, remembered. */
import { normalQuantile } from '../stats/normal-quantile.ts';
import { studentTQuantile } from '../stats/student-t.ts';

const quantiles = new Map<number, Map<number, number>>();

/** Student t quantile, remembered: the day walk asks for the same few hundred (confidence, df) pairs millions of times. */
export function tQuantile(confidence: number, df: number): number {
  let byDf = quantiles.get(confidence);
  if (!byDf) quantiles.set(confidence, (byDf = new Map()));
  let q = byDf.get(df);
  if (q === undefined) {
    q = df === Infinity ? normalQuantile(confidence) : studentTQuantile(confidence, df);
    if (byDf.size > 10_000) byDf.clear();
    byDf.set(df, q);
  }
  return q;
}
