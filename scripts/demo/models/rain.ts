/**
 * seattle-rain-tomorrow: will it rain (any measurable precipitation) tomorrow? Logistic
 * regression on today's weather. Red at "as of": the champion's 28-day AUC fell from ~0.75 to
 * ~0.55 with the October change of season. A challenger that also knows the season and
 * today's weather type runs in shadow on the same days and is ahead in every month, yet the
 * paired comparison honestly says "not enough data": 60 nightly values of a 28-day AUC overlap
 * and are worth about two independent days. Real data.
 */
import { cardBody, commitOf, dataHash, evals, evalTable, metrics, monthlyTable, rounded, sampleWindow } from '../build.ts';
import { fitLogistic, predictLogistic, type Logistic } from '../learn.ts';
import { accuracy, auc, brier, logLoss, mean } from '../stats.ts';
import { dayRange, LAST_DAY } from '../time.ts';
import type { FeatureWindowIn, MetricLineIn, ModelBundle, ReferenceIn, VersionIn } from '../types.ts';
import { weekEnds, realPeriod, trailing, weatherProvenance, weatherRows, WX_INPUTS, WX_PLACES, xBase, xSeason, type WxRow } from './weather-common.ts';

const TYPES = ['sun', 'rain', 'drizzle', 'fog', 'snow'] as const;
const xTyped = (r: WxRow): number[] => [...xSeason(r), ...TYPES.slice(1).map((t) => (r.cur.weather === t ? 1 : 0))];
const label = (r: WxRow): number => (r.next.precipitation > 0 ? 1 : 0);

interface Fit {
  id: string;
  model: Logistic;
  x: (r: WxRow) => number[];
  names: string[];
  train: WxRow[];
  test: WxRow[];
}

function fit(id: string, rows: WxRow[], x: (r: WxRow) => number[], names: string[], train: [string, string], test: [string, string]): Fit {
  const tr = realPeriod(rows, ...train);
  return { id, model: fitLogistic(tr.map(x), tr.map(label), { iters: 600, lr: 0.5, l2: 1e-3 }), x, names, train: tr, test: realPeriod(rows, ...test) };
}

const prob = (f: Fit, r: WxRow): number => predictLogistic(f.model, f.x(r));

function scores(f: Fit, rows: WxRow[]): Record<string, number> {
  const p = rows.map((r) => prob(f, r));
  const y = rows.map(label);
  return { auc: auc(p, y), accuracy: accuracy(p, y), log_loss: logLoss(p, y), brier: brier(p, y), positive_rate: mean(y), prediction_mean: mean(p) };
}

const span = (rows: WxRow[]): { from: string; to: string } => ({ from: rows[0].day, to: rows[rows.length - 1].day });
const REPO = 'github.com/example-weather/precip-classifier';

function versionFile(f: Fit, o: { trainedAt: string; author: string; parent?: string; notes: string }): VersionIn {
  const v: VersionIn = { version: f.id, trained_at: o.trainedAt, author: o.author };
  if (o.parent) v.parent = o.parent;
  v.code = { repo: REPO, commit: commitOf('seattle-rain-tomorrow', f.id), path: 'train.py' };
  v.data = [
    { name: 'train', uri: `s3://wx-lake/rain-tomorrow/train-${f.id}.parquet`, hash: dataHash(f.train.map((r) => [r.cur, label(r)])), rows: f.train.length, ...span(f.train) },
    { name: 'test', uri: `s3://wx-lake/rain-tomorrow/test-${f.id}.parquet`, hash: dataHash(f.test.map((r) => [r.cur, label(r)])), rows: f.test.length, ...span(f.test) },
  ];
  v.params = { algorithm: 'logistic-regression', solver: 'batch-gradient-descent', iterations: 600, learning_rate: 0.5, l2: 0.001, threshold: 0.5, features: f.names.join(',') };
  v.metrics = evals(scores(f, f.test));
  v.notes = o.notes;
  return v;
}

function reference(f: Fit, createdAt: string): ReferenceIn {
  const features: ReferenceIn['features'] = {};
  for (const k of WX_INPUTS) features[k] = { type: 'numeric', sample: rounded(f.train.map((r) => r.cur[k]), WX_PLACES) };
  return { version: f.id, created_at: createdAt, features, prediction: { type: 'numeric', sample: rounded(f.train.map((r) => prob(f, r)), 3) } };
}

export function seattleRainTomorrow(): ModelBundle {
  const rows = weatherRows('Seattle');
  const base = ['precipitation', 'temp_max', 'temp_min', 'wind'];
  const v1 = fit('v1', rows, xBase, base, ['2012-01-01', '2012-12-31'], ['2013-01-01', '2013-12-31']);
  const v2 = fit('v2', rows, xBase, base, ['2012-01-01', '2013-12-31'], ['2014-01-01', '2014-12-31']);
  const v3 = fit('v3', rows, xTyped, [...base, 'season_sin', 'season_cos', 'weather=rain', 'weather=drizzle', 'weather=fog', 'weather=snow'], ['2012-01-01', '2013-12-31'], ['2014-01-01', '2014-12-31']);
  const versions = [
    versionFile(v1, { trainedAt: '2025-01-09T08:00:00Z', author: 'sam.okafor@example.org', notes: 'Baseline on the four daily observations.' }),
    versionFile(v2, { trainedAt: '2026-01-06T08:30:00Z', author: 'sam.okafor@example.org', parent: 'v1', notes: 'Retrained on two years; same features.' }),
    versionFile(v3, { trainedAt: '2026-03-24T15:10:00Z', author: 'mei.chen@example.org', parent: 'v2', notes: "Adds the annual cycle and today's weather type (one-hot, sun as the base). Running in shadow since April." }),
  ];
  const L = 28;
  const from = '2026-05-01';
  const lines: MetricLineIn[] = [];
  for (const day of dayRange(from, LAST_DAY)) {
    const w = trailing(rows, day, L);
    lines.push(...metrics(day, 'v2', scores(v2, w), w.length), ...metrics(day, 'v3', scores(v3, w), w.length));
  }
  const windows: FeatureWindowIn[] = weekEnds(from, LAST_DAY).flatMap((end) => {
    const w = trailing(rows, end, 7);
    return [
      ...WX_INPUTS.map((k) => sampleWindow(end, 'v2', k, w.map((r) => r.cur[k]), WX_PLACES)),
      sampleWindow(end, 'v2', 'prediction', w.map((r) => prob(v2, r)), 3, 'prediction'),
    ];
  });
  const monthly = monthlyTable(lines, ['v2', 'v3'], 'auc', '  ');
  const body = cardBody({
    title: 'Seattle rain tomorrow',
    purpose: `Gives the probability of measurable rain (more than 0 mm) in Seattle tomorrow. Outdoor event planning and the
parks department use it to schedule work and to decide on covered set-ups the evening before.`,
    data: `Daily observations at one Seattle station. The label is 1 when the next day's precipitation is above 0 mm (${Math.round(mean(v2.train.map(label)) * 100)}% of
training days). v2 was trained on ${v2.train.length} days and tested on the following year (${v2.test.length} days).`,
    model: `Logistic regression fitted by gradient descent on standardised inputs. v2 (champion) reads today's precipitation,
temperatures and wind. v3 (challenger, shadow) adds the annual cycle and today's weather type.`,
    evaluation: `Out-of-time test:\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}`,
    limitations: `- **Known issue (open):** since July 2026 the champion's 28-day AUC has stayed well below its test value (0.75). In the
  dry months a 28-day window holds only two to four rainy days, and the showers that end a hot spell are exactly the
  ones today's observations do not announce; in September and October, at the change of season, the AUC has not
  recovered. The shadow challenger v3, which knows the season and today's weather type, is ahead in every month
  (table below) and the team proposes to promote it, but the paired comparison cannot confirm it yet: its 60 nightly
  values of a 28-day AUC overlap and are worth about two independent days, so it reports not enough data.

${monthly}

- A 28-day window holds 28 forecasts: the AUC is noisy (+-0.1 from week to week) and only the rolling mean is acted on.
- "Measurable rain" includes drizzle of 0.1 mm; users who care about heavy rain should use the precipitation amount model.`,
    usage: `Nightly batch table \`wx.rain_tomorrow\` (column \`p_rain\`). Decisions use a cut-off of 0.5; event planners who
prefer to be cautious use 0.35.`,
    monitoring: `Nightly over the trailing 28 days (\`n\` = 28), for the champion v2 and the shadow challenger v3: \`auc\` (primary),
\`accuracy\`, \`log_loss\`, \`brier\`, \`positive_rate\` (observed share of rainy days) and \`prediction_mean\`. Weekly
windows of the champion's four inputs and of its probabilities.`,
    provenance: weatherProvenance('Status at "as of": red on the primary metric; the shadow challenger is ahead each month, but its paired comparison has too few independent days to recommend a promotion.'),
  });
  return {
    id: 'seattle-rain-tomorrow',
    intended: { primary: 'red', stale: 'fresh', summary: 'red: 28-day AUC ~0.54 vs 0.75 expected (degraded since July); shadow challenger v3 ahead each month, comparison: not enough data (~2 independent days)', source: 'real: seattle-weather 2015' },
    card: {
      name: 'Seattle rain tomorrow',
      summary: 'Probability of measurable rain in Seattle tomorrow, for event and parks planning.',
      owners: ['sam.okafor@example.org', 'mei.chen@example.org'],
      team: 'weather-science',
      task: 'binary_classification',
      lifecycle: 'production',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (28 days)' },
      deployments: [
        { version: 'v2', role: 'champion', mode: 'production', environment: 'prod-us-west', since: '2026-01-12', endpoint: 'batch/wx-rain-tomorrow' },
        { version: 'v3', role: 'challenger', mode: 'shadow', environment: 'prod-us-west', since: '2026-04-01', endpoint: 'batch/wx-rain-tomorrow-shadow' },
      ],
      tags: ['weather', 'classification', 'tier-2'],
      consumers: [{ name: 'Parks department', contact: 'parks-ops@example.org' }, { name: 'Event planning', contact: '#events' }],
      links: { code: `https://${REPO}`, promotion_pr: 'https://github.com/example-weather/precip-classifier/pull/87' },
    },
    body,
    versions,
    metrics: lines,
    reference: reference(v2, versions[1].trained_at),
    windows,
  };
}
