/**
 * Generates the embedded demo registry (registry/) from real public data, deterministically.
 *
 *   npm run demo                      # rewrites registry/models and registry/spog.yaml
 *   node scripts/gen-demo.ts --out DIR
 *
 * Real data come from the `vega-datasets` package (NOAA weather 2012-2015, BTS flights 2001,
 * European football 2013-2017); small learners in scripts/demo/learn.ts are trained on an early
 * period and scored day by day on a later one, and every metric and feature window is computed
 * from those rows. Dates are moved onto a timeline whose live series end on the pinned
 * "as of" day (2026-10-31; spog evaluates at the end of that day); see scripts/demo/time.ts. Synthetic data are used only where no real
 * data set can show the state (fairness by sex, serving latency), and those cards say so.
 * Same code, same bytes: seeded PRNG (mulberry32), no clock, fixed key order, numbers rounded
 * to six significant digits. After generation the primary-metric and staleness states are
 * recomputed (scripts/demo/check.ts) and the run fails if a model misses its intended state.
 *
 * Model -> intended state at "as of" (and why):
 *
 * | model                 | team             | lifecycle   | intended state                                                        | data |
 * |-----------------------|------------------|-------------|-----------------------------------------------------------------------|------|
 * | seattle-temp-max      | weather-science  | production  | green: 28-day RMSE below test value (history: red in summer heat)      | real |
 * | seattle-temp-min      | weather-science  | production  | green all along; no seasonal false alarm against monthly references   | real |
 * | seattle-rain-tomorrow | weather-science  | production  | red: AUC ~0.54 vs 0.75; challenger v3 ahead, comparison: not enough data | real |
 * | nyc-temp-max          | weather-science  | production  | red: Seattle model reused in New York; data drift + prediction drift  | real |
 * | nyc-temp-min          | weather-science  | production  | amber: prediction drift vs the Octobers of training; RMSE within noise | real |
 * | seattle-precip-amount | weather-science  | production  | stale red: no metrics since 2026-10-19 (outage invented)              | real, cut |
 * | seattle-weather-type  | weather-science  | staging     | staging trial; red if evaluated (fog labels surge in October)         | real |
 * | seattle-hourly-temp   | weather-science  | development | no deployment, nightly dev backtest of v1/v2                          | real (NOAA normals) |
 * | flight-delay-risk     | airport-ops      | production  | green; v4 is a 10% canary beside champion v3                          | real + synthetic latency |
 * | flight-delay-minutes  | airport-ops      | production  | latency problem: p95 ~3x its limit since 2026-10-19; MAE green        | real + synthetic latency |
 * | flight-severe-delay   | airport-ops      | production  | unknown: deployed 2026-10-29, 3 points (< min_points 5)               | real |
 * | flight-on-time        | airport-ops      | production  | green: daily AUC at its expected level, no drift                      | real |
 * | match-outcome         | sports-analytics | retraining  | season over (last metric 2026-05-31), refit in progress               | real |
 * | goals-over-2-5        | sports-analytics | offline     | switched off after the season (partner feed ended)                    | real |
 * | home-win-legacy       | sports-analytics | retired     | retired 2025-06-30, no deployments, versions retired                  | real |
 * | loan-default          | credit-risk      | production  | fairness: approval ratio women/men ~0.65 < 0.8, AUC gap ~8%; AUC green | synthetic |
 * | card-fraud            | credit-risk      | production  | prediction drift since 2026-10-20 (2 of 6 inputs drift); AUC green    | synthetic |
 * | income-estimate       | credit-risk      | production  | data quality: null_rate ~9% vs limit 5% since 2026-10-22; MAE green   | synthetic |
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mismatches, observe } from './demo/check.ts';
import { nycTempMax, nycTempMin, seattleTempMax, seattleTempMin } from './demo/models/temperature.ts';
import { seattleRainTomorrow } from './demo/models/rain.ts';
import { seattlePrecipAmount } from './demo/models/precip.ts';
import { seattleWeatherType } from './demo/models/weather-type.ts';
import { seattleHourlyTemp } from './demo/models/hourly.ts';
import { flightDelayMinutes, flightDelayRisk, flightOnTime, flightSevereDelay } from './demo/models/flights.ts';
import { goalsOver25, homeWinLegacy, matchOutcome } from './demo/models/football.ts';
import { cardFraud, incomeEstimate, loanDefault } from './demo/models/credit.ts';
import { CONFIG, ENGINE_CONFIG } from './demo/config.ts';
import { writeIncidents } from './demo/incidents.ts';
import { AS_OF } from './demo/time.ts';
import type { ModelBundle } from './demo/types.ts';
import { clearOutput, writeConfig, writeGitattributes, writeModel } from './demo/writer.ts';

/** Every model of the demo, in the order of the table above. */
export const BUILDERS: (() => ModelBundle)[] = [
  seattleTempMax,
  seattleTempMin,
  seattleRainTomorrow,
  nycTempMax,
  nycTempMin,
  seattlePrecipAmount,
  seattleWeatherType,
  seattleHourlyTemp,
  flightDelayRisk,
  flightDelayMinutes,
  flightSevereDelay,
  flightOnTime,
  matchOutcome,
  goalsOver25,
  homeWinLegacy,
  loanDefault,
  cardFraud,
  incomeEstimate,
];

/** Builds every model, checks the intended states, and writes the registry to `out` (incidents: writeIncidents after). */
export function generate(out: string): ModelBundle[] {
  const models = BUILDERS.map((b) => b());
  const wrong = mismatches(models, ENGINE_CONFIG);
  if (wrong.length > 0) throw new Error(`demo models miss their intended state:\n${wrong.join('\n')}`);
  clearOutput(out);
  writeConfig(out, CONFIG);
  writeGitattributes(out);
  for (const m of models) writeModel(out, m);
  return models;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'registry' } } });
  const out = resolve(values.out ?? 'registry');
  const t0 = performance.now();
  const models = generate(out);
  const incidents = await writeIncidents(out);
  const ms = Math.round(performance.now() - t0);
  for (const m of models) {
    const o = observe(m, ENGINE_CONFIG);
    const detail = o.shortfall !== undefined ? ` shortfall ${o.shortfall}${o.noise !== undefined ? ` noise ${o.noise}` : ''}` : '';
    console.log(`${m.id.padEnd(22)} ${m.card.lifecycle.padEnd(11)} ${o.health.padEnd(7)} primary ${o.primary.padEnd(7)} stale ${o.stale.padEnd(5)}${detail}  ${m.intended.summary}`);
  }
  for (const line of incidents) console.log(line);
  console.log(`wrote ${models.length} models and ${incidents.length} incident steps to ${out} in ${ms} ms (as of ${AS_OF})`);
}

if (import.meta.main) await main();
