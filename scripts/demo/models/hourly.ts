/**
 * seattle-hourly-temp: a 24-hour-ahead hourly temperature forecaster in development. Trained on
 * NOAA's hourly climate normals for Seattle (the "typical year", 1981-2010), which stand in
 * for a live hourly feed. No deployment; a nightly backtest job in the development
 * environment scores both versions. Real data.
 */
import { cardBody, commitOf, dataHash, evals, evalTable, metrics } from '../build.ts';
import { loadHourlyNormals, type HourlyNormal } from '../data.ts';
import { fitLinear, predictLinear, rawCoefficients } from '../learn.ts';
import { bias, mae, rmse } from '../stats.ts';
import { dayRange, LAST_DAY } from '../time.ts';
import type { ModelBundle, VersionIn } from '../types.ts';

interface Hour {
  /** Demo time: the normals' month, day and hour laid on 2026. */
  day: string;
  hour: number;
  doy: number;
  t: HourlyNormal;
  /** Same hour one day and two days before. */
  lag24: HourlyNormal;
  lag48: HourlyNormal;
}

function hours(): Hour[] {
  const n = loadHourlyNormals();
  const out: Hour[] = [];
  for (let i = 48; i < n.length; i++) {
    const day = `2026${n[i].time.slice(4, 10)}`;
    out.push({ day, hour: Number(n[i].time.slice(11, 13)), doy: Math.floor(i / 24), t: n[i], lag24: n[i - 24], lag48: n[i - 48] });
  }
  return out;
}

const x = (h: Hour): number[] => {
  const a = (2 * Math.PI * h.hour) / 24;
  return [h.lag24.temperature, h.lag48.temperature, h.lag24.pressure - h.lag48.pressure, h.lag24.wind, Math.sin(a), Math.cos(a)];
};
const NAMES = ['temperature_lag24', 'temperature_lag48', 'pressure_change_24h', 'wind_lag24', 'hour_sin', 'hour_cos'];

export function seattleHourlyTemp(): ModelBundle {
  const id = 'seattle-hourly-temp';
  const all = hours();
  const train = all.filter((h) => h.day >= '2026-01-03' && h.day <= '2026-06-30');
  const test = all.filter((h) => h.day >= '2026-07-01' && h.day <= '2026-08-31');
  const lin = fitLinear(train.map(x), train.map((h) => h.t.temperature));
  const forecast: Record<string, (h: Hour) => number> = { v1: (h) => h.lag24.temperature, v2: (h) => predictLinear(lin, x(h)) };
  const score = (v: string, hs: Hour[]): Record<string, number> => {
    const p = hs.map(forecast[v]);
    const a = hs.map((h) => h.t.temperature);
    return { mae: mae(p, a), rmse: rmse(p, a), bias: bias(p, a) };
  };
  const common = (v: string): VersionIn => ({
    version: v,
    trained_at: v === 'v1' ? '2026-09-02T09:00:00Z' : '2026-09-16T17:20:00Z',
    author: 'jonas.weber@example.org',
    code: { repo: 'github.com/example-weather/hourly-forecast', commit: commitOf(id, v), path: v === 'v1' ? 'baselines/seasonal_naive.py' : 'models/linear_lags.py' },
    data: [
      { name: 'train', uri: 's3://wx-lake/hourly/normals-2026H1.parquet', hash: dataHash(train.map((h) => h.t)), rows: train.length, from: train[0].day, to: train[train.length - 1].day },
      { name: 'test', uri: 's3://wx-lake/hourly/normals-2026-07-08.parquet', hash: dataHash(test.map((h) => h.t)), rows: test.length, from: test[0].day, to: test[test.length - 1].day },
    ],
  });
  const versions: VersionIn[] = [
    { ...common('v1'), params: { algorithm: 'seasonal-naive', season_hours: 24 }, metrics: evals(score('v1', test)), notes: 'Baseline: tomorrow at hour h equals today at hour h.' },
    {
      ...common('v2'),
      parent: 'v1',
      params: { algorithm: 'ridge-regression', l2: 1e-4, horizon_hours: 24, features: NAMES.join(','), ...evals(rawCoefficients(lin, NAMES)) },
      metrics: evals(score('v2', test)),
      notes: 'Linear model on the same hour one and two days before, the 24-hour pressure change and the hour of day.',
    },
  ];
  const from = '2026-09-17';
  const lines = dayRange(from, LAST_DAY).flatMap((day) => {
    const hs = all.filter((h) => h.day === day);
    return ['v1', 'v2'].flatMap((v) => metrics(day, v, score(v, hs), hs.length));
  });
  const meanOf = (v: string): number => {
    const xs = lines.filter((l) => l.version === v && l.metric === 'mae').map((l) => l.value);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const backtest = { v1: meanOf('v1'), v2: meanOf('v2') };
  const body = cardBody({
    title: 'Seattle hourly temperature (24 h ahead)',
    purpose: `Will forecast the temperature for each hour of tomorrow, for the district-heating plant's hourly dispatch. In
development: not deployed, not used for decisions.`,
    data: `NOAA hourly climate normals for Seattle (the average of 1981-2010 for each hour of the year) stand in for the live
hourly feed until the data contract with the sensor provider is signed. Training: January to June
(${train.length} hours); test: July and August (${test.length} hours).`,
    model: `v1 is the seasonal-naive baseline (same hour yesterday). v2 is a ridge regression on the temperature one and two
days before at the same hour, the 24-hour pressure change, yesterday's wind and the hour of day.`,
    evaluation: `Test on July and August, degC:\n\n${evalTable(versions, ['mae', 'rmse', 'bias'])}\n\nNormals are smooth, so both errors are far
smaller than live data will give; the comparison between versions is what matters here.`,
    limitations: `- Trained and tested on climatological normals, not on weather: live errors will be an order of magnitude larger.
- On the normals the seasonal-naive baseline wins: in the backtest since ${from} its mean daily MAE is
  ${backtest.v1.toFixed(3)} degC against ${backtest.v2.toFixed(3)} for v2. v2 learned the spring warming from its January-June training
  data and carries a warm bias into the autumn; it needs a full year of training data before a fair comparison.`,
    usage: `Do not use. Backtest results are in \`dev.hourly_temp_backtest\`.`,
    monitoring: `A nightly backtest in the development environment scores both versions on the 24 hours of each day (\`n\` = 24):
\`mae\` (primary), \`rmse\` and \`bias\`. There is no champion, so no health is computed.`,
    provenance: `Real data: \`seattle-weather-hourly-normals.csv\` from the [vega-datasets](https://github.com/vega/vega-datasets)
package (NOAA 1981-2010 hourly normals, published on a 2010 calendar). The normals have no year of their own; their
month, day and hour are laid on 2026. Computed by \`scripts/gen-demo.ts\`.`,
  });
  return {
    id,
    intended: { summary: 'lifecycle development: no deployment (no health); nightly backtest of v1 and v2', source: 'real: seattle-weather-hourly-normals (NOAA normals)' },
    card: {
      name: 'Seattle hourly temperature (24 h ahead)',
      summary: 'Hourly temperature for tomorrow, for district-heating dispatch (in development).',
      owners: ['jonas.weber@example.org'],
      team: 'weather-science',
      task: 'forecasting',
      lifecycle: 'development',
      primary_metric: { name: 'mae', direction: 'lower_is_better', label: 'MAE, degC (24 hours)' },
      tags: ['weather', 'forecasting', 'hourly'],
      consumers: [{ name: 'District heating (planned)', contact: 'heat-dispatch@example.org' }],
      links: { code: 'https://github.com/example-weather/hourly-forecast' },
    },
    body,
    versions,
    metrics: lines,
    windows: [],
  };
}
