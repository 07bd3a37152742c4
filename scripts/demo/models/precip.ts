/**
 * seattle-precip-amount: how much rain tomorrow (mm)? Ridge regression, MAE. Stale at "as of":
 * the nightly scoring job has written nothing since 2026-10-19. The data up to that day are
 * real; the outage is the demo's invention (the series is simply cut).
 */
import { cardBody, commitOf, dataHash, evals, evalTable, metrics, rounded, sampleWindow } from '../build.ts';
import { fitLinear, predictLinear, rawCoefficients, type Linear } from '../learn.ts';
import { bias, mae, rmse } from '../stats.ts';
import { dayRange } from '../time.ts';
import type { ModelBundle, VersionIn } from '../types.ts';
import { weekEnds, realPeriod, trailing, weatherProvenance, weatherRows, WX_INPUTS, WX_PLACES, xSeason, type WxRow } from './weather-common.ts';

/** Last nightly run before the outage. */
const LAST_RUN = '2026-10-19';

export function seattlePrecipAmount(): ModelBundle {
  const id = 'seattle-precip-amount';
  const rows = weatherRows('Seattle');
  const train = realPeriod(rows, '2012-01-01', '2013-12-31');
  const test = realPeriod(rows, '2014-01-01', '2014-12-31');
  const names = ['precipitation', 'temp_max', 'temp_min', 'wind', 'season_sin', 'season_cos'];
  const model: Linear = fitLinear(train.map(xSeason), train.map((r) => r.next.precipitation));
  // Rain cannot be negative: the served forecast is clipped at 0.
  const pred = (r: WxRow): number => Math.max(0, predictLinear(model, xSeason(r)));
  const score = (w: WxRow[]): Record<string, number> => {
    const p = w.map(pred);
    const a = w.map((r) => r.next.precipitation);
    return { mae: mae(p, a), rmse: rmse(p, a), bias: bias(p, a) };
  };
  const versions: VersionIn[] = [
    {
      version: 'v1',
      trained_at: '2026-02-10T12:00:00Z',
      author: 'sam.okafor@example.org',
      code: { repo: 'github.com/example-weather/precip-classifier', commit: commitOf(id, 'v1'), path: 'train_amount.py' },
      data: [
        { name: 'train', uri: 's3://wx-lake/precip-amount/train-v1.parquet', hash: dataHash(train.map((r) => [r.cur, r.next.precipitation])), rows: train.length, from: train[0].day, to: train[train.length - 1].day },
        { name: 'test', uri: 's3://wx-lake/precip-amount/test-v1.parquet', hash: dataHash(test.map((r) => [r.cur, r.next.precipitation])), rows: test.length, from: test[0].day, to: test[test.length - 1].day },
      ],
      params: { algorithm: 'ridge-regression', l2: 1e-4, clip_min: 0, target: 'precipitation (next day, mm)', features: names.join(','), ...evals(rawCoefficients(model, names)) },
      metrics: evals(score(test)),
      notes: 'Linear baseline, clipped at zero.',
    },
  ];
  const L = 28;
  const from = '2026-05-01';
  const lines = dayRange(from, LAST_RUN).flatMap((day) => {
    const w = trailing(rows, day, L);
    return metrics(day, 'v1', score(w), w.length);
  });
  const windows = weekEnds(from, LAST_RUN).flatMap((end) => {
    const w = trailing(rows, end, 7);
    return [...WX_INPUTS.map((k) => sampleWindow(end, 'v1', k, w.map((r) => r.cur[k]), WX_PLACES)), sampleWindow(end, 'v1', 'prediction', w.map(pred), 2, 'prediction')];
  });
  const features: Record<string, { type: 'numeric'; sample: number[] }> = {};
  for (const k of WX_INPUTS) features[k] = { type: 'numeric', sample: rounded(train.map((r) => r.cur[k]), WX_PLACES) };
  const body = cardBody({
    title: 'Seattle precipitation amount',
    purpose: `Forecasts tomorrow's precipitation in Seattle (mm). The storm-water team uses it to decide when to lower the
retention basins ahead of heavy rain.`,
    data: `Daily observations at one Seattle station; trained on ${train.length} days, tested on the following year (${test.length} days).
Precipitation is heavily skewed: most days are dry or near dry, a few bring 20-50 mm.`,
    model: `Ridge regression on today's observations and the annual cycle, clipped at 0 mm.`,
    evaluation: `Out-of-time test, mm:\n\n${evalTable(versions, ['mae', 'rmse', 'bias'])}`,
    limitations: `- **Known issue (open):** no metrics since ${LAST_RUN}. The nightly scoring job fails since the upstream
  observations table was renamed; forecasts are still served, but nobody is checking them. Health is stale.
- A linear model on daily data cannot forecast heavy-rain days; it predicts the wet-season average. MAE is the
  primary metric because RMSE is dominated by a handful of storms.`,
    usage: `Batch table \`wx.precip_amount_forecast\` (mm). Use as a seasonal-level signal, not as a storm warning.`,
    monitoring: `Nightly over the trailing 28 days: \`mae\` (primary), \`rmse\`, \`bias\` (mm). Weekly windows of the inputs and forecasts.`,
    provenance: weatherProvenance(`The observations up to ${LAST_RUN} are real; the outage after it is invented for the demo (the series is cut there).`),
  });
  return {
    id,
    intended: { primary: 'unknown', stale: 'red', summary: `stale (red): last metric ${LAST_RUN}, 11 days before "as of"; no points in the last 10 days`, source: 'real: seattle-weather 2015, cut on 2015-10-19 (outage invented)' },
    card: {
      name: 'Seattle precipitation amount',
      summary: "Tomorrow's precipitation in Seattle (mm), for storm-water basin management.",
      owners: ['sam.okafor@example.org'],
      team: 'weather-science',
      task: 'regression',
      lifecycle: 'production',
      primary_metric: { name: 'mae', direction: 'lower_is_better', label: 'MAE, mm (28 days)' },
      deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod-us-west', since: '2026-02-16', endpoint: 'batch/wx-precip-amount' }],
      tags: ['weather', 'forecasting'],
      consumers: [{ name: 'Storm-water operations', contact: 'stormwater@example.org' }],
      links: { incident: 'https://status.example.org/incidents/wx-2026-10-20' },
    },
    body,
    versions,
    metrics: lines,
    reference: { version: 'v1', created_at: versions[0].trained_at, features, prediction: { type: 'numeric', sample: rounded(train.map(pred), 2) } },
    windows,
  };
}
