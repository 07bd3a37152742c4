/**
 * Flight delay models (airport operations), trained and scored on real 2001 departures:
 *   flight-delay-risk     P(departure 15+ min late). Green; v4 runs as a 10% canary beside champion v3.
 *                         Latency and error-rate series are synthetic (and fine).
 *   flight-delay-minutes  expected delay in minutes, MAE (lower is better). Primary metric green, but
 *                         the synthetic p95 latency has been above its limit since 2026-10-19.
 *   flight-severe-delay   P(departure 60+ min late), deployed 2026-10-29: three nightly points only,
 *                         health unknown (too little data).
 */
import { cardBody, commitOf, countsOf, countsWindow, dataHash, edges, evals, evalTable, histWindow, metrics } from '../build.ts';
import { sig } from '../format.ts';
import { fitLinear, fitLogistic, predictLinear, predictLogistic, rawCoefficients } from '../learn.ts';
import { mulberry32, seedOf } from '../prng.ts';
import { softwareLines } from '../software.ts';
import { accuracy, auc, bias, brier, histogram, logLoss, mae, mean, quantile, rmse, sd } from '../stats.ts';
import { dayRange, FLIGHTS_SHIFT, LAST_DAY, shiftDay } from '../time.ts';
import type { FeatureWindowIn, MetricLineIn, ModelBundle, ReferenceIn, VersionIn } from '../types.ts';
import { departures, DISTANCE_EDGES, FLIGHT_FEATURES, flightsProvenance, HOUR_EDGES, originOf, ORIGINS, realPeriod, xFlight, type Dep } from './flights-common.ts';

const PROB_EDGES = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 1];
const REPO = 'github.com/example-airops/delay-models';
const span = (fs: Dep[]): { from: string; to: string } => ({ from: fs[0].day, to: fs[fs.length - 1].day });
const late = (min: number) => (f: Dep): number => (f.delay >= min ? 1 : 0);

/** Days of the demo timeline holding flights, from the real day `fromReal` on. */
function demoDays(fromReal: string): string[] {
  return dayRange(shiftDay(FLIGHTS_SHIFT, fromReal), LAST_DAY);
}

function byDay(fs: Dep[]): Map<string, Dep[]> {
  const m = new Map<string, Dep[]>();
  for (const f of fs) {
    const l = m.get(f.day) ?? [];
    l.push(f);
    m.set(f.day, l);
  }
  return m;
}

function binaryScores(p: number[], y: number[]): Record<string, number> {
  return { auc: auc(p, y), accuracy: accuracy(p, y), log_loss: logLoss(p, y), brier: brier(p, y), positive_rate: mean(y), prediction_mean: mean(p) };
}

/** Inputs (hour, distance, origin hub) and predictions as daily histogram/count windows. */
function dailyWindows(day: string, version: string, fs: Dep[], preds: number[], predEdges: number[]): FeatureWindowIn[] {
  return [
    histWindow(day, version, 'dep_hour', fs.map((f) => f.hour), HOUR_EDGES),
    histWindow(day, version, 'distance', fs.map((f) => f.distance), DISTANCE_EDGES),
    countsWindow(day, version, 'origin', fs.map(originOf), ORIGINS),
    histWindow(day, version, 'prediction', preds, predEdges, 'prediction'),
  ];
}

function referenceOf(version: string, createdAt: string, train: Dep[], preds: number[], predEdges: number[]): ReferenceIn {
  return {
    version,
    created_at: createdAt,
    features: {
      dep_hour: { type: 'numeric', histogram: { edges: HOUR_EDGES, counts: histogram(train.map((f) => f.hour), HOUR_EDGES) } },
      distance: { type: 'numeric', histogram: { edges: DISTANCE_EDGES, counts: histogram(train.map((f) => f.distance), DISTANCE_EDGES) } },
      origin: { type: 'categorical', counts: countsOf(train.map(originOf), ORIGINS) },
    },
    prediction: { type: 'numeric', histogram: { edges: predEdges, counts: histogram(preds, predEdges) } },
  };
}

function dataRefs(model: string, v: string, train: Dep[], test: Dep[]): VersionIn['data'] {
  return [
    { name: 'train', uri: `s3://airops-lake/${model}/train-${v}.parquet`, hash: dataHash(train), rows: train.length, ...span(train) },
    { name: 'test', uri: `s3://airops-lake/${model}/test-${v}.parquet`, hash: dataHash(test), rows: test.length, ...span(test) },
  ];
}

/** flight-delay-risk: green champion v3, and v4 as a 10% canary since 2026-10-01. */
export function flightDelayRisk(): ModelBundle {
  const id = 'flight-delay-risk';
  const all = departures();
  const y = late(15);
  const trainA = realPeriod(all, '2001-01-01', '2001-01-14');
  const testA = realPeriod(all, '2001-01-15', '2001-01-21');
  const trainB = realPeriod(all, '2001-01-01', '2001-01-21');
  const testB = realPeriod(all, '2001-01-22', '2001-01-31');
  const x1 = (f: Dep): number[] => [f.hour, f.distance / 1000];
  // v4 adds how late each origin and destination ran in training (shrunk towards the overall rate).
  const overall = mean(trainB.map(y));
  const rate = (key: (f: Dep) => string): ((f: Dep) => number) => {
    const m = new Map<string, [number, number]>();
    for (const f of trainB) {
      const v = m.get(key(f)) ?? [0, 0];
      v[0] += y(f);
      v[1] += 1;
      m.set(key(f), v);
    }
    return (f) => {
      const v = m.get(key(f)) ?? [0, 0];
      return (v[0] + 20 * overall) / (v[1] + 20);
    };
  };
  const originRate = rate((f) => f.origin);
  const destRate = rate((f) => f.destination);
  const x4 = (f: Dep): number[] => [...xFlight(f), originRate(f), destRate(f)];
  const opts = { iters: 500, lr: 0.5, l2: 1e-3 };
  const m1 = fitLogistic(trainA.map(x1), trainA.map(y), opts);
  const m2 = fitLogistic(trainA.map(xFlight), trainA.map(y), opts);
  const m3 = fitLogistic(trainB.map(xFlight), trainB.map(y), opts);
  const m4 = fitLogistic(trainB.map(x4), trainB.map(y), opts);
  const p: Record<string, (f: Dep) => number> = {
    v1: (f) => predictLogistic(m1, x1(f)),
    v2: (f) => predictLogistic(m2, xFlight(f)),
    v3: (f) => predictLogistic(m3, xFlight(f)),
    v4: (f) => predictLogistic(m4, x4(f)),
  };
  const evalOf = (v: string, test: Dep[]): Record<string, number> => evals(binaryScores(test.map(p[v]), test.map(y)));
  const params = (features: string[]): VersionIn['params'] => ({ algorithm: 'logistic-regression', solver: 'batch-gradient-descent', iterations: 500, l2: 0.001, threshold: 0.5, label: 'departure delay >= 15 min', features: features.join(',') });
  const versions: VersionIn[] = [
    { version: 'v1', trained_at: '2026-08-24T09:00:00Z', author: 'priya.nair@example.org', code: { repo: REPO, commit: commitOf(id, 'v1'), path: 'risk/train.py' }, data: dataRefs(id, 'v1', trainA, testA), params: params(['dep_hour', 'distance_kmi']), metrics: evalOf('v1', testA), notes: 'Baseline: departure hour and distance.' },
    { version: 'v2', trained_at: '2026-08-25T09:00:00Z', author: 'priya.nair@example.org', parent: 'v1', code: { repo: REPO, commit: commitOf(id, 'v2'), path: 'risk/train.py' }, data: dataRefs(id, 'v2', trainA, testA), params: params(FLIGHT_FEATURES), metrics: evalOf('v2', testA), notes: 'Adds early-morning, log-distance and Friday/Saturday flags.' },
    { version: 'v3', trained_at: '2026-09-03T06:30:00Z', author: 'priya.nair@example.org', parent: 'v2', code: { repo: REPO, commit: commitOf(id, 'v3'), path: 'risk/train.py' }, data: dataRefs(id, 'v3', trainB, testB), params: params(FLIGHT_FEATURES), metrics: evalOf('v3', testB), notes: 'Same features as v2, one more week of training data. Champion since 2026-09-03.' },
    { version: 'v4', trained_at: '2026-09-28T16:00:00Z', author: 'diego.alvarez@example.org', parent: 'v3', code: { repo: REPO, commit: commitOf(id, 'v4'), path: 'risk/train.py' }, data: dataRefs(id, 'v4', trainB, testB), params: { ...params([...FLIGHT_FEATURES, 'origin_late_rate', 'destination_late_rate']), encoding_prior_weight: 20 }, metrics: evalOf('v4', testB), notes: 'Adds how late each origin and destination airport ran in training (target encoding, shrunk to the overall rate). Canary at 10% of traffic since 2026-10-01.' },
  ];
  const champFrom = '2001-02-01';
  const canaryFrom = '2026-10-01';
  const rng = mulberry32(seedOf(id));
  const days = byDay(realPeriod(all, champFrom, '2001-03-31'));
  const lines: MetricLineIn[] = [];
  const windows: FeatureWindowIn[] = [];
  const trainRange: [number, number] = [Math.min(...trainB.map((f) => f.distance)), Math.max(...trainB.map((f) => f.distance))];
  for (const day of demoDays(champFrom)) {
    const fs = days.get(day) ?? [];
    // From the canary start, a stable 10% of flights (by a seeded draw per flight) is served by v4.
    const canary = day >= canaryFrom ? fs.filter((f) => mulberry32(seedOf(`canary-${f.idx}`))() < 0.1) : [];
    const champ = fs.filter((f) => !canary.includes(f));
    const pc = champ.map(p.v3);
    lines.push(...metrics(day, 'v3', binaryScores(pc, champ.map(y)), champ.length));
    lines.push(...metrics(day, 'v3', { out_of_range_rate: mean(champ.map((f) => (f.distance < trainRange[0] || f.distance > trainRange[1] ? 1 : 0))) }, champ.length));
    windows.push(...dailyWindows(day, 'v3', champ, pc, PROB_EDGES));
    if (canary.length > 0) lines.push(...metrics(day, 'v4', binaryScores(canary.map(p.v4), canary.map(y)), canary.length));
  }
  lines.push(...softwareLines(rng, 'v3', shiftDay(FLIGHTS_SHIFT, champFrom), LAST_DAY, { p95: 48, errors: 0.0015, requests: 52000 }));
  lines.push(...softwareLines(rng, 'v4', canaryFrom, LAST_DAY, { p95: 61, errors: 0.0018, requests: 5800 }));
  const meanAuc = (v: string, from: string): number => mean(lines.filter((l) => l.version === v && l.metric === 'auc' && l.ts >= from).map((l) => l.value));
  const cmp = { v3: meanAuc('v3', canaryFrom), v4: meanAuc('v4', canaryFrom) };
  const body = cardBody({
    title: 'Flight delay risk',
    purpose: `Scores every scheduled departure with the probability that it leaves 15 minutes or more late. The operations
control centre uses the score the evening before to place buffer crews and spare gates at the riskiest banks.`,
    data: `US domestic departures: scheduled hour, distance, origin and destination, and the observed departure delay. About
${Math.round(trainB.length / 21)} flights a day; ${sig(overall * 100, 3)}% of training flights left 15+ minutes late.`,
    model: `Logistic regression on the departure hour (delays build up through the day), an early-morning flag, distance and its
log, and Friday/Saturday flags. v4 (canary) adds each airport's historical late rate.`,
    evaluation: `Held-out week after the training period:\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}\n\nA delay
model without weather or inbound-aircraft data is weak (AUC around 0.6); it is used to rank banks, not single flights.`,
    limitations: `- No weather, no inbound-aircraft status: the model cannot see the causes of most long delays.
- Daily AUC moves by +-${sd(lines.filter((l) => l.version === 'v3' && l.metric === 'auc').map((l) => l.value)).toFixed(2)} (one standard deviation) from day to day with about 220 flights a day;
  act on the rolling mean only.
- Canary (v4, 10% of flights since ${canaryFrom}): mean daily AUC ${cmp.v4.toFixed(3)} on its ~20 flights a day against
  ${cmp.v3.toFixed(3)} for the champion on the rest. ${cmp.v4 < cmp.v3 ? 'The canary is behind so far; the airport late rates may overfit the three training weeks.' : 'The canary is ahead so far.'}
  With so few flights a day the gap is not yet conclusive: keep the canary at 10% until the end of November.`,
    usage: `Score table \`ops.departure_delay_risk\` (column \`p_late15\`), refreshed at 18:00 local for the next day. Rank, do not threshold.`,
    monitoring: `Nightly, per version, over the day's flights (\`n\` = flights scored): \`auc\` (primary), \`accuracy\`, \`log_loss\`, \`brier\`,
\`positive_rate\`, \`prediction_mean\`, \`out_of_range_rate\` (distance outside the training range). Daily histograms of
departure hour and distance, counts per origin hub and a histogram of the scores. **The \`latency_p95_ms\` and
\`error_rate\` series are synthetic** (no serving telemetry in the data set).`,
    provenance: flightsProvenance('Latency and error-rate series are synthetic; all other series are computed from the real flights.'),
  });
  return {
    id,
    intended: { primary: 'green', stale: 'fresh', summary: 'green: daily AUC at its expected level; v4 runs as a 10% canary', source: 'real: flights-20k (2001); latency synthetic' },
    card: {
      name: 'Flight delay risk',
      summary: 'Probability that a departure leaves 15+ minutes late, for next-day buffer planning.',
      owners: ['priya.nair@example.org', 'diego.alvarez@example.org'],
      team: 'airport-ops',
      task: 'binary_classification',
      lifecycle: 'production',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (daily)' },
      deployments: [
        { version: 'v3', role: 'champion', mode: 'production', environment: 'prod', since: shiftDay(FLIGHTS_SHIFT, champFrom), endpoint: 'https://api.example.org/airops/delay-risk' },
        { version: 'v4', role: 'challenger', mode: 'canary', traffic: 0.1, environment: 'prod', since: canaryFrom, endpoint: 'https://api.example.org/airops/delay-risk' },
      ],
      software: { latency_p95_ms: 120, error_rate: 0.01 },
      data_quality: { out_of_range_rate: 0.02 },
      tags: ['operations', 'classification', 'tier-1'],
      consumers: [{ name: 'Operations control centre', contact: '#occ' }],
      links: { code: `https://${REPO}`, dashboard: 'https://grafana.example.org/d/delay-risk' },
    },
    body,
    versions,
    metrics: lines,
    reference: referenceOf('v3', versions[2].trained_at, trainB, trainB.map(p.v3), PROB_EDGES),
    windows,
  };
}

/** flight-delay-minutes: green on MAE, red on latency (synthetic). */
export function flightDelayMinutes(): ModelBundle {
  const id = 'flight-delay-minutes';
  const all = departures();
  const train1 = realPeriod(all, '2001-01-01', '2001-01-14');
  const train2 = realPeriod(all, '2001-01-01', '2001-01-21');
  const test1 = realPeriod(all, '2001-01-15', '2001-01-21');
  const test2 = realPeriod(all, '2001-01-22', '2001-01-31');
  const m1 = fitLinear(train1.map(xFlight), train1.map((f) => f.delay));
  const m2 = fitLinear(train2.map(xFlight), train2.map((f) => f.delay));
  const pv: Record<string, (f: Dep) => number> = { v1: (f) => predictLinear(m1, xFlight(f)), v2: (f) => predictLinear(m2, xFlight(f)) };
  const score = (v: string, fs: Dep[]): Record<string, number> => {
    const p = fs.map(pv[v]);
    const a = fs.map((f) => f.delay);
    return { mae: mae(p, a), rmse: rmse(p, a), bias: bias(p, a), median_abs_error: quantile(p.map((x, i) => Math.abs(x - a[i])), 0.5) };
  };
  const params = (m: typeof m1): VersionIn['params'] => ({ algorithm: 'ridge-regression', l2: 1e-4, target: 'departure delay (minutes)', features: FLIGHT_FEATURES.join(','), ...evals(rawCoefficients(m, FLIGHT_FEATURES)) });
  const versions: VersionIn[] = [
    { version: 'v1', trained_at: '2026-08-24T10:00:00Z', author: 'diego.alvarez@example.org', code: { repo: REPO, commit: commitOf(id, 'v1'), path: 'minutes/train.py' }, data: dataRefs(id, 'v1', train1, test1), params: params(m1), metrics: evals(score('v1', test1)), notes: 'Linear baseline on the risk model features.' },
    { version: 'v2', trained_at: '2026-09-03T07:10:00Z', author: 'diego.alvarez@example.org', parent: 'v1', code: { repo: REPO, commit: commitOf(id, 'v2'), path: 'minutes/train.py' }, data: dataRefs(id, 'v2', train2, test2), params: params(m2), metrics: evals(score('v2', test2)), notes: 'One more week of data.' },
  ];
  const from = '2001-02-01';
  const days = byDay(realPeriod(all, from, '2001-03-31'));
  const predEdges = [-10, -5, 0, 5, 10, 15, 20, 25, 30, 40, 60];
  const lines: MetricLineIn[] = [];
  const windows: FeatureWindowIn[] = [];
  for (const day of demoDays(from)) {
    const fs = days.get(day) ?? [];
    lines.push(...metrics(day, 'v2', score('v2', fs), fs.length));
    windows.push(...dailyWindows(day, 'v2', fs, fs.map(pv.v2), predEdges));
  }
  const stepFrom = '2026-10-19';
  lines.push(...softwareLines(mulberry32(seedOf(id)), 'v2', shiftDay(FLIGHTS_SHIFT, from), LAST_DAY, { p95: 85, errors: 0.002, requests: 52000, stepFrom, p95Factor: 2.9, errorFactor: 2.5 }));
  const lat = (fromDay: string, toDay: string): number => mean(lines.filter((l) => l.metric === 'latency_p95_ms' && l.ts >= fromDay && l.ts <= `${toDay}T23:59:59Z`).map((l) => l.value));
  const body = cardBody({
    title: 'Flight delay minutes',
    purpose: `Estimates the departure delay in minutes for each flight; the crew scheduling tool shows it next to the risk score
to size the buffer (how long, not only how likely).`,
    data: `Same departures as flight-delay-risk. Delays are skewed: the median flight leaves on time, a few leave hours late,
so MAE (not RMSE) is the primary metric.`,
    model: `Ridge regression on the risk model's features; coefficients in the version files.`,
    evaluation: `Held-out week after training, minutes:\n\n${evalTable(versions, ['mae', 'rmse', 'median_abs_error', 'bias'])}`,
    limitations: `- **Known issue (open):** since ${stepFrom} the p95 latency of the scoring endpoint is about three times its usual
  level (mean ${lat(stepFrom, LAST_DAY).toFixed(0)} ms since then against ${lat('2026-09-01', '2026-10-18').toFixed(0)} ms before; limit 150 ms). The
  release of the feature service that day added a synchronous call to the airport-status API. The crew tool times out
  and falls back to a fixed 20-minute buffer. Prediction quality is unaffected.
- The estimate is a conditional mean: it is pulled up by rare very long delays and is poor for any single flight.`,
    usage: `REST endpoint \`/airops/delay-minutes\`, or the nightly table \`ops.departure_delay_minutes\`.`,
    monitoring: `Nightly over the day's flights: \`mae\` (primary), \`rmse\`, \`bias\`, \`median_abs_error\` (minutes). Daily histograms of
the inputs and of the estimates. **\`latency_p95_ms\` and \`error_rate\` are synthetic series**, including the latency
incident described above.`,
    provenance: flightsProvenance('The latency and error-rate series, and the incident in them, are synthetic; the delay metrics are real.'),
  });
  return {
    id,
    intended: { primary: 'green', stale: 'fresh', summary: 'latency problem: synthetic p95 latency ~3x its 150 ms limit since 2026-10-19; MAE (lower is better) green', source: 'real: flights-20k (2001); latency synthetic' },
    card: {
      name: 'Flight delay minutes',
      summary: 'Expected departure delay in minutes, for sizing crew buffers.',
      owners: ['diego.alvarez@example.org'],
      team: 'airport-ops',
      task: 'regression',
      lifecycle: 'production',
      primary_metric: { name: 'mae', direction: 'lower_is_better', label: 'MAE, minutes (daily)' },
      deployments: [{ version: 'v2', role: 'champion', mode: 'production', environment: 'prod', since: shiftDay(FLIGHTS_SHIFT, from), endpoint: 'https://api.example.org/airops/delay-minutes' }],
      software: { latency_p95_ms: 150, error_rate: 0.01 },
      tags: ['operations', 'regression'],
      consumers: [{ name: 'Crew scheduling', contact: 'crew-sched@example.org' }],
      links: { code: `https://${REPO}`, incident: 'https://status.example.org/incidents/airops-2026-10-19' },
    },
    body,
    versions,
    metrics: lines,
    reference: referenceOf('v2', versions[1].trained_at, train2, train2.map(pv.v2), predEdges),
    windows,
  };
}

/** flight-severe-delay: just deployed, three points, unknown. */
export function flightSevereDelay(): ModelBundle {
  const id = 'flight-severe-delay';
  const all = departures();
  const y = late(60);
  const train = realPeriod(all, '2001-01-01', '2001-02-28');
  const test = realPeriod(all, '2001-03-01', '2001-03-14');
  const m = fitLogistic(train.map(xFlight), train.map(y), { iters: 500, lr: 0.5, l2: 1e-3 });
  const pr = (f: Dep): number => predictLogistic(m, xFlight(f));
  const versions: VersionIn[] = [
    {
      version: 'v1',
      trained_at: '2026-10-20T11:00:00Z',
      author: 'priya.nair@example.org',
      code: { repo: REPO, commit: commitOf(id, 'v1'), path: 'severe/train.py' },
      data: dataRefs(id, 'v1', train, test),
      params: { algorithm: 'logistic-regression', solver: 'batch-gradient-descent', iterations: 500, l2: 0.001, threshold: 0.5, label: 'departure delay >= 60 min', features: FLIGHT_FEATURES.join(',') },
      metrics: evals(binaryScores(test.map(pr), test.map(y))),
      notes: 'First version; eight weeks of training data.',
    },
  ];
  const from = '2001-03-29';
  const days = byDay(realPeriod(all, from, '2001-03-31'));
  const predEdges = [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 1];
  // Feature logging is not wired for this model yet: metrics only, no windows.
  const lines: MetricLineIn[] = demoDays(from).flatMap((day) => {
    const fs = days.get(day) ?? [];
    return metrics(day, 'v1', binaryScores(fs.map(pr), fs.map(y)), fs.length);
  });
  const body = cardBody({
    title: 'Flight severe delay',
    purpose: `Flags departures likely to leave an hour or more late, so that passengers with tight connections can be rebooked
the evening before.`,
    data: `Same departures as flight-delay-risk; about ${sig(mean(train.map(y)) * 100, 2)}% of training flights left 60+ minutes late.
Trained on ${train.length} flights, tested on the following two weeks (${test.length} flights).`,
    model: `Logistic regression on the risk model's features.`,
    evaluation: `Held-out fortnight after training:\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}`,
    limitations: `- Deployed on ${shiftDay(FLIGHTS_SHIFT, from)}: only three nightly evaluations exist, too few for a health verdict
  (health is unknown until at least five points are in).
- Severe delays are rare (about one flight in twenty): a day's AUC rests on about ten late flights.`,
    usage: `Score table \`ops.severe_delay_risk\`; the rebooking tool reads flights above 0.15.`,
    monitoring: `Nightly over the day's flights: \`auc\` (primary), \`accuracy\`, \`log_loss\`, \`brier\`, \`positive_rate\`, \`prediction_mean\`.
Feature and score windows are not logged yet (the logging step ships with the next release), so drift cannot be tested;
the training-time reference is already in \`features/reference.json\`.`,
    provenance: flightsProvenance(),
  });
  return {
    id,
    intended: { primary: 'unknown', stale: 'fresh', summary: 'unknown: deployed 2026-10-29, only 3 nightly points (< 5); feature logging not set up yet', source: 'real: flights-20k (2001)' },
    card: {
      name: 'Flight severe delay',
      summary: 'Probability that a departure leaves 60+ minutes late, for proactive rebooking.',
      owners: ['priya.nair@example.org'],
      team: 'airport-ops',
      task: 'binary_classification',
      lifecycle: 'production',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (daily)' },
      deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod', since: shiftDay(FLIGHTS_SHIFT, from), endpoint: 'batch/airops-severe-delay' }],
      tags: ['operations', 'classification', 'new'],
      consumers: [{ name: 'Passenger rebooking', contact: 'rebooking@example.org' }],
      links: { code: `https://${REPO}` },
    },
    body,
    versions,
    metrics: lines,
    reference: referenceOf('v1', versions[0].trained_at, train, train.map(pr), predEdges),
    windows: [],
  };
}

/** flight-on-time: P(departure leaves on time or early); a quiet green. */
export function flightOnTime(): ModelBundle {
  const id = 'flight-on-time';
  const all = departures();
  const y = (f: Dep): number => (f.delay <= 0 ? 1 : 0);
  const train = realPeriod(all, '2001-01-01', '2001-01-21');
  const test = realPeriod(all, '2001-01-22', '2001-01-31');
  const m = fitLogistic(train.map(xFlight), train.map(y), { iters: 500, lr: 0.5, l2: 1e-3 });
  const pr = (f: Dep): number => predictLogistic(m, xFlight(f));
  const versions: VersionIn[] = [
    {
      version: 'v1',
      trained_at: '2026-09-03T06:45:00Z',
      author: 'lucas.moreau@example.org',
      code: { repo: REPO, commit: commitOf(id, 'v1'), path: 'ontime/train.py' },
      data: dataRefs(id, 'v1', train, test),
      params: { algorithm: 'logistic-regression', solver: 'batch-gradient-descent', iterations: 500, l2: 0.001, threshold: 0.5, label: 'departure delay <= 0 min', features: FLIGHT_FEATURES.join(',') },
      metrics: evals(binaryScores(test.map(pr), test.map(y))),
      notes: 'Same features as flight-delay-risk, other label: on time or early.',
    },
  ];
  const from = '2001-02-01';
  const days = byDay(realPeriod(all, from, '2001-03-31'));
  const predEdges = edges(0.2, 0.8, 12);
  const lines: MetricLineIn[] = [];
  const windows: FeatureWindowIn[] = [];
  for (const day of demoDays(from)) {
    const fs = days.get(day) ?? [];
    const p = fs.map(pr);
    lines.push(...metrics(day, 'v1', binaryScores(p, fs.map(y)), fs.length));
    windows.push(...dailyWindows(day, 'v1', fs, p, predEdges));
  }
  const body = cardBody({
    title: 'Flight on time',
    purpose: `Gives the probability that a departure leaves on time or early. The passenger app shows a "likely on time" badge
above 0.6, and the gate planners use the score to offer early boarding slots.`,
    data: `Same departures as flight-delay-risk; about ${Math.round(mean(train.map(y)) * 100)}% of training flights left on time or early.
Trained on ${train.length} flights, tested on the following ten days (${test.length} flights).`,
    model: `Logistic regression on the departure hour, an early-morning flag, distance and its log, and Friday/Saturday flags.
Early-morning departures are the most punctual: the aircraft are already at the gate.`,
    evaluation: `Held-out days after training:\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}`,
    limitations: `- Without weather or inbound-aircraft data the model separates on-time from late flights only weakly (test AUC
  ${versions[0].metrics!.auc.toFixed(2)}); the badge is a hint, not a promise, and the app says so.
- It is blind to ground-stop days: on those, all its scores are too high.`,
    usage: `Score table \`ops.departure_on_time\` (column \`p_on_time\`); the app reads it at 18:00 local for the next day.`,
    monitoring: `Nightly over the day's flights: \`auc\` (primary), \`accuracy\`, \`log_loss\`, \`brier\`, \`positive_rate\`, \`prediction_mean\`.
Daily histograms of departure hour and distance, counts per origin hub and a histogram of the scores.`,
    provenance: flightsProvenance('All series are computed from the real flights.'),
  });
  return {
    id,
    intended: { primary: 'green', stale: 'fresh', summary: 'green: daily AUC at its expected level, no drift', source: 'real: flights-20k (2001)' },
    card: {
      name: 'Flight on time',
      summary: 'Probability that a departure leaves on time or early, for the passenger app and gate planning.',
      owners: ['lucas.moreau@example.org'],
      team: 'airport-ops',
      task: 'binary_classification',
      lifecycle: 'production',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (daily)' },
      deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod', since: shiftDay(FLIGHTS_SHIFT, from), endpoint: 'batch/airops-on-time' }],
      tags: ['operations', 'classification', 'passenger-app'],
      consumers: [{ name: 'Passenger app', contact: '#passenger-app' }, { name: 'Gate planning', contact: 'gates@example.org' }],
      links: { code: `https://${REPO}` },
    },
    body,
    versions,
    metrics: lines,
    reference: referenceOf('v1', versions[0].trained_at, train, train.map(pr), predEdges),
    windows,
  };
}
