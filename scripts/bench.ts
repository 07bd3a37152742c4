#!/usr/bin/env node
/**
 * `npm run bench`: spog at scale, end to end, on this machine. Generates the large fixture
 * (1,000 models x 730 days x 20 features) into a temporary folder unless `--fixture DIR` is
 * given, then runs each phase as a child process so the peak RSS of its whole process tree can
 * be sampled (/proc, every 100 ms):
 *
 *   validate   `spog validate`                          -> validate_s
 *   compute    load at the evaluation time, then the engine's buildSnapshot alone -> compute_s
 *   build      the whole `spog build`, with an empty model cache -> build_s, pages, page sizes (gzip)
 *   rebuild    one day of metrics appended to one model, `spog build` again (the cache holds
 *              the other models)                        -> rebuild_s (the line is removed after)
 *   bare Astro a throwaway Astro project with one [id].astro page and as many trivial pages,
 *              using this repository's node_modules     -> bare_astro_s
 *   KS         our ksTwoSample vs scipy's ks_2samp on the same 2 x 10,000 values (when
 *              /usr/bin/python3 has scipy)               -> ks_10k_vs_scipy_ratio
 *
 * Readable lines go first; the LAST line is one JSON object with every figure. Options:
 *   --fixture DIR   use an existing registry (nothing is generated or deleted)
 *   --models N --days N --features N   fixture size (default 1000, 730, 20)
 *   --keep          keep the generated fixture and the built site (paths are printed)
 *   --skip PHASES   comma-separated: validate,compute,build,rebuild,bare,ks
 * The evaluation date is the fixture's `as_of` pin, passed to the build as --as-of.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { defaultCacheDir } from '../src/compute/cache.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE = process.execPath;

const { values: args } = parseArgs({
  options: {
    fixture: { type: 'string' },
    models: { type: 'string', default: '1000' },
    days: { type: 'string', default: '730' },
    features: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
    // Internal: run one measured phase inside a child process.
    phase: { type: 'string' },
    registry: { type: 'string' },
    'as-of': { type: 'string' },
  },
});

// ---------------------------------------------------------------------------------------------
// Child phase: load at the evaluation time, then time the engine alone.
if (args.phase === 'compute') {
  const { loadAt } = await import('../src/registry/load.ts');
  const { buildSnapshot } = await import('../src/core/snapshot.ts');
  const t0 = performance.now();
  const { reg, asOf } = loadAt(args.registry!, args['as-of']);
  const t1 = performance.now();
  const snap = buildSnapshot(reg, asOf);
  const t2 = performance.now();
  process.stdout.write(`${JSON.stringify({
    load_s: (t1 - t0) / 1000,
    compute_s: (t2 - t1) / 1000,
    metric_points: reg.counts.metricPoints,
    models: reg.counts.models,
    errors: reg.counts.errors,
    by_health: snap.fleet.by_health,
  })}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Measuring child processes: wall time and the peak RSS of the whole process tree.

/** RSS in kB of every process in the tree rooted at `pid` (scans /proc; Linux only). */
function treeRssKb(pid: number): number {
  const children = new Map<number, number[]>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'latin1'));
      if (m) total += Number(m[1]);
    } catch {
      // Gone.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

interface Run {
  seconds: number;
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr lines with the seconds since the start at which they arrived and the peak tree RSS (MB) since the line before. */
  timeline: { at: number; line: string; peakMb: number }[];
}

function run(cmd: string, argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let peak = 0;
    let phasePeak = 0;
    const timeline: Run['timeline'] = [];
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      const lines = (partial + s).split(/\r?\n|\r/);
      partial = lines.pop()!;
      const at = (performance.now() - started) / 1000;
      for (const line of lines) {
        if (!line.trim()) continue;
        timeline.push({ at, line, peakMb: phasePeak / 1024 });
        phasePeak = 0;
      }
    });
    const sample = () => {
      if (child.pid === undefined) return;
      const kb = treeRssKb(child.pid);
      peak = Math.max(peak, kb);
      phasePeak = Math.max(phasePeak, kb);
    };
    const timer = setInterval(sample, 100);
    child.on('error', (e) => {
      clearInterval(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      timeline.push({ at: (performance.now() - started) / 1000, line: `(exit ${code})`, peakMb: phasePeak / 1024 });
      done({ seconds: (performance.now() - started) / 1000, peakRssMb: peak / 1024, code, stdout, stderr, timeline });
    });
  });
}

function mustSucceed(what: string, r: Run): Run {
  if (r.code !== 0) {
    process.stderr.write(r.stderr.slice(-4000));
    throw new Error(`${what} failed (exit ${r.code})`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const say = (s: string) => process.stdout.write(`${s}\n`);

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file)).length;

/** Deterministic normal samples (mulberry32 + Box-Muller), as the fixture generator draws them. */
async function normals(n: number, seed: number, shift: number): Promise<number[]> {
  const { mulberry32 } = await import('../src/core/random.ts');
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
}

function hasScipy(): boolean {
  if (!existsSync('/usr/bin/python3')) return false;
  return spawnSync('/usr/bin/python3', ['-c', 'import scipy.stats'], { stdio: 'ignore' }).status === 0;
}

// ---------------------------------------------------------------------------------------------
// The benchmark.

const skip = new Set(args.skip!.split(',').map((s) => s.trim()).filter(Boolean));
const work = mkdtempSync(join(tmpdir(), 'spog-bench-'));
const result: Record<string, unknown> = {};
const cleanup: string[] = [];

try {
  say(`spog bench on ${process.platform}, Node ${process.versions.node}, ${(await import('node:os')).availableParallelism()} cores; work folder ${work}`);

  // Fixture.
  let fixture = args.fixture;
  if (fixture === undefined) {
    fixture = join(work, 'registry');
    const size = ['--models', args.models!, '--days', args.days!, '--features', args.features!];
    const r = mustSucceed('fixture', await run(NODE, ['scripts/gen-fixture.ts', ...size, '--out', fixture]));
    const info = JSON.parse(r.stdout.trim().split('\n').pop()!);
    say(`fixture: ${info.models} models, ${info.versions} versions, ${info.metric_points} metric points, ${info.feature_windows} feature windows, generated in ${round(r.seconds, 1)} s`);
    result.fixture_s = round(r.seconds, 1);
    if (!args.keep) cleanup.push(fixture);
  } else {
    fixture = resolve(fixture);
    say(`fixture: ${fixture} (given)`);
  }
  const du = spawnSync('du', ['-sm', fixture], { encoding: 'utf8' });
  if (du.status === 0) result.fixture_mb = Number(du.stdout.split('\t')[0]);
  const pin = /^as_of:\s*"?(\d{4}-\d{2}-\d{2})"?/m.exec(readFileSync(join(fixture, 'spog.yaml'), 'utf8'));
  const asOf = pin?.[1];
  const asOfArgs = asOf ? ['--as-of', asOf] : [];
  const peaks: number[] = [];

  // validate.
  if (!skip.has('validate')) {
    const r = await run(NODE, ['scripts/spog.ts', 'validate', '--registry', fixture]);
    if (r.code !== 0 && r.code !== 1) mustSucceed('spog validate', r);
    const summary = r.stdout.trim().split('\n').pop() ?? '';
    say(`validate: ${round(r.seconds)} s, peak RSS ${Math.round(r.peakRssMb)} MB: ${summary}`);
    result.validate_s = round(r.seconds);
    result.validate_rss_mb = Math.round(r.peakRssMb);
    peaks.push(r.peakRssMb);
  }

  // compute (the engine alone, after loading at the evaluation time).
  if (!skip.has('compute')) {
    const r = mustSucceed('compute', await run(NODE, ['scripts/bench.ts', '--phase', 'compute', '--registry', fixture, ...asOfArgs]));
    const c = JSON.parse(r.stdout.trim().split('\n').pop()!);
    result.metric_points = c.metric_points;
    result.load_s = round(c.load_s);
    result.compute_s = round(c.compute_s, 3);
    result.points_per_s = Math.round(c.metric_points / c.compute_s);
    result.compute_rss_mb = Math.round(r.peakRssMb);
    peaks.push(r.peakRssMb);
    say(`compute: load ${round(c.load_s)} s, engine ${round(c.compute_s, 3)} s for ${c.metric_points} metric points (${(c.metric_points / c.compute_s / 1e6).toFixed(2)} M points/s), peak RSS ${Math.round(r.peakRssMb)} MB; health ${JSON.stringify(c.by_health)}`);
  }

  // The whole `spog build`.
  let pages = 0;
  if (!skip.has('build')) {
    const out = join(work, 'dist');
    if (!args.keep) cleanup.push(out);
    // A first build: no cached models (a --fixture given twice would otherwise hit the cache).
    rmSync(defaultCacheDir(fixture), { recursive: true, force: true });
    const r = mustSucceed('spog build', await run(NODE, ['scripts/spog.ts', 'build', '--registry', fixture, '--out', out, ...asOfArgs]));
    say(`build: ${round(r.seconds, 1)} s, peak RSS ${Math.round(r.peakRssMb)} MB (each line: seconds since the start, peak RSS of the step before it)`);
    for (const t of r.timeline) if (!t.line.startsWith('npm warn')) say(`  ${t.at.toFixed(1).padStart(6)} s ${(t.peakMb ? String(Math.round(t.peakMb)) : '-').padStart(5)} MB  ${t.line}`);
    const files = htmlFiles(out);
    pages = files.length;
    const overview = join(out, 'index.html');
    const modelPages = files.filter((f) => /\/models\/[^/]+\/index\.html$/.test(f)).map(gzipBytes);
    result.build_s = round(r.seconds, 1);
    result.build_rss_mb = Math.round(r.peakRssMb);
    result.pages = pages;
    result.overview_gzip_bytes = gzipBytes(overview);
    result.model_page_gzip_bytes_median = Math.round(median(modelPages));
    result.model_page_gzip_bytes_max = Math.max(...modelPages);
    peaks.push(r.peakRssMb);
    say(`pages: ${pages}; overview ${result.overview_gzip_bytes} B gzip; ${modelPages.length} model pages: median ${result.model_page_gzip_bytes_median} B, max ${result.model_page_gzip_bytes_max} B gzip`);

    // A rebuild after a pipeline appended one day of metrics to one model.
    if (!skip.has('rebuild')) {
      const model = readdirSync(join(fixture, 'models')).sort()[0];
      const months = readdirSync(join(fixture, 'models', model, 'metrics')).filter((f) => f.endsWith('.ndjson')).sort();
      const file = join(fixture, 'models', model, 'metrics', months[months.length - 1]);
      const original = statSync(file).size;
      const last = JSON.parse(readFileSync(file, 'utf8').trimEnd().split('\n').pop()!) as { ts: string };
      appendFileSync(file, `${JSON.stringify({ ...last, ts: `${asOf ?? last.ts.slice(0, 10)}T23:59:00Z` })}\n`);
      try {
        const rb = mustSucceed('spog build (rebuild)', await run(NODE, ['scripts/spog.ts', 'build', '--registry', fixture, '--out', out, ...asOfArgs]));
        const reused = /(\d+) unchanged, taken from the cache/.exec(rb.stderr)?.[1];
        result.rebuild_s = round(rb.seconds, 1);
        result.rebuild_cached_models = reused === undefined ? null : Number(reused);
        peaks.push(rb.peakRssMb);
        say(`rebuild after one day appended to ${model}: ${round(rb.seconds, 1)} s, ${reused ?? '?'} models from the cache, peak RSS ${Math.round(rb.peakRssMb)} MB`);
      } finally {
        truncateSync(file, original);
      }
    }
  }
  if (peaks.length) result.peak_rss_mb = Math.round(Math.max(...peaks));

  // Bare Astro: the same number of trivial pages, with this repository's node_modules.
  if (!skip.has('bare')) {
    const n = pages || Number(args.models) * 2;
    const bare = join(work, 'bare-astro');
    mkdirSync(join(bare, 'src', 'pages'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(bare, 'node_modules'), 'dir');
    writeFileSync(join(bare, 'package.json'), '{"name":"bare-astro","private":true,"type":"module"}\n');
    writeFileSync(join(bare, 'astro.config.mjs'), "export default { build: { format: 'directory' }, devToolbar: { enabled: false } };\n");
    writeFileSync(join(bare, 'src', 'pages', '[id].astro'), [
      '---',
      `export function getStaticPaths() { return Array.from({ length: ${n} }, (_, i) => ({ params: { id: \`p\${i}\` } })); }`,
      'const { id } = Astro.params;',
      '---',
      '<html lang="en"><head><title>{id}</title></head><body><h1>Page {id}</h1></body></html>',
      '',
    ].join('\n'));
    cleanup.push(bare);
    const r = mustSucceed('bare Astro build', await run(NODE, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], { cwd: bare, env: { ASTRO_TELEMETRY_DISABLED: '1' } }));
    const built = htmlFiles(join(bare, 'dist')).length;
    result.bare_astro_s = round(r.seconds, 1);
    say(`bare Astro: ${built} trivial pages in ${round(r.seconds, 1)} s, peak RSS ${Math.round(r.peakRssMb)} MB`);
    if (typeof result.build_s === 'number') result.ratio_vs_bare_astro = round(result.build_s / r.seconds);
  }

  // KS on 2 x 10,000 values: ours vs scipy, same inputs, same run.
  if (!skip.has('ks')) {
    const { ksTwoSample } = await import('../src/core/stats/ks-two-sample.ts');
    const a = await normals(10_000, 1, 0);
    const b = await normals(10_000, 2, 0.03);
    const reps = 15;
    const ours: number[] = [];
    let mine = ksTwoSample(a, b);
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      mine = ksTwoSample(a, b);
      ours.push((performance.now() - t0) / 1000);
    }
    const oursS = median(ours);
    result.ks_10k_ours_ms = round(oursS * 1000, 3);
    if (hasScipy()) {
      const input = join(work, 'ks.json');
      writeFileSync(input, JSON.stringify({ a, b }));
      const py = [
        'import json, sys, time, statistics',
        'from scipy.stats import ks_2samp',
        `d = json.load(open(${JSON.stringify(input)}))`,
        'a, b = d["a"], d["b"]',
        'r = ks_2samp(a, b)',
        'ts = []',
        `for _ in range(${reps}):`,
        '    t0 = time.perf_counter(); r = ks_2samp(a, b); ts.append(time.perf_counter() - t0)',
        'print(json.dumps({"seconds": statistics.median(ts), "statistic": float(r.statistic), "pvalue": float(r.pvalue)}))',
      ].join('\n');
      const p = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
      if (p.status === 0) {
        const s = JSON.parse(p.stdout.trim());
        result.ks_10k_scipy_ms = round(s.seconds * 1000, 3);
        result.ks_10k_vs_scipy_ratio = round(oursS / s.seconds, 3);
        say(`KS 2 x 10,000: ours ${result.ks_10k_ours_ms} ms (D ${mine.statistic}, p ${mine.pValue.toPrecision(6)}), scipy ${result.ks_10k_scipy_ms} ms (D ${s.statistic}, p ${Number(s.pvalue).toPrecision(6)}): ratio ${result.ks_10k_vs_scipy_ratio}`);
      } else say(`KS: scipy failed: ${p.stderr.trim().split('\n').pop()}`);
    } else say(`KS 2 x 10,000: ours ${result.ks_10k_ours_ms} ms; /usr/bin/python3 has no scipy, no ratio`);
  }

  const budgets: [string, (v: number) => boolean, string][] = [
    ['validate_s', (v) => v <= 10, '<= 10'],
    ['build_s', (v) => v <= 60, '<= 60'],
    ['ratio_vs_bare_astro', (v) => v <= 4, '<= 4'],
    ['peak_rss_mb', (v) => v <= 1536, '<= 1536'],
    ['points_per_s', (v) => v >= 2_000_000, '>= 2,000,000'],
    ['overview_gzip_bytes', (v) => v <= 100 * 1024, '<= 102400'],
    ['model_page_gzip_bytes_max', (v) => v <= 60 * 1024, '<= 61440'],
  ];
  for (const [key, ok, limit] of budgets) {
    const v = result[key];
    if (typeof v === 'number') say(`budget ${key} ${v} ${limit}: ${ok(v) ? 'ok' : 'OVER'}`);
  }
} finally {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else say(`kept ${work}`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
