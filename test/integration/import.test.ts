/**
 * `spog import` against the real trackers (issue 17): a real MLflow server filled by MLflow's own
 * client, a real GTO registry made with `gto register`/`gto assign`, a real DVC project made with
 * `dvc repro` and `dvc exp run`. Each script writes the truth it made into a JSON file; the tests
 * import into a registry repository made by `spog init --bare` and check the files against it:
 * every version and alias or stage, slugged ids with the original name kept, a warning for each
 * deleted run, `spog validate`, nothing written by a second import or by --dry-run, metric
 * lines from run histories added once.
 *
 * Needs PyPI once (scripts/integration-env.sh makes python/.venv-integration, about a minute,
 * then reuses it). The outputs a reviewer wants to see (dry-run, first import's diff --stat,
 * the empty second import) are printed and saved to test-results/integration-import.md.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { closedPort, exec, filesUnder, must, mustAsync, PYTHON, requireImport, ROOT, SCRIPTS, spogCli, startMlflow, treeHash, type MlflowServer, type Ran } from './harness.ts';

// ---- The truth the tracker scripts write (scripts/integration/*.py) ----

interface MlflowRun {
  run_id: string;
  trained_at: string;
  params: Record<string, string>;
  metrics: Record<string, number>;
  history: Record<string, { step: number; timestamp: number; value: number }[]>;
  git_commit: string;
  source_name: string;
  repo_url: string;
  datasets: { name: string; digest: string; uri: string; rows: number; context: string }[];
}
interface MlflowTruth {
  tracking_uri: string;
  models: {
    name: string;
    id: string;
    description: string;
    aliases: Record<string, string>;
    deployments: Deployment[];
    versions: { version: string; id: string; source: string; tags: Record<string, string>; run: MlflowRun | null; run_deleted: 'soft' | 'purge' | null }[];
  }[];
  deleted_runs: { model: string; model_id: string; version: string; version_id: string; run_id: string; how: 'soft' | 'purge' }[];
  unregistered_runs: string[];
}
interface GtoTruth {
  repo: string;
  artifacts: {
    name: string;
    id: string;
    description: string;
    versions: { version: string; id: string; tag: string; commit: string; committed_at: string; stages: string[] }[];
    stages: Record<string, string>;
    deployments: Deployment[];
    unmapped_stages: string[];
  }[];
}
interface DvcTruth {
  repo: string;
  versions: { tag: string; commit: string; date: string; params_flat: Record<string, number>; metrics_flat: Record<string, number> }[];
  experiments: { name: string; rev: string; params_flat: Record<string, number>; metrics_flat: Record<string, number> }[];
  exp_show: string;
}
interface Deployment {
  version: string;
  role: 'champion' | 'challenger';
  mode: string;
}
interface Card {
  name: string;
  deployments?: Deployment[];
}
interface VersionFile {
  version: string;
  trained_at: string;
  code?: { repo?: string; commit: string; path?: string };
  data?: { name: string; uri: string }[];
  params?: Record<string, unknown>;
  metrics?: Record<string, number>;
  tags?: Record<string, string>;
}

// ---- The harness: trackers, registry repositories, reading what import wrote ----

let tmp: string;
let server: MlflowServer | undefined;
let mlflow: MlflowTruth;
let gto: GtoTruth;
let dvc: DvcTruth;
/** A registry repository as `spog init --bare` makes it, committed; copied for each test. */
let template: string;
const report: string[] = [];

function record(title: string, text: string): void {
  const block = `### ${title}\n\n\`\`\`\n${text.trimEnd()}\n\`\`\`\n`;
  report.push(block);
  console.log(block);
}

const git = (dir: string, args: string[]): string => must('git', args, dir, { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });

/** A new registry repository (a copy of the template), its registry folder and a name for messages. */
function newRepo(name: string): { dir: string; registry: string } {
  const dir = join(tmp, `registry-${name}`);
  cpSync(template, dir, { recursive: true });
  return { dir, registry: join(dir, 'registry') };
}

/** `spog import <tool> ...` into a repository. */
function spogImport(repo: { dir: string; registry: string }, tool: string, args: string[]): Ran {
  return spogCli(['import', tool, ...args, '--registry', repo.registry], repo.dir);
}

function ok(r: Ran, what: string): Ran {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

function validate(repo: { dir: string; registry: string }): Ran {
  return spogCli(['validate', repo.registry], repo.dir);
}

/** Stage everything and commit; the --stat of what was staged. */
function commitAll(dir: string, message: string): string {
  git(dir, ['add', '-A']);
  const stat = git(dir, ['diff', '--cached', '--stat']);
  git(dir, ['-c', 'user.name=Ana Lopez', '-c', 'user.email=ana@acme.example', 'commit', '-q', '--allow-empty', '-m', message]);
  return stat;
}

const status = (dir: string): string => git(dir, ['status', '--porcelain', '--untracked-files=all']);

function card(registry: string, id: string): Card {
  const text = readFileSync(join(registry, 'models', id, 'README.md'), 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) throw new Error(`models/${id}/README.md has no YAML front matter:\n${text.slice(0, 400)}`);
  return YAML.parse(m[1]) as Card;
}

function versionFile(registry: string, id: string, version: string): VersionFile {
  return YAML.parse(readFileSync(join(registry, 'models', id, 'versions', `${version}.yaml`), 'utf8')) as VersionFile;
}

const versionFiles = (registry: string, id: string): string[] =>
  filesUnder(join(registry, 'models', id, 'versions')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));

/** A parameter as YAML holds it equals MLflow's text of it ("6" and 6, "0.1" and 0.1, "gbm" and "gbm"). */
function sameParam(value: unknown, text: string): boolean {
  if (typeof value === 'number') return Number(text) === value;
  return String(value) === text;
}

/** Every metric line under the registry, with the model folder it is in. */
function metricLines(registry: string): { model: string; line: { ts: string; version: string; metric: string; value: number; run?: string } }[] {
  const models = join(registry, 'models');
  return filesUnder(models)
    .filter((f) => /^[^/]+\/metrics\/.+\.ndjson$/.test(f))
    .flatMap((f) =>
      readFileSync(join(models, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => ({ model: f.split('/')[0], line: JSON.parse(l) as { ts: string; version: string; metric: string; value: number; run?: string } })),
    );
}

/** The truth for one deployment list, in a stable order for comparison. */
const byVersionRole = (ds: Deployment[]): Deployment[] =>
  ds.map(({ version, role, mode }) => ({ version, role, mode: mode ?? 'production' })).sort((a, b) => `${a.role}${a.version}`.localeCompare(`${b.role}${b.version}`));

beforeAll(async () => {
  const t0 = Date.now();
  const times: string[] = [];
  const lap = (what: string, since: number): void => void times.push(`${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);
  must('bash', [join(ROOT, 'scripts', 'integration-env.sh')], ROOT);
  lap('integration-env.sh', t0);
  tmp = mkdtempSync(join(tmpdir(), 'spog-import-'));

  let t = Date.now();
  server = await startMlflow(join(tmp, 'mlflow'));
  lap('mlflow server up', t);
  t = Date.now();
  const db = `sqlite:///${join(tmp, 'mlflow', 'mlflow.db')}`;
  await Promise.all([
    mustAsync(PYTHON, [join(SCRIPTS, 'populate_mlflow.py'), server.uri, join(tmp, 'mlflow-truth.json'), '--gc-backend-store-uri', db], tmp),
    mustAsync(PYTHON, [join(SCRIPTS, 'make_gto_repo.py'), join(tmp, 'gto-repo'), join(tmp, 'gto-truth.json')], tmp),
    mustAsync(PYTHON, [join(SCRIPTS, 'make_dvc_repo.py'), join(tmp, 'dvc-repo'), join(tmp, 'dvc-truth.json')], tmp),
  ]);
  lap('trackers filled', t);
  mlflow = JSON.parse(readFileSync(join(tmp, 'mlflow-truth.json'), 'utf8')) as MlflowTruth;
  gto = JSON.parse(readFileSync(join(tmp, 'gto-truth.json'), 'utf8')) as GtoTruth;
  dvc = JSON.parse(readFileSync(join(tmp, 'dvc-truth.json'), 'utf8')) as DvcTruth;

  t = Date.now();
  template = join(tmp, 'template');
  mkdirSync(template);
  git(template, ['init', '-q', '-b', 'main']);
  ok(spogCli(['init', template, '--bare', '--yes', '--title', 'Imported fleet', '--team', 'ml-platform:ML platform', '--owner', 'ana@acme.example', '--spog', 'git+https://github.com/acme/spog.git#v0.2.0'], ROOT), 'spog init --bare');
  commitAll(template, 'spog init --bare');
  lap('registry template', t);
  record('harness set-up', times.join('\n'));
}, 900_000);

afterAll(async () => {
  await server?.stop();
  if (report.length) {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results', 'integration-import.md'), `# spog import against real trackers\n\n${report.join('\n')}`);
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

// ---- MLflow ----

describe('the harness itself', () => {
  it('serves what populate_mlflow.py wrote over MLflow REST: models with aliases, versions, a soft-deleted and a purged run', async () => {
    const api = `${mlflow.tracking_uri}/api/2.0/mlflow`;
    const get = async (path: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> => {
      const r = await fetch(`${api}/${path}?${new URLSearchParams(params)}`);
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const models = (await get('registered-models/search', { max_results: '100' })).body.registered_models as { name: string; aliases?: { alias: string; version: string }[] }[];
    expect(models.map((m) => m.name).sort()).toEqual(mlflow.models.map((m) => m.name).sort());
    for (const m of mlflow.models) {
      const got = models.find((x) => x.name === m.name)!;
      expect(Object.fromEntries((got.aliases ?? []).map((a) => [a.alias, a.version]))).toEqual(m.aliases);
      const versions = (await get('model-versions/search', { filter: `name='${m.name}'` })).body.model_versions as { version: string; run_id: string }[];
      expect(versions.map((v) => v.version).sort()).toEqual(m.versions.map((v) => v.version).sort());
    }
    const soft = mlflow.deleted_runs.find((d) => d.how === 'soft')!;
    const softRun = (await get('runs/get', { run_id: soft.run_id })).body.run as { info: { lifecycle_stage: string } };
    expect(softRun.info.lifecycle_stage).toBe('deleted');
    const purged = mlflow.deleted_runs.find((d) => d.how === 'purge')!;
    const gone = await get('runs/get', { run_id: purged.run_id });
    expect([gone.status, gone.body.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('made the GTO and DVC repositories it describes', () => {
    const tags = must('git', ['tag', '--list'], gto.repo).split('\n');
    for (const a of gto.artifacts) for (const v of a.versions) expect(tags).toContain(v.tag);
    for (const v of dvc.versions) expect(must('git', ['rev-parse', `${v.tag}^{commit}`], dvc.repo).trim()).toBe(v.commit);
    expect(existsSync(dvc.exp_show)).toBe(true);
  });
});

describe('spog import mlflow from a real tracking server', () => {
  beforeEach(requireImport);
  let repo: { dir: string; registry: string };
  let firstImport = '';
  const uriArgs = (): string[] => ['--tracking-uri', mlflow.tracking_uri];

  it('--dry-run writes nothing and names the models it would import', () => {
    repo = newRepo('mlflow');
    const before = treeHash(repo.dir);
    const r = ok(spogImport(repo, 'mlflow', [...uriArgs(), '--dry-run']), 'spog import mlflow --dry-run');
    record('spog import mlflow --dry-run (first import)', r.output);
    expect(treeHash(repo.dir)).toBe(before);
    expect(status(repo.dir)).toBe('');
    for (const m of mlflow.models) expect(r.output).toContain(m.id);
  });

  it('writes a card per registered model (slugged id, MLflow name kept) and a version file per version, with aliases as deployments', () => {
    const r = ok(spogImport(repo, 'mlflow', uriArgs()), 'spog import mlflow');
    firstImport = r.output;
    record('spog import mlflow (first import): output', r.output);
    for (const m of mlflow.models) {
      const c = card(repo.registry, m.id);
      expect(c.name, `models/${m.id}/README.md name`).toBe(m.name);
      expect(byVersionRole(c.deployments ?? []), `models/${m.id} deployments from aliases ${JSON.stringify(m.aliases)}`).toEqual(byVersionRole(m.deployments));
      expect(versionFiles(repo.registry, m.id).sort()).toEqual(m.versions.map((v) => v.id).sort());
      for (const v of m.versions) {
        const f = versionFile(repo.registry, m.id, v.id);
        const where = `models/${m.id}/versions/${v.id}.yaml`;
        expect(f.version, where).toBe(v.id);
        expect(f.tags ?? {}, `${where} tags`).toMatchObject(v.tags);
        if (!v.run || v.run_deleted) continue;
        expect(String(f.trained_at).slice(0, 10), `${where} trained_at`).toBe(v.run.trained_at.slice(0, 10));
        for (const [k, text] of Object.entries(v.run.params)) expect(sameParam(f.params?.[k], text), `${where} params.${k}: ${String(f.params?.[k])} for MLflow's "${text}"`).toBe(true);
        for (const [k, value] of Object.entries(v.run.metrics)) expect(f.metrics?.[k], `${where} metrics.${k}`).toBeCloseTo(value, 9);
        expect(f.code?.commit && v.run.git_commit.startsWith(f.code.commit), `${where} code.commit ${f.code?.commit} for ${v.run.git_commit}`).toBe(true);
        expect((f.data ?? []).map((d) => d.uri), `${where} data`).toEqual(expect.arrayContaining(v.run.datasets.map((d) => d.uri)));
      }
    }
  });

  it('warns about each version whose run was deleted, naming the model and the version', () => {
    for (const d of mlflow.deleted_runs) {
      const lines = firstImport.split('\n').filter((l) => (l.includes(d.model) || l.includes(d.model_id)) && new RegExp(`\\b(${d.version_id}|version ${d.version})\\b`, 'i').test(l));
      expect(lines.length, `a line naming ${d.model} (${d.model_id}) and ${d.version_id}, whose run ${d.run_id} was deleted (${d.how})`).toBeGreaterThan(0);
    }
    // A run no version came from is not imported.
    const tree = filesUnder(repo.registry).map((f) => readFileSync(join(repo.registry, f), 'utf8')).join('\n');
    for (const id of mlflow.unregistered_runs) expect(tree).not.toContain(id);
  });

  it('leaves a registry spog validate accepts', () => {
    const v = validate(repo);
    expect(v.code, v.output).toBe(0);
    record('git diff --stat of the first MLflow import', commitAll(repo.dir, 'spog import mlflow'));
  });

  it('writes nothing on a second import with nothing changed, and says so', () => {
    const before = treeHash(repo.dir);
    const r = ok(spogImport(repo, 'mlflow', uriArgs()), 'second spog import mlflow');
    record('spog import mlflow (second import, nothing changed)', r.output);
    expect(treeHash(repo.dir)).toBe(before);
    expect(status(repo.dir)).toBe('');
    expect(r.output).toMatch(/no change|nothing (to|changed)|unchanged|up to date/i);
  });

  it('--alias canary=challenger:canary maps the canary alias, and only that changes', () => {
    const ltv = mlflow.models.find((m) => m.aliases.canary)!;
    const others = mlflow.models.filter((m) => m !== ltv).map((m) => [m.id, treeHash(join(repo.registry, 'models', m.id))]);
    ok(spogImport(repo, 'mlflow', [...uriArgs(), '--alias', 'canary=challenger:canary']), 'spog import mlflow --alias canary=challenger:canary');
    expect(byVersionRole(card(repo.registry, ltv.id).deployments ?? [])).toEqual(
      byVersionRole([...ltv.deployments, { version: `v${ltv.aliases.canary}`, role: 'challenger', mode: 'canary' }]),
    );
    expect(mlflow.models.filter((m) => m !== ltv).map((m) => [m.id, treeHash(join(repo.registry, 'models', m.id))])).toEqual(others);
    const v = validate(repo);
    expect(v.code, v.output).toBe(0);
    commitAll(repo.dir, 'spog import mlflow --alias canary=challenger:canary');
  });

  it("--metrics-from-runs adds each run's metric history as metric lines, once", () => {
    const aliasArgs = ['--alias', 'canary=challenger:canary'];
    expect(metricLines(repo.registry)).toEqual([]);
    ok(spogImport(repo, 'mlflow', [...uriArgs(), ...aliasArgs, '--metrics-from-runs']), 'spog import mlflow --metrics-from-runs');
    const lines = metricLines(repo.registry);
    expect(lines.length).toBeGreaterThan(0);
    for (const m of mlflow.models) {
      for (const v of m.versions) {
        if (!v.run || v.run_deleted) continue;
        const mine = lines.filter((l) => l.model === m.id && l.line.version === v.id);
        const history = Object.entries(v.run.history).flatMap(([metric, points]) => points.map((p) => ({ metric, value: p.value, ts: new Date(p.timestamp).toISOString().slice(0, 10) })));
        expect(mine.map((l) => ({ metric: l.line.metric, value: l.line.value, ts: l.line.ts.slice(0, 10) })).sort((a, b) => `${a.metric}${a.ts}`.localeCompare(`${b.metric}${b.ts}`)), `metric lines of ${m.id} ${v.id}`).toEqual(
          history.sort((a, b) => `${a.metric}${a.ts}`.localeCompare(`${b.metric}${b.ts}`)),
        );
      }
    }
    const v = validate(repo);
    expect(v.code, v.output).toBe(0);
    record('git diff --stat of --metrics-from-runs', commitAll(repo.dir, 'spog import mlflow --metrics-from-runs'));

    const before = treeHash(repo.dir);
    ok(spogImport(repo, 'mlflow', [...uriArgs(), ...aliasArgs, '--metrics-from-runs']), 'second spog import mlflow --metrics-from-runs');
    expect(metricLines(repo.registry).length).toBe(lines.length);
    expect(treeHash(repo.dir)).toBe(before);
  });

  it('--model imports only the models named, by their MLflow name', () => {
    const only = newRepo('mlflow-one');
    const fraud = mlflow.models.find((m) => m.name !== m.id)!;
    ok(spogImport(only, 'mlflow', [...uriArgs(), '--model', fraud.name]), `spog import mlflow --model "${fraud.name}"`);
    expect(filesUnder(join(only.registry, 'models')).filter((f) => f.endsWith('README.md'))).toEqual([`${fraud.id}/README.md`]);
  });

  it('fails naming the URL when no server answers there, writing nothing', async () => {
    const fresh = newRepo('mlflow-down');
    const url = `http://127.0.0.1:${await closedPort()}`;
    const before = treeHash(fresh.dir);
    const r = spogImport(fresh, 'mlflow', ['--tracking-uri', url]);
    record('spog import mlflow from a closed port', `exit ${r.code}\n${r.output}`);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain(url);
    expect(treeHash(fresh.dir)).toBe(before);
  });
});

// ---- GTO ----

describe('spog import gto from a real GTO registry', () => {
  beforeEach(requireImport);
  let repo: { dir: string; registry: string };
  // GTO's artifacts carry no evaluation at their tags here: a new card needs its primary metric named.
  const repoArgs = (): string[] => ['--repo', gto.repo, '--primary-metric', 'auc'];

  it('--dry-run writes nothing and names the artifacts it would import', () => {
    repo = newRepo('gto');
    const before = treeHash(repo.dir);
    const r = ok(spogImport(repo, 'gto', [...repoArgs(), '--dry-run']), 'spog import gto --dry-run');
    record('spog import gto --dry-run (first import)', r.output);
    expect(treeHash(repo.dir)).toBe(before);
    for (const a of gto.artifacts) expect(r.output).toContain(a.id);
  });

  it('writes a card per artifact (slugged id, GTO name kept), a version file per registered version, and prod/staging/shadow as deployments', () => {
    const r = ok(spogImport(repo, 'gto', repoArgs()), 'spog import gto');
    record('spog import gto (first import): output', r.output);
    for (const a of gto.artifacts) {
      const c = card(repo.registry, a.id);
      expect(c.name, `models/${a.id}/README.md name`).toBe(a.name);
      // Roles and versions from the stages; a stage with no spog role (dev) deploys nothing.
      const roles = (ds: Deployment[]): string[] => ds.map((d) => `${d.role} ${d.version}`).sort();
      expect(roles(c.deployments ?? []), `models/${a.id} deployments from stages ${JSON.stringify(a.stages)}`).toEqual(roles(a.deployments));
      expect((c.deployments ?? []).find((d) => d.role === 'champion')?.mode ?? 'production').toBe('production');
      expect(versionFiles(repo.registry, a.id).sort()).toEqual(a.versions.map((v) => v.id).sort());
      for (const v of a.versions) {
        const f = versionFile(repo.registry, a.id, v.id);
        expect(f.version).toBe(v.id);
        expect(f.code?.commit && v.commit.startsWith(f.code.commit), `models/${a.id}/versions/${v.id}.yaml code.commit ${f.code?.commit} for ${v.commit}`).toBe(true);
      }
    }
    const v = validate(repo);
    expect(v.code, v.output).toBe(0);
    record('git diff --stat of the first GTO import', commitAll(repo.dir, 'spog import gto'));
  });

  it('writes nothing on a second import with nothing changed, and says so', () => {
    const before = treeHash(repo.dir);
    const r = ok(spogImport(repo, 'gto', repoArgs()), 'second spog import gto');
    record('spog import gto (second import, nothing changed)', r.output);
    expect(treeHash(repo.dir)).toBe(before);
    expect(status(repo.dir)).toBe('');
    expect(r.output).toMatch(/no change|nothing (to|changed)|unchanged|up to date/i);
  });
});

// ---- DVC ----

describe('spog import dvc from a real DVC project', () => {
  beforeEach(requireImport);
  let repo: { dir: string; registry: string };
  const MODEL = 'churn-dvc';
  const dvcArgs = (): string[] => ['--repo', dvc.repo, '--model', MODEL, '--exp-show', dvc.exp_show];

  it('--dry-run writes nothing', () => {
    repo = newRepo('dvc');
    const before = treeHash(repo.dir);
    const r = ok(spogImport(repo, 'dvc', [...dvcArgs(), '--dry-run']), 'spog import dvc --dry-run');
    record('spog import dvc --dry-run (first import)', r.output);
    expect(treeHash(repo.dir)).toBe(before);
    expect(r.output).toContain(MODEL);
  });

  it("writes the model's card and, for each tagged version, a version file with its commit, params and metrics", () => {
    const r = ok(spogImport(repo, 'dvc', dvcArgs()), 'spog import dvc');
    record('spog import dvc (first import): output', r.output);
    expect(existsSync(join(repo.registry, 'models', MODEL, 'README.md'))).toBe(true);
    const files = versionFiles(repo.registry, MODEL).map((id) => versionFile(repo.registry, MODEL, id));
    for (const v of dvc.versions) {
      const f = files.find((x) => x.code?.commit && v.commit.startsWith(x.code.commit));
      expect(f, `a version file of ${MODEL} with code.commit ${v.commit} (tag ${v.tag}); files: ${files.map((x) => `${x.version}@${x.code?.commit}`).join(', ')}`).toBeDefined();
      for (const [k, value] of Object.entries(v.metrics_flat)) expect(f!.metrics?.[k], `${f!.version} metrics.${k}`).toBeCloseTo(value, 9);
      for (const [k, value] of Object.entries(v.params_flat)) expect(f!.params?.[k], `${f!.version} params.${k}`).toBe(value);
    }
    const v = validate(repo);
    expect(v.code, v.output).toBe(0);
    record('git diff --stat of the first DVC import', commitAll(repo.dir, 'spog import dvc'));
  });

  it('writes nothing on a second import with nothing changed, and says so', () => {
    const before = treeHash(repo.dir);
    const r = ok(spogImport(repo, 'dvc', dvcArgs()), 'second spog import dvc');
    record('spog import dvc (second import, nothing changed)', r.output);
    expect(treeHash(repo.dir)).toBe(before);
    expect(status(repo.dir)).toBe('');
    expect(r.output).toMatch(/no change|nothing (to|changed)|unchanged|up to date/i);
  });
});
