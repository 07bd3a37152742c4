/** What every check of one model needs: its card, config, evaluation time and indexed series. */
import type { Card } from '../schema/card.ts';
import type { Config } from '../schema/config.ts';
import { WindowStats } from './noise/window-stats.ts';
import { countUpTo, indexSeries, type SeriesIndex } from './select.ts';
import type { AsOf } from './time.ts';
import type { LoadedVersion, MetricSeries, ModelData } from './input.ts';

export interface ModelContext {
  model: ModelData;
  card: Card;
  config: Config;
  asOf: AsOf;
  idx: SeriesIndex;
  champion: LoadedVersion | undefined;
  /** The version whose production series is judged: the champion, else the latest version with data. */
  servingVersion: string | undefined;
  /** Primary metric, serving version, overall. */
  primary: MetricSeries | undefined;
  /** Points of `primary` at or before the evaluation time. */
  primaryEnd: number;
  /** Range sums of a series (built once per series, shared by the checks that judge it). */
  statsOf(series: MetricSeries): WindowStats;
}

export function makeContext(model: ModelData, card: Card, config: Config, asOf: AsOf): ModelContext {
  const idx = indexSeries(model.series);
  const championId = card.deployments.find((d) => d.role === 'champion')?.version;
  const champion = model.versions.find((v) => v.version === championId);
  const metric = card.primary_metric.name;
  let servingVersion = champion?.version;
  if (!servingVersion) {
    // No champion: judge the most recently trained version that has production data.
    for (let i = model.versions.length - 1; i >= 0; i--) {
      if (idx.get(metric, model.versions[i].version)) {
        servingVersion = model.versions[i].version;
        break;
      }
    }
  }
  const primary = servingVersion ? idx.get(metric, servingVersion) : undefined;
  const stats = new Map<MetricSeries, WindowStats>();
  return {
    model, card, config, asOf, idx, champion, servingVersion, primary,
    primaryEnd: primary ? countUpTo(primary.t, asOf.endMs) : 0,
    statsOf(series) {
      let w = stats.get(series);
      if (!w) stats.set(series, (w = new WindowStats(series)));
      return w;
    },
  };
}
