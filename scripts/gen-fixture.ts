#!/usr/bin/env node
/**
 * A deterministic large registry for benchmarks (`npm run fixture -- --models 1000 --days 730
 * --features 20 --out DIR`): models across 25 teams, daily metrics (primary + 4 other metrics
 * + the primary on 3 slices), per-model feature references and daily production windows as
 * histograms, 1-3 versions each, and every health state represented (green, amber, red by
 * degradation, stale, too little data, latency, fairness, drift).
 *
 * Feature windows are written in the compact batch form (one line per day with every feature,
 * histograms sharing the reference's edges); `--windows single` writes one line per feature per
 * day with its edges instead, the same numbers, for comparing the two.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../src/core/random.ts';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: '1000' },
    days: { type: 'string', default: '730' },
    features: { type: 'string', default: '20' },
    teams: { type: 'string', default: '25' },
    out: { type: 'string', default: '/tmp/spog-fixture' },
    'as-of': { type: 'string', default: '2026-10-31' },
    windows: { type: 'string', default: 'batch' },
  },
});
const MODELS = Number(args.models);
const DAYS = Number(args.days);
const FEATURES = Number(args.features);
const TEAMS = Number(args.teams);
const OUT = args.out!;
const AS_OF = args['as-of']!;
const BATCH = args.windows !== 'single';
if (args.windows !== 'batch' && args.windows !== 'single') throw new Error('--windows is batch or single');
const DAY = 86_400_000;
const END = Date.parse(`${AS_OF}T00:00:00Z`);
const BINS = 10;

const rand = mulberry32(42);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

type Scenario = 'green' | 'amber' | 'red' | 'stale' | 'new' | 'latency' | 'fairness' | 'drift';
const SCENARIOS: Scenario[] = ['green', 'green', 'green', 'green', 'green', 'amber', 'red', 'stale', 'new', 'latency', 'fairness', 'drift'];

rmSync(join(OUT, 'models'), { recursive: true, force: true });
mkdirSync(join(OUT, 'models'), { recursive: true });
const teams = Array.from({ length: TEAMS }, (_, i) => `team-${pad(i + 1, 2)}`);
writeFileSync(join(OUT, 'spog.yaml'), `title: Scale fixture (${MODELS} models x ${DAYS} days)\nas_of: "${AS_OF}"\nteams:\n${teams.map((t) => `  - {id: ${t}, name: Team ${t.slice(5)}}`).join('\n')}\n`);
writeFileSync(join(OUT, '.gitattributes'), '*.ndjson merge=union\n');

let points = 0;
let windows = 0;
let versionsTotal = 0;
const started = Date.now();
for (let m = 0; m < MODELS; m++) {
  const id = `model-${pad(m + 1, 4)}`;
  const dir = join(OUT, 'models', id);
  mkdirSync(join(dir, 'versions'), { recursive: true });
  mkdirSync(join(dir, 'metrics'));
  mkdirSync(join(dir, 'features'));
  const scenario = SCENARIOS[m % SCENARIOS.length];
  const lowerBetter = m % 4 === 3;
  const metric = lowerBetter ? 'rmse' : 'auc';
  const expected = lowerBetter ? r4(2 + rand() * 3) : r4(0.7 + rand() * 0.2);
  const nVersions = 1 + (m % 3);
  versionsTotal += nVersions;
  for (let v = 1; v <= nVersions; v++) {
    const trained = new Date(END - (DAYS - (v - 1) * 120) * DAY).toISOString().slice(0, 10);
    writeFileSync(join(dir, 'versions', `v${v}.yaml`), `version: v${v}\ntrained_at: "${trained}"\n${v > 1 ? `parent: v${v - 1}\n` : ''}code: {repo: github.com/acme/${id}, commit: "${(m * 7919 + v * 104729).toString(16).padStart(7, '0').slice(0, 7)}"}\nparams: {max_depth: ${4 + v}, learning_rate: 0.1}\nmetrics: {${metric}: ${expected}, accuracy: 0.8}\n`);
  }
  const champion = `v${nVersions}`;
  const card = [
    '---', `name: Model ${m + 1}`, `owners: [owner${m % 50}@example.org]`, `team: ${teams[m % TEAMS]}`,
    `task: ${lowerBetter ? 'regression' : 'binary_classification'}`, 'lifecycle: production',
    `primary_metric: {name: ${metric}, direction: ${lowerBetter ? 'lower_is_better' : 'higher_is_better'}}`,
    `deployments: [{version: ${champion}, role: champion, mode: production}]`,
    ...(scenario === 'latency' ? ['software: {latency_p95_ms: 200, error_rate: 0.02}'] : []),
    ...(scenario === 'fairness' ? ['fairness: {slices: [segment]}'] : []),
    `tags: [${m % 2 ? 'tier-1' : 'tier-2'}]`, '---', `# Model ${m + 1}`, '', `Synthetic benchmark model (${scenario}).`, '',
  ];
  writeFileSync(join(dir, 'README.md'), card.join('\n'));

  // Daily metrics, one file per month.
  const firstDay = scenario === 'new' ? DAYS - 3 : 0;
  const lastDay = scenario === 'stale' ? DAYS - 12 : DAYS - 1;
  const byMonth = new Map<string, string[]>();
  const noise = lowerBetter ? expected * 0.02 : 0.005;
  for (let d = firstDay; d <= lastDay; d++) {
    const t = END - (DAYS - 1 - d) * DAY;
    const ts = `${new Date(t).toISOString().slice(0, 10)}T06:00:00Z`;
    const recent = d > DAYS - 20;
    const worsen = scenario === 'red' && recent ? 0.15 : scenario === 'amber' && recent ? 0.07 : 0;
    const base = lowerBetter ? expected * (1 + worsen) : expected * (1 - worsen);
    const value = r4(base + gauss() * noise);
    const run = `run-${ts.slice(0, 10)}`;
    const lines = byMonth.get(ts.slice(0, 7)) ?? [];
    const n = 1000 + Math.floor(rand() * 500);
    lines.push(`{"ts":"${ts}","version":"${champion}","metric":"${metric}","value":${value},"n":${n},"run":"${run}"}`);
    lines.push(`{"ts":"${ts}","version":"${champion}","metric":"accuracy","value":${r4(0.8 + gauss() * 0.01)},"n":${n},"run":"${run}"}`);
    lines.push(`{"ts":"${ts}","version":"${champion}","metric":"log_loss","value":${r4(0.4 + gauss() * 0.01)},"n":${n},"run":"${run}"}`);
    const latency = scenario === 'latency' && recent ? 320 : 120;
    lines.push(`{"ts":"${ts}","version":"${champion}","metric":"latency_p95_ms","value":${Math.round(latency + gauss() * 10)},"run":"${run}"}`);
    lines.push(`{"ts":"${ts}","version":"${champion}","metric":"error_rate","value":${r4(Math.abs(0.005 + gauss() * 0.001))},"run":"${run}"}`);
    for (const seg of ['a', 'b', 'c']) {
      const gap = scenario === 'fairness' && seg === 'c' ? (lowerBetter ? 1.2 : 0.85) : 1;
      lines.push(`{"ts":"${ts}","version":"${champion}","metric":"${metric}","value":${r4(value * gap + gauss() * noise)},"n":${Math.floor(n / 3)},"slice":{"segment":"${seg}"},"run":"${run}"}`);
    }
    points += 8;
    byMonth.set(ts.slice(0, 7), lines);
  }
  for (const [month, lines] of byMonth) writeFileSync(join(dir, 'metrics', `${month}.ndjson`), `${lines.join('\n')}\n`);

  // Features: reference histograms on fixed edges, and a daily production window per feature.
  const edges = Array.from({ length: BINS + 1 }, (_, i) => i);
  const shape = (shift: number) => edges.slice(1).map((_, i) => Math.max(1, Math.round(1000 * Math.exp(-((i + 0.5 - 5 - shift) ** 2) / 8))));
  const ref: string[] = [];
  for (let f = 0; f < FEATURES; f++) ref.push(`"f${pad(f + 1, 2)}":{"type":"numeric","histogram":{"edges":[${edges}],"counts":[${shape(0)}]}}`);
  writeFileSync(join(dir, 'features', 'reference.json'), `{"version":"${champion}","features":{${ref.join(',')}},"prediction":{"type":"numeric","histogram":{"edges":[${edges}],"counts":[${shape(0)}]}}}\n`);
  const fByMonth = new Map<string, string[]>();
  for (let d = firstDay; d <= lastDay; d++) {
    const ts = new Date(END - (DAYS - 1 - d) * DAY).toISOString().slice(0, 10);
    const lines = fByMonth.get(ts.slice(0, 7)) ?? [];
    const batch: string[] = [];
    for (let f = 0; f < FEATURES; f++) {
      const shift = scenario === 'drift' && f < FEATURES / 2 && d > DAYS - 30 ? 2 : 0;
      const counts = shape(shift).map((c) => Math.max(0, Math.round(c / 10 + gauss() * 3)));
      if (BATCH) batch.push(`"f${pad(f + 1, 2)}":{"type":"numeric","histogram":{"counts":[${counts}]}}`);
      else lines.push(`{"ts":"${ts}","version":"${champion}","feature":"f${pad(f + 1, 2)}","type":"numeric","histogram":{"edges":[${edges}],"counts":[${counts}]}}`);
      windows++;
    }
    const predShift = scenario === 'drift' && d > DAYS - 30 ? 1.5 : 0;
    const predCounts = shape(predShift).map((c) => Math.max(0, Math.round(c / 10 + gauss() * 3)));
    if (BATCH) lines.push(`{"ts":"${ts}","version":"${champion}","features":{${batch.join(',')}},"prediction":{"type":"numeric","histogram":{"counts":[${predCounts}]}}}`);
    else lines.push(`{"ts":"${ts}","version":"${champion}","feature":"prediction","role":"prediction","type":"numeric","histogram":{"edges":[${edges}],"counts":[${predCounts}]}}`);
    windows++;
    fByMonth.set(ts.slice(0, 7), lines);
  }
  for (const [month, lines] of fByMonth) writeFileSync(join(dir, 'features', `${month}.ndjson`), `${lines.join('\n')}\n`);
  if ((m + 1) % 100 === 0) process.stderr.write(`\r${m + 1}/${MODELS} models`);
}
process.stderr.write('\n');
console.log(JSON.stringify({ out: OUT, models: MODELS, versions: versionsTotal, metric_points: points, feature_windows: windows, seconds: (Date.now() - started) / 1000 }));
