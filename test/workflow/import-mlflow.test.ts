/**
 * `spog import mlflow` against a small HTTP server in the test that answers with MLflow REST
 * responses as MLflow 2.x/3.x gives them (recorded shapes; the real server is the integration
 * test's). What a user notices: the files written, the warnings, the refusals that name the
 * server or the endpoint, and that nothing is written half.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commitAll, git, makeRepo, spog, type Repo } from './helpers.ts';

type Answer = { status?: number; body: unknown } | { raw: string; status?: number };
type Route = (query: URLSearchParams) => Answer;

let repo: Repo;
let server: Server;
let url: string;
let routes: Record<string, Route>;
const seen: string[] = [];

const T1 = Date.parse('2026-09-01T04:00:00Z');
const T2 = Date.parse('2026-10-01T04:00:00Z');

/** The tracker: "Fraud Detector" with two versions (v2 champion, v1 challenger) and their runs. */
function mlflowRoutes(): Record<string, Route> {
  const versions = [
    { name: 'Fraud Detector', version: '1', creation_timestamp: T1, last_updated_timestamp: T1, user_id: 'ana@example.org', current_stage: 'None', source: 'runs:/r1/model', run_id: 'r1', status: 'READY', tags: [{ key: 'validated', value: 'yes' }], aliases: ['challenger'] },
    { name: 'Fraud Detector', version: '2', creation_timestamp: T2, last_updated_timestamp: T2, user_id: 'ana@example.org', current_stage: 'None', source: 'runs:/r2/model', run_id: 'r2', status: 'READY', description: 'Adds merchant features', aliases: ['champion'] },
  ];
  const run = (id: string, start: number, auc: number, parent?: string) => ({
    run: {
      info: { run_id: id, run_uuid: id, experiment_id: '1', run_name: `train-${id}`, user_id: 'ana', status: 'FINISHED', start_time: start - 3_600_000, end_time: start - 60_000, artifact_uri: `mlflow-artifacts:/1/${id}/artifacts`, lifecycle_stage: 'active' },
      data: {
        metrics: [
          { key: 'auc', value: auc, timestamp: start - 120_000, step: 0 },
          { key: 'log_loss', value: 0.31, timestamp: start - 120_000, step: 0 },
        ],
        params: [
          { key: 'max_depth', value: '6' },
          { key: 'learning_rate', value: '0.1' },
          { key: 'booster', value: 'gbtree' },
        ],
        tags: [
          { key: 'mlflow.source.git.commit', value: id === 'r1' ? '3f2a9c1d0e' : 'abc1234def' },
          { key: 'mlflow.source.name', value: 'train.py' },
          { key: 'mlflow.source.git.repoURL', value: 'https://github.com/acme/fraud' },
          { key: 'mlflow.user', value: 'ana' },
          { key: 'team', value: 'risk' },
          ...(parent ? [{ key: 'mlflow.parentRunId', value: parent }] : []),
        ],
      },
      inputs: { dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: { name: 'transactions', digest: 'd41d8cd9', source_type: 'http', source: '{"url": "s3://acme/fraud/2026-08.parquet"}', schema: '{}', profile: '{"num_rows": 1000}' } }] },
    },
  });
  return {
    'registered-models/search': () => ({ body: { registered_models: [{ name: 'Fraud Detector', creation_timestamp: T1, last_updated_timestamp: T2, description: 'Scores card transactions for fraud', latest_versions: [versions[1]] }] } }),
    'registered-models/get': () => ({ body: { registered_model: { name: 'Fraud Detector', creation_timestamp: T1, last_updated_timestamp: T2, description: 'Scores card transactions for fraud', tags: [{ key: 'task', value: 'binary_classification' }], aliases: [{ alias: 'champion', version: '2' }, { alias: 'challenger', version: '1' }] } } }),
    'model-versions/search': () => ({ body: { model_versions: versions } }),
    'runs/get': (q) => (q.get('run_id') === 'r1' ? { body: run('r1', T1, 0.861) } : q.get('run_id') === 'r2' ? { body: run('r2', T2, 0.874, 'r1') } : { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run '${q.get('run_id')}' not found` } }),
    'metrics/get-history': (q) => {
      const start = q.get('run_id') === 'r1' ? T1 : T2;
      const key = q.get('metric_key')!;
      return { body: { metrics: [0, 1, 2].map((step) => ({ key, value: 0.8 + step / 100, timestamp: start - 3_000_000 + step * 60_000, step })) } };
    },
  };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const u = new URL(req.url ?? '/', 'http://x');
  const endpoint = u.pathname.replace('/api/2.0/mlflow/', '');
  seen.push(`${endpoint}?${u.searchParams}`);
  const route = routes[endpoint];
  const answer: Answer = route ? route(u.searchParams) : { status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: 'No such endpoint' } };
  res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
  res.end('raw' in answer ? answer.raw : JSON.stringify(answer.body));
}

beforeEach(async () => {
  repo = makeRepo('minimal');
  routes = mlflowRoutes();
  seen.length = 0;
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  repo.cleanup();
});

const read = (rel: string) => readFileSync(join(repo.registry, rel), 'utf8');
const frontMatter = (rel: string) => parse(read(rel).split('---\n')[1]) as Record<string, unknown>;
const changes = () => git(repo.dir, ['status', '--porcelain', '--untracked-files=all']).trim();
const importMlflow = (...flags: string[]) => spog('import', 'mlflow', '--tracking-uri', url, '--registry', repo.registry, ...flags);

describe('spog import mlflow', () => {
  it('writes a commented card and a version file per model version, with aliases as deployments, and the registry validates', async () => {
    const r = await importMlflow('--owner', '@ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('"Fraud Detector" is not a model id: imported as fraud-detector (its card keeps the name "Fraud Detector")');
    expect(r.stdout).toContain('created:\n  models/fraud-detector/README.md\n  models/fraud-detector/versions/v1.yaml\n  models/fraud-detector/versions/v2.yaml\n');
    expect(frontMatter('models/fraud-detector/README.md')).toEqual({
      name: 'Fraud Detector',
      summary: 'Scores card transactions for fraud',
      owners: ['@ana'],
      team: 'growth',
      task: 'binary_classification', // the registered model's tag "task"
      lifecycle: 'production',
      primary_metric: { name: 'auc', direction: 'higher_is_better' },
      deployments: [
        { version: 'v2', role: 'champion', mode: 'production' },
        { version: 'v1', role: 'challenger', mode: 'shadow' },
      ],
      source: { tool: 'mlflow', uri: url, name: 'Fraud Detector' },
    });
    expect(read('models/fraud-detector/README.md')).toContain('# Display name, e.g. "Churn propensity".\nname: Fraud Detector\n');
    const v2 = parse(read('models/fraud-detector/versions/v2.yaml'));
    expect(v2).toEqual({
      version: 'v2',
      trained_at: '2026-10-01T03:59:00Z', // when its run ended, not when the version was registered
      author: 'ana@example.org',
      parent: 'v1', // the run's mlflow.parentRunId is v1's run
      code: { repo: 'https://github.com/acme/fraud', commit: 'abc1234def', path: 'train.py' },
      data: [{ name: 'train', uri: 's3://acme/fraud/2026-08.parquet', hash: 'd41d8cd9' }],
      params: { max_depth: 6, learning_rate: 0.1, booster: 'gbtree' },
      metrics: { auc: 0.874, log_loss: 0.31 },
      tags: { team: 'risk' },
      notes: 'Adds merchant features',
    });
    expect(read('models/fraud-detector/versions/v2.yaml')).toContain('trained_at: "2026-10-01T03:59:00Z"');
    const v = await spog('validate', repo.registry);
    expect(v.code, v.stdout).toBe(0);
  });

  it('writes nothing the second time, when nothing changed in the tracker, and says so', async () => {
    expect((await importMlflow('--owner', '@ana')).code).toBe(0);
    commitAll(repo.dir, 'Import');
    const before = read('models/fraud-detector/README.md');
    const r = await importMlflow('--owner', '@ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`nothing to import: the registry already holds what mlflow ${url} (1 model, 2 versions) has; nothing was written\n`);
    expect(changes()).toBe('');
    expect(read('models/fraud-detector/README.md')).toBe(before);
  });

  it('with --dry-run prints each file it would create or change as a diff, and writes nothing', async () => {
    const r = await importMlflow('--owner', '@ana', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('would create models/fraud-detector/README.md\n--- /dev/null\n+++ b/models/fraud-detector/README.md\n@@ -0,0 +1,');
    expect(r.stdout).toContain('+name: Fraud Detector\n');
    expect(r.stdout).toContain('would create models/fraud-detector/versions/v1.yaml\n');
    expect(r.stdout).toMatch(/nothing was written \(--dry-run\)\n$/);
    expect(existsSync(join(repo.registry, 'models/fraud-detector'))).toBe(false);
    expect(changes()).toBe('');
  });

  it('on an existing card changes only the deployments and the source, keeping comments, hand-written fields and the endpoint', async () => {
    expect((await importMlflow('--owner', '@ana')).code).toBe(0);
    const card = join(repo.registry, 'models/fraud-detector/README.md');
    const text = read('models/fraud-detector/README.md')
      .replace('lifecycle: production', 'lifecycle: production # went live in September')
      .replace('    mode: production\n', '    mode: production\n    endpoint: fraud-v2 # the serving endpoint\n')
      .replace('\n---\n', '\nlinks:\n  runbook: https://wiki.acme.org/fraud\n---\n');
    writeFileSync(card, text);
    commitAll(repo.dir, 'Hand edits');
    // In the tracker, v1 becomes the champion and the challenger alias goes.
    const get = routes['registered-models/get'];
    routes['registered-models/get'] = (q) => {
      const a = get(q) as { body: { registered_model: Record<string, unknown> } };
      return { body: { registered_model: { ...a.body.registered_model, aliases: [{ alias: 'champion', version: '1' }] } } };
    };
    const versions = (routes['model-versions/search'](new URLSearchParams()) as { body: { model_versions: Record<string, unknown>[] } }).body.model_versions.map((v) => ({ ...v, aliases: v.version === '1' ? ['champion'] : [] }));
    routes['model-versions/search'] = () => ({ body: { model_versions: versions } });
    const r = await importMlflow();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('changed:\n  models/fraud-detector/README.md\n');
    const diff = git(repo.dir, ['diff', '-U0', '--', 'registry/models/fraud-detector/README.md']);
    expect(diff).toContain('-  - version: v2\n+  - version: v1\n');
    expect(diff).toContain('-  - version: v1\n-    role: challenger\n-    mode: shadow\n');
    const after = read('models/fraud-detector/README.md');
    expect(after).toContain('lifecycle: production # went live in September\n');
    expect(after).toContain('    endpoint: fraud-v2 # the serving endpoint\n');
    expect(after).toContain('links:\n  runbook: https://wiki.acme.org/fraud\n');
    expect(after).toContain('# Display name, e.g. "Churn propensity".\n');
  });

  it('refuses a card imported from another tracker model of the same id', async () => {
    expect((await importMlflow('--owner', '@ana')).code).toBe(0);
    const card = join(repo.registry, 'models/fraud-detector/README.md');
    writeFileSync(card, read('models/fraud-detector/README.md').replace('name: Fraud Detector\n---', 'name: fraud-detector\n---'));
    commitAll(repo.dir, 'Another source');
    const r = await importMlflow();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is imported from mlflow "fraud-detector", not mlflow "Fraud Detector"');
  });

  it('imports a version whose run was deleted from what the model version says, with a warning naming model and version', async () => {
    routes['runs/get'] = (q) => (q.get('run_id') === 'r1' ? { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Run 'r1' not found" } } : mlflowRoutes()['runs/get'](q));
    const r = await importMlflow('--owner', '@ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: the run r1 of "Fraud Detector" v1 was deleted: v1 is imported from what the model version says');
    expect(parse(read('models/fraud-detector/versions/v1.yaml'))).toEqual({ version: 'v1', trained_at: '2026-09-01T04:00:00Z', author: 'ana@example.org', tags: { validated: 'yes' } });
  });

  it('imports a version whose run was deleted but is still kept by MLflow from that record, with a warning', async () => {
    routes['runs/get'] = (q) => {
      const r = mlflowRoutes()['runs/get'](q) as { body: { run: { info: Record<string, unknown> } } };
      if (q.get('run_id') === 'r1') r.body.run.info.lifecycle_stage = 'deleted';
      return r;
    };
    const r = await importMlflow('--owner', '@ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: the run r1 of "Fraud Detector" v1 was deleted (MLflow still keeps its record): v1 is imported from that record');
    const v1 = parse(read('models/fraud-detector/versions/v1.yaml'));
    expect(Object.keys(v1.metrics ?? {}).length).toBeGreaterThan(0);
    expect(v1.code).toBeDefined();
  });

  it('maps other aliases with --alias, and refuses an alias table that makes two champions, writing nothing', async () => {
    routes['registered-models/get'] = () => ({ body: { registered_model: { name: 'Fraud Detector', aliases: [{ alias: 'champion', version: '2' }, { alias: 'staging', version: '1' }] } } });
    const versions = (mlflowRoutes()['model-versions/search'](new URLSearchParams()) as { body: { model_versions: Record<string, unknown>[] } }).body.model_versions;
    routes['model-versions/search'] = () => ({ body: { model_versions: versions.map((v) => ({ ...v, aliases: v.version === '2' ? ['champion'] : ['staging'] })) } });
    const warned = await importMlflow('--owner', '@ana', '--dry-run');
    expect(warned.stderr).toContain('alias "staging" of "Fraud Detector" (v1) is not a deployment spog knows: --alias staging=challenger:canary (or =champion) maps it');
    const r = await importMlflow('--owner', '@ana', '--alias', 'staging=challenger:canary');
    expect(r.code, r.stderr).toBe(0);
    expect(frontMatter('models/fraud-detector/README.md').deployments).toEqual([
      { version: 'v2', role: 'champion', mode: 'production' },
      { version: 'v1', role: 'challenger', mode: 'canary' },
    ]);
    commitAll(repo.dir, 'Import');
    const two = await importMlflow('--alias', 'staging=champion');
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('the imported files would not validate, so nothing was written');
    expect(two.stderr).toContain('champion');
    expect(changes()).toBe('');
    const bad = await importMlflow('--alias', 'staging=boss');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--alias "staging=boss" must be NAME=ROLE or NAME=ROLE:MODE');
  });

  it('with --metrics-from-runs appends the runs\' metric history as metric lines, kept once on re-import', async () => {
    const r = await importMlflow('--owner', '@ana', '--metrics-from-runs');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('appended:\n  models/fraud-detector/metrics/2026-09.ndjson (6 metric lines)\n  models/fraud-detector/metrics/2026-10.ndjson (6 metric lines)\n');
    const lines = read('models/fraud-detector/metrics/2026-10.ndjson').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ ts: '2026-10-01T03:10:00.000Z', version: 'v2', metric: 'auc', value: 0.8, run: 'mlflow:r2:0' });
    commitAll(repo.dir, 'Import');
    const again = await importMlflow('--metrics-from-runs');
    expect(again.stdout).toContain('nothing to import');
    expect(changes()).toBe('');
  });

  it('with --since imports only newer versions, and the versions deployed', async () => {
    routes['registered-models/get'] = () => ({ body: { registered_model: { name: 'Fraud Detector', aliases: [{ alias: 'champion', version: '2' }] } } });
    const versions = (mlflowRoutes()['model-versions/search'](new URLSearchParams()) as { body: { model_versions: Record<string, unknown>[] } }).body.model_versions;
    routes['model-versions/search'] = () => ({ body: { model_versions: versions.map((v) => ({ ...v, aliases: v.version === '2' ? ['champion'] : [] })) } });
    const r = await importMlflow('--owner', '@ana', '--since', '2026-09-15');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(repo.registry, 'models/fraud-detector/versions/v1.yaml'))).toBe(false);
    expect(existsSync(join(repo.registry, 'models/fraud-detector/versions/v2.yaml'))).toBe(true);
    expect((await importMlflow('--since', '2026-9-1')).stderr).toContain('--since "2026-9-1" is not a day');
  });

  it('sends MLFLOW_TRACKING_TOKEN as a bearer token, and names the variables when the server refuses', async () => {
    let auth: string | undefined;
    routes['registered-models/search'] = () => ({ status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'You are not authenticated' } });
    const listen = server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      auth = req.headers.authorization;
      listen(req, res);
    });
    process.env.MLFLOW_TRACKING_TOKEN = 'secret-token';
    try {
      const r = await importMlflow();
      expect(r.code).toBe(1);
      expect(auth).toBe('Bearer secret-token');
      expect(r.stderr).toBe(`spog: the MLflow tracking server at ${url} refused access (401 Unauthorized) to ${url}/api/2.0/mlflow/registered-models/search: the credentials given were not accepted; check MLFLOW_TRACKING_TOKEN (a bearer token) or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD. Nothing was written\n`);
    } finally {
      delete process.env.MLFLOW_TRACKING_TOKEN;
    }
    routes['registered-models/search'] = () => ({ status: 403, body: { error_code: 'PERMISSION_DENIED' } });
    const r = await importMlflow();
    expect(r.stderr).toContain('(403 Forbidden)');
    expect(r.stderr).toContain(': set MLFLOW_TRACKING_TOKEN');
    expect(changes()).toBe('');
  });

  it('says which server it cannot reach, when nothing listens there', async () => {
    const closed = url;
    await new Promise<void>((r) => server.close(() => r()));
    server = createServer(handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const r = await spog('import', 'mlflow', '--tracking-uri', closed, '--registry', repo.registry);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spog: cannot reach the MLflow tracking server at ${closed} (connection refused): is it running, and is --tracking-uri right? Nothing was written\n`);
  });

  it('names the endpoint and the page when a paginated answer is cut short, and writes nothing', async () => {
    routes['model-versions/search'] = (q) => {
      const all = (mlflowRoutes()['model-versions/search'](q) as { body: { model_versions: unknown[] } }).body.model_versions;
      if (!q.get('page_token')) return { body: { model_versions: [all[0]], next_page_token: 'p2' } };
      return { raw: JSON.stringify({ model_versions: [all[1]] }).slice(0, 60) };
    };
    const r = await importMlflow('--owner', '@ana');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`spog: ${url}/api/2.0/mlflow/model-versions/search (page 2) did not answer the JSON MLflow's REST API gives (`);
    expect(seen.filter((s) => s.startsWith('model-versions/search'))).toHaveLength(2);
    expect(changes()).toBe('');
  });

  it('names the endpoint of an answer that is not what MLflow gives, and of an error status', async () => {
    routes['registered-models/search'] = () => ({ body: { registered_models: [{ description: 'no name' }] } });
    const r = await importMlflow();
    expect(r.stderr).toContain(`${url}/api/2.0/mlflow/registered-models/search did not answer the JSON MLflow's REST API gives (name: Invalid input`);
    routes['registered-models/search'] = () => ({ status: 500, body: { error_code: 'INTERNAL_ERROR', message: 'database is locked' } });
    const e = await importMlflow();
    expect(e.code).toBe(1);
    expect(e.stderr).toBe(`spog: ${url}/api/2.0/mlflow/registered-models/search answered 500 INTERNAL_ERROR: database is locked. Nothing was written\n`);
  });

  it('refuses two tracker names that slug to one model id, writing nothing', async () => {
    routes['registered-models/search'] = () => ({ body: { registered_models: [{ name: 'Fraud Detector' }, { name: 'fraud_detector' }] } });
    const r = await importMlflow('--owner', '@ana');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Fraud Detector" and "fraud_detector" would both become the model id fraud-detector');
    expect(changes()).toBe('');
  });

  it('asks for --team when spog.yaml has several, listing them', async () => {
    writeFileSync(join(repo.registry, 'spog.yaml'), 'title: Minimal fleet\nas_of: "2026-10-31"\nteams:\n  - {id: growth, name: Growth}\n  - {id: risk, name: Risk}\n');
    commitAll(repo.dir, 'Two teams');
    const r = await importMlflow('--owner', '@ana');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('spog: --team is needed for the new model "Fraud Detector": spog.yaml lists growth, risk\n');
    expect((await importMlflow('--owner', '@ana', '--team', 'risk')).code).toBe(0);
    expect(frontMatter('models/fraud-detector/README.md').team).toBe('risk');
  });
});
