#!/usr/bin/env node
/**
 * The alarm benchmark (`npm run bench:alarms`): fleets with known truth, scored day by day as
 * `spog status --as-of DAY` computes health, beside two baselines on the same primary-metric
 * series (the latest value vs expected, and the mean of the last 10 values vs expected; amber at a
 * 5% shortfall, red at 10%). Prints a table per scenario, the targets and whether each is met,
 * the champion-test simulation, and last one JSON line.
 *
 *   npm run bench:alarms                      # the full benchmark (~1-2 minutes)
 *   npm run bench:alarms -- --scale 0.25      # a quarter of the models per scenario
 *   npm run bench:alarms -- --legacy          # files the registry format before 2026-12 accepts
 *   npm run bench:alarms -- --why             # which checks caused spog's false alarms
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { generate } from './alarms/generate.ts';
import { falseAlarmCauses, METHODS, scoreScenario, type Days, type Method, type Scores } from './alarms/score.ts';
import { CHAMPION_CASES, simulateChampion } from './alarms/champion.ts';
import { checkTargets, type TargetResult } from './alarms/targets.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    out: { type: 'string', default: join(process.cwd(), '.cache', 'bench-alarms') },
    threads: { type: 'string', default: String(Math.max(1, Math.min(4, cpus().length))) },
    legacy: { type: 'boolean', default: false },
    why: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const truth = generate({ out: args.out!, scale: Number(args.scale), legacy: args.legacy });
process.stderr.write(`generated ${truth.models.length} models x ${truth.warmup_days + truth.scored_days} days in ${((Date.now() - started) / 1000).toFixed(1)} s; scoring ${truth.scored_days} days each\n`);

const days = new Map<string, Days>();
const next = new Int32Array(new SharedArrayBuffer(4));
const workerFile = new URL('./alarms/worker.ts', import.meta.url);
await Promise.all(Array.from({ length: Number(args.threads) }, () => new Promise<void>((resolve, reject) => {
  const w = new Worker(workerFile, { workerData: { root: args.out, truth, next } });
  w.on('message', (msg: { id: string; days: Days }) => {
    days.set(msg.id, msg.days);
    if (days.size % 50 === 0) process.stderr.write(`\r${days.size}/${truth.models.length} models scored`);
  });
  w.on('error', reject);
  w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
})));
process.stderr.write(`\r${days.size}/${truth.models.length} models scored in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

const mismatches = [...days.values()].flatMap((d) => d.mismatches);
const verified = [...days.values()].reduce((a, d) => a + d.verified, 0);
process.stderr.write(mismatches.length
  ? `the day walk disagrees with status --as-of on ${mismatches.length} of ${verified} sampled days:\n${mismatches.slice(0, 10).join('\n')}\n`
  : verified ? `the day walk agrees with status --as-of on all ${verified} sampled days\n` : 'this engine has no day walk: every day was evaluated as status --as-of\n');
if (mismatches.length) process.exitCode = 1;

const results: { scenario: string; about: string; degraded: boolean; scores: Record<Method, Scores> }[] = [];
for (const s of truth.scenarios) {
  const models = truth.models.filter((m) => m.scenario === s.name);
  results.push({ scenario: s.name, about: s.about, degraded: s.degraded, scores: Object.fromEntries(METHODS.map((m) => [m, scoreScenario(models, days, m)])) as Record<Method, Scores> });
}

const f1 = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(1));
const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(2));
const pctS = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const cell = (xs: string[]) => xs.join(' / ');
const line = (cols: string[], widths: number[]) => cols.map((c, i) => c.padEnd(widths[i])).join('  ');

console.log(`\nNo change (every non-green day is a false alarm); each cell: spog / latest vs expected / mean of last 10 vs expected\n`);
const w1 = [20, 8, 22, 22, 26, 22];
console.log(line(['scenario', 'months', 'amber ep./100 mo', 'red ep./100 mo', 'non-green days', 'changes/model-mo'], w1));
for (const r of results.filter((x) => !x.degraded)) {
  const s = r.scores;
  console.log(line([r.scenario, f1(s.spog.model_months), cell(METHODS.map((m) => f1(s[m].amber_episodes))), cell(METHODS.map((m) => f1(s[m].red_episodes))), cell(METHODS.map((m) => pctS(s[m].non_green_days))), cell(METHODS.map((m) => f2(s[m].changes)))], w1));
}
console.log(`\nDegradations (false alarms counted before the onset); each cell: spog / latest / rolling-10\n`);
const w2 = [20, 24, 24, 18, 18, 24, 22];
console.log(line(['scenario', 'detected in 30 d', 'detected', 'median delay', 'p90 delay', 'non-green after', 'false ep./100 mo'], w2));
for (const r of results.filter((x) => x.degraded)) {
  const s = r.scores;
  console.log(line([r.scenario, cell(METHODS.map((m) => pctS(s[m].detected_30))), cell(METHODS.map((m) => pctS(s[m].detected))), cell(METHODS.map((m) => f1(s[m].median_delay))), cell(METHODS.map((m) => f1(s[m].p90_delay))), cell(METHODS.map((m) => pctS(s[m].sustained))), cell(METHODS.map((m) => f1(s[m].amber_episodes + s[m].red_episodes)))], w2));
}

if (args.why) {
  console.log('\nspog false-alarm days by check verdict (days a check was not green before any onset)\n');
  for (const s of truth.scenarios) {
    const causes = falseAlarmCauses(truth.models.filter((m) => m.scenario === s.name), days);
    console.log(`${s.name.padEnd(20)}  ${Object.entries(causes).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`);
  }
}

const CHAMPION_RUNS = 60_000;
const champion = CHAMPION_CASES.map((c, i) => simulateChampion(c, CHAMPION_RUNS, 2026 + i));
console.log(`\nChampion vs challenger (${CHAMPION_RUNS.toLocaleString('en')} simulated comparisons each; AR(1) daily differences, unit sd)\n`);
console.log(line(['lag-1 corr.', 'paired days', 'true effect (sd)', 'promote', 'keep', 'not enough data'], [12, 12, 18, 10, 10, 16]));
for (const c of champion) {
  const share = (k: number) => `${((100 * k) / c.reps).toFixed(1)}%`;
  console.log(line([String(c.phi), String(c.days), String(c.effect), share(c.promote), share(c.keep), share(c.not_enough_data)], [12, 12, 18, 10, 10, 16]));
}

const targets: TargetResult[] = checkTargets(results, champion);
console.log('\nTargets (issue #12)\n');
for (const t of targets) console.log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.value}`);
const met = targets.filter((t) => t.met).length;
console.log(`\n${met} of ${targets.length} targets met; ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
console.log(JSON.stringify({ bench: 'alarms', champion, models: truth.models.length, scored_days: truth.scored_days, seconds: (Date.now() - started) / 1000, targets_met: met, targets: targets.length, scenarios: results.map((r) => ({ scenario: r.scenario, ...Object.fromEntries(METHODS.map((m) => [m, r.scores[m]])) })) }));
