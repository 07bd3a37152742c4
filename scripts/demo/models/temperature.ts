/**
 * Next-day temperature forecasts (linear regression on today's weather), four models:
 *   seattle-temp-max  green now; its 28-day RMSE was red through the summer (heat spells are
 *                     harder to forecast than the yearly evaluation suggests), real
 *   seattle-temp-min  green all along; a mild October week looks unusual against the year, not significantly, real
 *   nyc-temp-max      the Seattle model reused for New York without retraining: red, data drift
 *                     (wind, temperature) and prediction drift against the Seattle reference, real
 *   nyc-temp-min      refitted on New York: the 15-day RMSE rose above its test value, within the noise
 *                     of a metric that wanders with the weather (green, and the page says why), real
 */
import { cardBody, commitOf, dataHash, evals, evalTable, metrics, monthlyTable, rounded, sampleWindow } from '../build.ts';
import { evaluateBundle, primaryHistory } from '../check.ts';
import { ENGINE_CONFIG } from '../config.ts';
import { sig } from '../format.ts';
import { fitLinear, predictLinear, rawCoefficients, type Linear } from '../learn.ts';
import { bias, ks, mae, mean, rmse } from '../stats.ts';
import { dayRange, LAST_DAY } from '../time.ts';
import type { FeatureWindowIn, MetricLineIn, ModelBundle, ReferenceIn, VersionIn } from '../types.ts';
import { weekEnds, realPeriod, trailing, weatherProvenance, weatherRows, WX_INPUTS, WX_PLACES, xBase, xSeason, type WxRow } from './weather-common.ts';

type Target = 'temp_max' | 'temp_min';
const SEASON_NAMES = ['precipitation', 'temp_max', 'temp_min', 'wind', 'season_sin', 'season_cos'];

interface Fit {
  id: string;
  model: Linear;
  x: (r: WxRow) => number[];
  names: string[];
  train: WxRow[];
  test: WxRow[];
}

function fit(id: string, rows: WxRow[], target: Target, x: (r: WxRow) => number[], names: string[], train: [string, string], test: [string, string]): Fit {
  const tr = realPeriod(rows, ...train);
  return { id, model: fitLinear(tr.map(x), tr.map((r) => r.next[target])), x, names, train: tr, test: realPeriod(rows, ...test) };
}

const predict = (f: Fit, r: WxRow): number => predictLinear(f.model, f.x(r));

function scores(f: Fit, rows: WxRow[], target: Target): Record<string, number> {
  const p = rows.map((r) => predict(f, r));
  const a = rows.map((r) => r.next[target]);
  return { rmse: rmse(p, a), mae: mae(p, a), bias: bias(p, a) };
}

/** Demo date range of a fit's rows: first and last target day. */
const span = (rows: WxRow[]): { from: string; to: string } => ({ from: rows[0].day, to: rows[rows.length - 1].day });

function versionFile(model: string, f: Fit, target: Target, o: { trainedAt: string; author: string; parent?: string; notes: string; repo: string; evalRows?: WxRow[] }): VersionIn {
  const evalRows = o.evalRows ?? f.test;
  const v: VersionIn = { version: f.id, trained_at: o.trainedAt, author: o.author };
  if (o.parent) v.parent = o.parent;
  v.code = { repo: o.repo, commit: commitOf(model, f.id), path: 'train/temperature.py' };
  v.data = [
    { name: 'train', uri: `s3://wx-lake/${model}/train-${f.id}.parquet`, hash: dataHash(f.train.map((r) => [r.cur, r.next[target]])), rows: f.train.length, ...span(f.train) },
    { name: 'test', uri: `s3://wx-lake/${model}/test-${f.id}.parquet`, hash: dataHash(evalRows.map((r) => [r.cur, r.next[target]])), rows: evalRows.length, ...span(evalRows) },
  ];
  v.params = { algorithm: 'ridge-regression', l2: 1e-4, target: `${target} (next day, degC)`, features: f.names.join(','), ...evals(rawCoefficients(f.model, f.names)) };
  v.metrics = evals(scores(f, evalRows, target));
  v.notes = o.notes;
  return v;
}

/** Nightly metrics over a trailing window of L days, from `from` to `to` (demo dates). */
function nightlyLines(f: Fit, rows: WxRow[], target: Target, from: string, to: string, L: number, oorRange?: Range[]): MetricLineIn[] {
  return dayRange(from, to).flatMap((day) => {
    const w = trailing(rows, day, L);
    const values = scores(f, w, target);
    if (oorRange) values.out_of_range_rate = outOfRange(w, oorRange);
    return metrics(day, f.id, values, w.length);
  });
}

type Range = [number, number];

/** Training min and max of each raw input. */
function ranges(train: WxRow[]): Range[] {
  return WX_INPUTS.map((k) => [Math.min(...train.map((r) => r.cur[k])), Math.max(...train.map((r) => r.cur[k]))]);
}

/** Share of input values outside the training range. */
function outOfRange(w: WxRow[], rg: Range[]): number {
  let k = 0;
  for (const r of w) WX_INPUTS.forEach((f, j) => (k += r.cur[f] < rg[j][0] || r.cur[f] > rg[j][1] ? 1 : 0));
  return k / (w.length * WX_INPUTS.length);
}

/**
 * The training rows' inputs and forecasts, over the whole training period and per calendar month
 * (`by_month`): the weather models' cards ask for a seasonal reference, so an October week is
 * compared with the Octobers of training, not with the whole year.
 */
function reference(f: Fit, createdAt: string): ReferenceIn {
  const of = (rows: WxRow[]) => {
    const features: ReferenceIn['features'] = {};
    for (const k of WX_INPUTS) features[k] = { type: 'numeric', sample: rounded(rows.map((r) => r.cur[k]), WX_PLACES) };
    return { features, prediction: { type: 'numeric' as const, sample: rounded(rows.map((r) => predict(f, r)), 2) } };
  };
  const byMonth: NonNullable<ReferenceIn['by_month']> = {};
  for (let m = 1; m <= 12; m++) {
    const month = String(m).padStart(2, '0') as keyof typeof byMonth;
    const rows = f.train.filter((r) => r.day.slice(5, 7) === month);
    if (rows.length) byMonth[month] = of(rows);
  }
  return { version: f.id, created_at: createdAt, ...of(f.train), by_month: byMonth };
}

/** Weekly windows (seven days ending on the weekday of the last day) of the raw inputs and of the predictions. */
function weeklyWindows(f: Fit, rows: WxRow[], from: string, to: string): FeatureWindowIn[] {
  return weekEnds(from, to).flatMap((end) => {
    const w = trailing(rows, end, 7);
    return [
      ...WX_INPUTS.map((k) => sampleWindow(end, f.id, k, w.map((r) => r.cur[k]), WX_PLACES)),
      sampleWindow(end, f.id, 'prediction', w.map((r) => predict(f, r)), 2, 'prediction'),
    ];
  });
}

const REPO = 'github.com/example-weather/temperature-forecast';
const FROM = '2026-05-01';

function monitoringText(L: number, extra: string): string {
  return `A nightly job scores the forecasts whose day has passed and appends to \`metrics/\`: \`rmse\` (primary),
\`mae\` and \`bias\` (forecast minus observed, degC), each over the trailing ${L} days (\`n\` = ${L}), plus
\`out_of_range_rate\` (share of input values outside the training range). Weekly windows of the four inputs and of
the forecasts go to \`features/\` (raw values; one week is seven values). ${extra}`;
}

/** seattle-temp-max: the team's flagship forecast; green at "as of". */
export function seattleTempMax(): ModelBundle {
  const id = 'seattle-temp-max';
  const rows = weatherRows('Seattle');
  const v1 = fit('v1', rows, 'temp_max', xBase, [...WX_INPUTS], ['2012-01-01', '2012-12-31'], ['2013-01-01', '2013-12-31']);
  const v2 = fit('v2', rows, 'temp_max', xSeason, SEASON_NAMES, ['2012-01-01', '2013-12-31'], ['2014-01-01', '2014-12-31']);
  const versions = [
    versionFile(id, v1, 'temp_max', { trainedAt: '2025-01-08T10:12:00Z', author: 'ana.lima@example.org', repo: REPO, notes: 'First version: persistence-style linear model on the four daily observations.' }),
    versionFile(id, v2, 'temp_max', { trainedAt: '2026-01-07T09:40:00Z', author: 'ana.lima@example.org', parent: 'v1', repo: REPO, notes: 'Adds the annual cycle (sine/cosine of the day of year) and a second year of training data; 2025 held out as an out-of-time test.' }),
  ];
  const L = 28;
  const lines = nightlyLines(v2, rows, 'temp_max', FROM, LAST_DAY, L, ranges(v2.train));
  const monthMean = (months: string[]): number => {
    const xs = lines.filter((l) => l.metric === 'rmse' && months.includes(l.ts.slice(5, 7))).map((l) => l.value);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const summer = monthMean(['06', '07', '08']);
  const autumn = monthMean(['09', '10']);
  const card: ModelBundle['card'] = {
    name: 'Seattle next-day high temperature',
    summary: "Tomorrow's maximum temperature in Seattle, for road maintenance and energy planning.",
    owners: ['ana.lima@example.org', 'tom.becker@example.org'],
    team: 'weather-science',
    task: 'regression',
    lifecycle: 'production',
    primary_metric: { name: 'rmse', direction: 'lower_is_better', label: 'RMSE, degC (28 days)' },
    deployments: [{ version: 'v2', role: 'champion', mode: 'production', environment: 'prod-us-west', since: '2026-01-12', endpoint: 'batch/wx-temp-max-nightly' }],
    data_quality: { out_of_range_rate: 0.05 },
    drift: { reference: 'seasonal' },
    tags: ['weather', 'forecasting', 'tier-2'],
    consumers: [{ name: 'Road maintenance planning', contact: 'roads-ops@example.org' }, { name: 'Energy desk', contact: '#energy-desk' }],
    links: { code: `https://${REPO}`, runbook: 'https://wiki.example.org/wx/temp-forecast' },
  };
  const states = primaryHistory({ id, card, versions, metrics: lines }, ENGINE_CONFIG);
  const lastRed = states.filter((s) => s.state === 'red').pop()?.day ?? 'never';
  const greenSince = states.slice(states.findLastIndex((s) => s.state !== 'green') + 1)[0]?.day ?? 'never';
  const body = cardBody({
    title: 'Seattle next-day high temperature',
    purpose: `Forecasts tomorrow's maximum temperature in Seattle (degC) every evening. Road maintenance uses it to plan
de-icing and heat-related asphalt work; the energy desk uses it as one input to next-day load planning.`,
    data: `Daily observations at one Seattle station: precipitation (mm), maximum and minimum temperature (degC) and mean
wind speed (m/s). v2 was trained on ${versions[1].data![0].from} to ${versions[1].data![0].to} (${v2.train.length} days) and tested on the
following year (${v2.test.length} days), which it never saw.`,
    model: `Ridge regression of tomorrow's high on today's four observations plus the annual cycle (sine and cosine of the day
of year). The coefficients are in \`versions/v2.yaml\`: today's high carries most of the weight, as expected of a
persistence-style forecast.`,
    evaluation: `Out-of-time test (a full year after the training period), degC:\n\n${evalTable(versions, ['rmse', 'mae', 'bias'])}`,
    limitations: `- One year of test data hides the seasons: in June to August 2026 the 28-day RMSE averaged ${summer.toFixed(2)} degC, against
  ${autumn.toFixed(2)} in September and October (${Math.round((summer / autumn - 1) * 100)}% larger), because heat spells start and break suddenly. Against the yearly
  test value, health was red on and off from May to ${lastRed} and has been green since ${greenSince}:

${monthlyTable(lines, ['v2'], 'rmse', '  ')}

- A linear model cannot forecast the onset of a heat wave or of a cold snap; it follows with a day's lag.
- Inputs are one station; microclimates (the Cascades foothills, the waterfront) differ by several degrees.`,
    usage: `Read the nightly forecast from the batch table \`wx.temp_max_forecast\` (column \`forecast_degc\`). Treat
forecasts as +-${sig(versions[1].metrics!.rmse * 2, 2)} degC (two RMSE). Do not use beyond one day ahead.`,
    monitoring: monitoringText(L, 'Health compares the mean of the last ten nightly RMSE values with the test RMSE of the champion.'),
    provenance: weatherProvenance('Status at "as of": green (the autumn RMSE is below the test value); the summer months show red in the history, for the reason above.'),
  });
  return {
    id,
    intended: { primary: 'green', stale: 'fresh', summary: 'green: 28-day RMSE below the test RMSE in autumn (history: red in the summer heat)', source: 'real: seattle-weather 2014-2015' },
    card,
    body,
    versions,
    metrics: lines,
    reference: reference(v2, versions[1].trained_at),
    windows: weeklyWindows(v2, rows, FROM, LAST_DAY),
  };
}

/** seattle-temp-min: overnight low; quietly green all along. */
export function seattleTempMin(): ModelBundle {
  const id = 'seattle-temp-min';
  const rows = weatherRows('Seattle');
  const v1 = fit('v1', rows, 'temp_min', xSeason, SEASON_NAMES, ['2012-01-01', '2013-12-31'], ['2014-01-01', '2014-12-31']);
  const versions = [
    versionFile(id, v1, 'temp_min', { trainedAt: '2026-01-14T16:05:00Z', author: 'tom.becker@example.org', repo: REPO, notes: 'Same recipe as seattle-temp-max v2, fitted on the overnight low.' }),
  ];
  const L = 28;
  const windows = weeklyWindows(v1, rows, FROM, LAST_DAY);
  const lastWeek = windows.filter((w) => w.role === 'prediction').pop()!.sample as number[];
  const seasonal = ks(v1.train.map((r) => predict(v1, r)), lastWeek);
  const metricLines = nightlyLines(v1, rows, 'temp_min', FROM, LAST_DAY, L, ranges(v1.train));
  const ref = reference(v1, versions[0].trained_at);
  const card: ModelBundle['card'] = {
    name: 'Seattle overnight low temperature',
    summary: "Tomorrow's minimum temperature in Seattle, for de-icing crews and cold-weather alerts.",
    owners: ['tom.becker@example.org'],
    team: 'weather-science',
    task: 'regression',
    lifecycle: 'production',
    primary_metric: { name: 'rmse', direction: 'lower_is_better', label: 'RMSE, degC (28 days)' },
    deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod-us-west', since: '2026-01-19', endpoint: 'batch/wx-temp-min-nightly' }],
    data_quality: { out_of_range_rate: 0.05 },
    drift: { reference: 'seasonal' },
    tags: ['weather', 'forecasting'],
    consumers: [{ name: 'Airport de-icing', contact: '#airport-ops' }],
    links: { code: `https://${REPO}` },
  };
  // What spog's health check makes of the week, from the engine itself.
  const judged = evaluateBundle({ id, intended: { summary: '', source: '' }, card, body: '', versions, metrics: metricLines, reference: ref, windows }, ENGINE_CONFIG).data_drift?.prediction;
  if (!judged || judged.drifted === null) throw new Error('seattle-temp-min: the prediction drift check did not run');
  const body = cardBody({
    title: 'Seattle overnight low temperature',
    purpose: `Forecasts tomorrow's minimum temperature in Seattle (degC). Airport operations use it to staff the de-icing
crews and to pre-position glycol; the city uses it for cold-weather shelter alerts.`,
    data: `Daily observations at one Seattle station (precipitation, maximum and minimum temperature, wind).
Trained on ${v1.train.length} days, tested on the ${v1.test.length} days of the following year.`,
    model: `Ridge regression of tomorrow's low on today's observations and the annual cycle. Today's low and the annual cycle
carry most of the weight (coefficients in \`versions/v1.yaml\`).`,
    evaluation: `Out-of-time test, degC:\n\n${evalTable(versions, ['rmse', 'mae', 'bias'])}`,
    limitations: `- Seasonal drift: drift is tested on one week of forecasts (seven values) against the whole training year.
  The last week of October 2026 was mild and wet, its forecast lows (mean ${mean(lastWeek).toFixed(1)} degC) sit in the upper half of the
  year's, and a two-sample KS test gives p = ${seasonal.p.toFixed(3)} (D = ${seasonal.d.toFixed(2)}). ${judged.drifted
    ? 'The health check counts that as prediction drift. The forecasts are fine (RMSE well below the test value): this is the season, not a fault'
    : 'On seven values that is not significant at the 1% the health check asks of a drift test (one chance in a hundred a day, not one in twenty), so there is no alarm: the forecasts are fine (RMSE well below the test value), this is the season, not a fault'}.
- Clear, calm winter nights (radiative cooling) are the largest errors: the model has no cloud-cover input.
- Frost decisions need a probability, not a point forecast; use the RMSE as a rough spread.`,
    usage: `Nightly batch table \`wx.temp_min_forecast\`. For a frost decision, compare the forecast minus one RMSE with 0 degC.`,
    monitoring: monitoringText(L, ''),
    provenance: weatherProvenance('Primary metric at "as of": green, and green throughout the six months shown.'),
  });
  return {
    id,
    intended: { primary: 'green', stale: 'fresh', health: 'green', summary: 'green all along; a mild last week of October looks unusual against the year, not significantly on seven values (no seasonal false alarm)', source: 'real: seattle-weather 2014-2015' },
    card,
    body,
    versions,
    metrics: metricLines,
    reference: ref,
    windows,
  };
}

/** nyc-temp-max: the Seattle v2 model serving New York unchanged. Red, with data and prediction drift. */
export function nycTempMax(): ModelBundle {
  const id = 'nyc-temp-max';
  const sea = weatherRows('Seattle');
  const ny = weatherRows('New York');
  const v1 = fit('v1', sea, 'temp_max', xSeason, SEASON_NAMES, ['2012-01-01', '2013-12-31'], ['2014-01-01', '2014-12-31']);
  const v2 = fit('v2', ny, 'temp_max', xSeason, SEASON_NAMES, ['2012-01-01', '2014-12-31'], ['2015-01-01', '2015-06-30']);
  const versions = [
    versionFile(id, v1, 'temp_max', { trainedAt: '2026-01-07T09:40:00Z', author: 'ana.lima@example.org', repo: REPO, notes: 'Copy of seattle-temp-max v2 (same coefficients), deployed for New York to launch the city quickly. Trained and tested on Seattle data only.' }),
    versionFile(id, v2, 'temp_max', { trainedAt: '2026-10-27T13:22:00Z', author: 'lena.ortiz@example.org', parent: 'v1', repo: REPO, notes: 'Refit on three years of New York observations; test on the first half of 2026. In review, not deployed yet.' }),
  ];
  const L = 28;
  const from = '2026-06-01';
  const lines = nightlyLines(v1, ny, 'temp_max', from, LAST_DAY, L, ranges(v1.train));
  const rmseNy = lines.filter((l) => l.metric === 'rmse').slice(-10).reduce((a, l) => a + l.value / 10, 0);
  const windNy = trailing(ny, LAST_DAY, 28).reduce((a, r, _, all) => a + r.cur.wind / all.length, 0);
  const windSea = v1.train.reduce((a, r, _, all) => a + r.cur.wind / all.length, 0);
  const body = cardBody({
    title: 'New York next-day high temperature',
    purpose: `Forecasts tomorrow's maximum temperature in New York City for the energy desk's East Coast load planning.`,
    data: `Inputs are today's New York observations (precipitation, maximum and minimum temperature, wind). The champion,
v1, was **not** trained on New York: it is the Seattle model (seattle-temp-max v2) reused as is, so its training data,
its test set and its feature reference are Seattle's.`,
    model: `Ridge regression on today's observations and the annual cycle (see seattle-temp-max). v2 refits the same recipe
on New York data and is waiting for review.`,
    evaluation: `v1 was tested in Seattle; v2 on New York, January to June 2026. degC:\n\n${evalTable(versions, ['rmse', 'mae', 'bias'])}`,
    limitations: `- **Known issue (open):** New York's climate is not Seattle's. Its winds are much stronger (mean ${windNy.toFixed(1)} m/s over the
  last four weeks against ${windSea.toFixed(1)} m/s in the Seattle training data) and its temperatures swing further from day to
  day, so the Seattle coefficients forecast New York worse than the Seattle test says: the mean of the last ten nightly
  RMSE values is ${rmseNy.toFixed(2)} degC against ${versions[0].metrics!.rmse.toFixed(2)} expected (${Math.round((rmseNy / versions[0].metrics!.rmse - 1) * 100)}% worse). Drift checks, on the last
  four weekly windows (the card pools 28 days: one week is only seven values), flag the wind and temperature inputs
  and the forecasts against the Seattle reference.
- Fix: promote v2 (refit on New York) once reviewed.`,
    usage: `Nightly batch table \`wx.nyc_temp_max_forecast\`. Until v2 is promoted, add two degrees of margin to any
threshold decision.`,
    monitoring: monitoringText(L, 'Drift is tested against the reference of the champion, i.e. Seattle training data, over the last four weekly windows.'),
    provenance: weatherProvenance('Status at "as of": red (primary metric), with data drift and prediction drift; all computed from real New York observations scored by the Seattle model.'),
  });
  return {
    id,
    intended: { primary: 'red', stale: 'fresh', summary: 'red: Seattle model reused in New York; RMSE ~20% above expected; data drift (wind, temp_max) and prediction drift vs the Seattle reference', source: 'real: weather.csv New York 2015 scored by a Seattle-trained model' },
    card: {
      name: 'New York next-day high temperature',
      summary: "Tomorrow's maximum temperature in New York, for East Coast load planning.",
      owners: ['lena.ortiz@example.org'],
      team: 'weather-science',
      task: 'regression',
      lifecycle: 'production',
      primary_metric: { name: 'rmse', direction: 'lower_is_better', label: 'RMSE, degC (28 days)' },
      deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod-us-east', since: '2026-06-01', endpoint: 'batch/wx-nyc-temp-max-nightly' }],
      data_quality: { out_of_range_rate: 0.05 },
      // One week is seven values: four weeks are pooled to tell New York from Seattle.
      drift: { window_days: 28 },
      tags: ['weather', 'forecasting', 'transfer'],
      consumers: [{ name: 'Energy desk (East)', contact: '#energy-desk' }],
      links: { code: `https://${REPO}`, issue: 'https://github.com/example-weather/temperature-forecast/issues/41' },
    },
    body,
    versions,
    metrics: lines,
    reference: reference(v1, versions[0].trained_at),
    windows: weeklyWindows(v1, ny, from, LAST_DAY),
  };
}

/** nyc-temp-min: refitted on New York; worse than its test value at "as of", within the noise of its metric. */
export function nycTempMin(): ModelBundle {
  const id = 'nyc-temp-min';
  const ny = weatherRows('New York');
  const v1 = fit('v1', ny, 'temp_min', xSeason, SEASON_NAMES, ['2012-01-01', '2013-12-31'], ['2014-01-01', '2014-12-31']);
  const versions = [
    versionFile(id, v1, 'temp_min', { trainedAt: '2026-02-03T11:30:00Z', author: 'lena.ortiz@example.org', repo: REPO, notes: 'Fitted on New York observations from the start.' }),
  ];
  const L = 15;
  const lines = nightlyLines(v1, ny, 'temp_min', FROM, LAST_DAY, L, ranges(v1.train));
  const windows = weeklyWindows(v1, ny, FROM, LAST_DAY);
  const ref = reference(v1, versions[0].trained_at);
  const card: ModelBundle['card'] = {
    name: 'New York overnight low temperature',
    summary: "Tomorrow's minimum temperature in New York, for heating demand and cold-weather alerts.",
    owners: ['lena.ortiz@example.org', 'ana.lima@example.org'],
    team: 'weather-science',
    task: 'regression',
    lifecycle: 'production',
    primary_metric: { name: 'rmse', direction: 'lower_is_better', label: 'RMSE, degC (15 days)' },
    deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod-us-east', since: '2026-02-09', endpoint: 'batch/wx-nyc-temp-min-nightly' }],
    data_quality: { out_of_range_rate: 0.05 },
    drift: { reference: 'seasonal' },
    tags: ['weather', 'forecasting'],
    consumers: [{ name: 'Heating demand planning', contact: 'heat-plan@example.org' }],
    links: { code: `https://${REPO}` },
  };
  // The numbers the health check judges at "as of", from the engine itself.
  const snap = evaluateBundle({ id, intended: { summary: '', source: '' }, card, body: '', versions, metrics: lines, reference: ref, windows }, ENGINE_CONFIG);
  const p = snap.primary;
  const pred = snap.data_drift?.prediction;
  if (p.value === null || p.expected === null || p.noise === null || !pred || pred.p_value === null) throw new Error('nyc-temp-min: the primary metric or the prediction drift was not judged');
  const worse = `${Math.round((p.value / p.expected - 1) * 100)}%`;
  const noise = `${Math.round(p.noise * 100)}%`;
  const rmseValues = lines.filter((l) => l.metric === 'rmse' && !l.slice && l.ts >= '2026-08-01').map((l) => l.value);
  const body = cardBody({
    title: 'New York overnight low temperature',
    purpose: `Forecasts tomorrow's minimum temperature in New York City (degC) for heating-demand planning and cold-weather alerts.`,
    data: `Daily New York observations; trained on ${v1.train.length} days, tested on the following year (${v1.test.length} days).`,
    model: `Ridge regression on today's observations and the annual cycle, as the Seattle models.`,
    evaluation: `Out-of-time test, degC:\n\n${evalTable(versions, ['rmse', 'mae', 'bias'])}`,
    limitations: `- Fronts cross New York within a day and the model, which has no upstream observations, follows them a day late.
  In the second half of October 2026 the overnight low swung by 5 to 7 degC from one night to the next several times, and
  the mean of the last ten nightly values of the 15-day RMSE is now ${worse} above the test value. That is within the noise
  of this metric: a 15-day RMSE wanders with the weather (between ${Math.min(...rmseValues).toFixed(2)} and ${Math.max(...rmseValues).toFixed(2)} degC since August), so ten
  overlapping values move by about ±${noise} of the test value with nothing wrong, and the health check stays green and says so.
  It is being watched: if the rise lasts, it passes the noise and turns amber.
- Warm autumn: ${pred.drifted
    ? `the last week's forecast lows are high for an October: against the Octobers of training (the card asks for a seasonal
  reference) a two-sample KS test gives p = ${pred.p_value.toFixed(4)} on seven forecasts, so the health check reports prediction drift (amber).
  The forecasts follow the weather, which is warm this year; no single input differs significantly on one week of values.`
    : `the last week's forecast lows are high for an October, but not significantly so on seven forecasts (KS p = ${pred.p_value.toFixed(3)}).`}
- Urban heat island: the station reads warmer at night than the suburbs.`,
    usage: `Nightly batch table \`wx.nyc_temp_min_forecast\`.`,
    monitoring: monitoringText(L, 'The window is 15 days here, half a month (the heating desk wanted a faster signal than 28 days).'),
    provenance: weatherProvenance(`Status at "as of": ${snap.health}; the primary metric is ${worse} worse than the test value but within the noise (±${noise})${pred.drifted ? '; prediction drift against the Octobers of training' : ''}.`),
  });
  return {
    id,
    intended: { primary: 'green', stale: 'fresh', health: 'amber', summary: 'amber: prediction drift against the Octobers of training (a warm autumn); the 15-day RMSE 5-10% above the test RMSE is within the noise of a metric that wanders with the weather', source: 'real: weather.csv New York 2015' },
    card,
    body,
    versions,
    metrics: lines,
    reference: ref,
    windows,
  };
}

