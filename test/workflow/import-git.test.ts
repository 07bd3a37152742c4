/**
 * `spog import gto` and `spog import dvc` on real git repositories made in the test: GTO's tags
 * written with `git tag` as GTO writes them (annotated, NAME@vX.Y.Z, NAME#STAGE#N), artifacts.yaml
 * and dvc.yaml with their metrics and params files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGtoTag, replay } from '../../src/workflow/import/gto.ts';
import { dvcFiles, expRows } from '../../src/workflow/import/dvc.ts';
import { commitAll, git, makeRepo, spog, type Repo } from './helpers.ts';

let repo: Repo;
let ml: string;

beforeEach(() => {
  repo = makeRepo('minimal');
  ml = mkdtempSync(join(tmpdir(), 'spog-ml-'));
  git(ml, ['init', '-q', '-b', 'main']);
  git(ml, ['config', 'user.email', 'bo@example.org']);
  git(ml, ['config', 'user.name', 'Bo']);
  git(ml, ['config', 'commit.gpgsign', 'false']);
  git(ml, ['config', 'tag.gpgsign', 'false']);
});
afterEach(() => {
  repo.cleanup();
  rmSync(ml, { recursive: true, force: true });
});

const read = (rel: string) => readFileSync(join(repo.registry, rel), 'utf8');
const frontMatter = (rel: string) => parse(read(rel).split('---\n')[1]) as Record<string, unknown>;
const changes = () => git(repo.dir, ['status', '--porcelain', '--untracked-files=all']).trim();

/** A commit of the training repository with these files, at `date`. */
function train(files: Record<string, string>, date: string): void {
  for (const [f, text] of Object.entries(files)) writeFileSync(join(ml, f), text);
  git(ml, ['add', '-A']);
  git(ml, ['commit', '-q', '-m', `train ${date}`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
}

/** An annotated tag as GTO makes it, at `date`. */
function tag(name: string, date: string, ref = 'HEAD'): void {
  const [artifact, version] = name.split('@');
  const message = version ? `Registering artifact ${artifact} version ${version}` : `Assigning stage to ${artifact}`;
  git(ml, ['tag', '-a', name, '-m', message, ref], { GIT_COMMITTER_DATE: date, GIT_COMMITTER_EMAIL: 'bo@example.org', GIT_COMMITTER_NAME: 'Bo' });
}

const DVC_YAML = 'stages:\n  train:\n    cmd: python train.py\n    params:\n      - train.max_depth\n    metrics:\n      - metrics.json:\n          cache: false\n';
const params = (depth: number) => `train:\n  max_depth: ${depth}\n  seed: 7\nprepare:\n  split: 0.2\n`;
const metrics = (auc: number) => JSON.stringify({ auc, rmse: 0.4 });

describe('spog import gto', () => {
  beforeEach(() => {
    writeFileSync(join(ml, 'artifacts.yaml'), 'Churn_Model:\n  type: model\n  path: models/churn.pkl\n  description: Weekly churn propensity\n  labels: [tabular]\nfeatures:\n  type: dataset\n  path: data/features.parquet\n');
    train({ 'dvc.yaml': DVC_YAML, 'params.yaml': params(4), 'metrics.json': metrics(0.81) }, '2026-09-01T10:00:00Z');
    tag('Churn_Model@v1.0.0', '2026-09-01T11:00:00Z');
    tag('features@v1.0.0', '2026-09-01T11:00:00Z');
    tag('Churn_Model#prod#1', '2026-09-02T09:00:00Z');
    train({ 'params.yaml': params(6), 'metrics.json': metrics(0.84) }, '2026-10-01T10:00:00Z');
    tag('Churn_Model@v1.1.0', '2026-10-01T11:00:00Z');
    tag('Churn_Model#staging#2', '2026-10-02T09:00:00Z');
  });

  it('registers versions from NAME@vX.Y.Z tags and deploys stages: prod champion, staging canary; datasets are left out', async () => {
    const r = await spog('import', 'gto', '--repo', ml, '--registry', repo.registry);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('"Churn_Model" is not a model id: imported as churn-model');
    expect(r.stdout).toContain('created:\n  models/churn-model/README.md\n  models/churn-model/versions/v1.0.0.yaml\n  models/churn-model/versions/v1.1.0.yaml\n');
    const card = frontMatter('models/churn-model/README.md');
    expect(card).toMatchObject({
      name: 'Churn_Model',
      summary: 'Weekly churn propensity',
      owners: ['bo@example.org'], // the tagger of the newest version
      task: 'other',
      primary_metric: { name: 'auc', direction: 'higher_is_better' },
      deployments: [
        { version: 'v1.0.0', role: 'champion', mode: 'production', since: '2026-09-02T09:00:00Z' },
        { version: 'v1.1.0', role: 'challenger', mode: 'canary', since: '2026-10-02T09:00:00Z' },
      ],
      source: { tool: 'gto', uri: ml, name: 'Churn_Model' },
    });
    const commit = git(ml, ['rev-parse', 'HEAD']).trim();
    expect(parse(read('models/churn-model/versions/v1.1.0.yaml'))).toEqual({
      version: 'v1.1.0',
      trained_at: '2026-10-01T11:00:00Z',
      author: 'bo@example.org',
      code: { repo: ml, commit, path: 'models/churn.pkl' },
      params: { 'train.max_depth': 6 }, // only the stage's params key
      metrics: { auc: 0.84, rmse: 0.4 },
      tags: { type: 'model', path: 'models/churn.pkl', labels: 'tabular' },
    });
    expect((await spog('validate', repo.registry)).code).toBe(0);
    commitAll(repo.dir, 'Import');
    const again = await spog('import', 'gto', '--repo', ml, '--registry', repo.registry);
    expect(again.stdout).toContain('nothing to import');
    expect(changes()).toBe('');
  });

  it('lets the newest assignment of a stage win, and takes a deregistered version out of the deployments', async () => {
    tag('Churn_Model#prod#3', '2026-10-05T09:00:00Z');
    tag('Churn_Model@v1.0.0!', '2026-10-06T09:00:00Z', 'Churn_Model@v1.0.0^{}');
    const r = await spog('import', 'gto', '--repo', ml, '--registry', repo.registry, '--owner', '@bo', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('versions/v1.0.0.yaml');
    expect(r.stdout).toContain('+  - version: v1.1.0\n');
    const d = await spog('import', 'gto', '--repo', ml, '--registry', repo.registry, '--owner', '@bo');
    expect(d.code, d.stderr).toBe(0);
    // prod#3 promoted v1.1.0: staging still names it in GTO, but a champion is not also its own challenger.
    expect(frontMatter('models/churn-model/README.md').deployments).toEqual([{ version: 'v1.1.0', role: 'champion', mode: 'production', since: '2026-10-05T09:00:00Z' }]);
  });

  it('reads GTO tag names as GTO does', () => {
    const t = (name: string) => parseGtoTag({ name, commit: 'c', date: 0, message: '' });
    expect(t('churn@v1.2.3')).toMatchObject({ kind: 'register', name: 'churn', version: 'v1.2.3' });
    expect(t('churn@v1.2.3!')).toMatchObject({ kind: 'deregister', version: 'v1.2.3' });
    expect(t('churn@deprecated')).toMatchObject({ kind: 'deprecate' });
    expect(t('churn#prod#4')).toMatchObject({ kind: 'assign', stage: 'prod', number: 4 });
    expect(t('churn#prod')).toMatchObject({ kind: 'assign', stage: 'prod', number: 0 });
    expect(t('churn#prod!#5')).toMatchObject({ kind: 'unassign', stage: 'prod', number: 5 });
    expect(t('v1.0')).toBeUndefined();
    expect(t('churn@1.0')).toBeUndefined();
  });

  it('removes a stage on unassignment, and warns about an assignment at a commit without a version', () => {
    const at = (name: string, date: number, commit = 'c1') => parseGtoTag({ name, commit, date, message: '' })!;
    const warnings: string[] = [];
    const s = replay([at('m@v1.0.0', 1), at('m#prod#1', 2), at('m#shadow#2', 3), at('m#prod!#3', 4), at('m#qa#4', 5, 'c9')], warnings).get('m')!;
    expect([...s.stages.keys()]).toEqual(['shadow']);
    expect(warnings).toEqual(['m#qa#4 assigns "m" to qa at a commit with no registered version; left out']);
  });
});

describe('spog import dvc', () => {
  beforeEach(() => {
    train({ 'dvc.yaml': DVC_YAML, 'params.yaml': params(4), 'metrics.json': metrics(0.81) }, '2026-09-01T10:00:00Z');
    git(ml, ['tag', 'v3']);
    train({ 'params.yaml': params(6), 'metrics.json': metrics(0.84) }, '2026-10-01T10:00:00Z');
    git(ml, ['tag', 'v4']);
  });

  it('makes every tagged commit with a dvc.yaml a version of the model, with the params and metrics its files hold', async () => {
    const r = await spog('import', 'dvc', '--repo', ml, '--model', 'churn', '--registry', repo.registry);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('changed:\n  models/churn/README.md\n');
    expect(r.stdout).toContain('created:\n  models/churn/versions/v3.yaml\n  models/churn/versions/v4.yaml\n');
    const card = read('models/churn/README.md');
    // The fixture's hand-written card keeps its deployments; only the source is added.
    expect(git(repo.dir, ['diff', '--', 'registry/models/churn/README.md'])).toMatch(/^\+source:\n/m);
    expect(frontMatter('models/churn/README.md').deployments).toEqual(parse(git(repo.dir, ['show', 'HEAD:registry/models/churn/README.md']).split('---\n')[1]).deployments);
    expect(card).toContain(`  tool: dvc\n`);
    expect(parse(read('models/churn/versions/v4.yaml'))).toMatchObject({ version: 'v4', trained_at: '2026-10-01T10:00:00Z', author: 'ana@example.org', params: { 'train.max_depth': 6 }, metrics: { auc: 0.84, rmse: 0.4 } });
    commitAll(repo.dir, 'Import');
    expect((await spog('import', 'dvc', '--repo', ml, '--model', 'churn', '--registry', repo.registry)).stdout).toContain('nothing to import');
  });

  it('reads the commits and experiments of dvc exp show --json, the experiments with their commit as parent', async () => {
    const v2 = git(ml, ['rev-parse', 'v4']).trim();
    const exp = [
      { rev: 'workspace', name: null, data: { rev: 'workspace', timestamp: null, params: {}, metrics: {} }, error: null, experiments: null },
      {
        rev: v2,
        name: 'main',
        data: { rev: v2, timestamp: '2026-10-01T10:00:00', params: { 'params.yaml': { data: { train: { max_depth: 6 } } } }, metrics: { 'metrics.json': { data: { auc: 0.84 } } } },
        error: null,
        experiments: [{ revs: [{ rev: 'e'.repeat(40), name: 'urban-sign', data: { rev: 'e'.repeat(40), timestamp: '2026-10-02T08:00:00', params: { 'params.yaml': { data: { train: { max_depth: 8 } } } }, metrics: { 'metrics.json': { data: { auc: 0.86 } } } }, experiments: null }], executor: null, name: 'urban-sign' }],
      },
    ];
    writeFileSync(join(ml, 'exp.json'), JSON.stringify(exp));
    const r = await spog('import', 'dvc', '--repo', ml, '--model', 'churn', '--exp-show', join(ml, 'exp.json'), '--registry', repo.registry, '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('would create models/churn/versions/v4.yaml\n');
    expect(r.stdout).toContain('would create models/churn/versions/urban-sign.yaml\n');
    expect(r.stdout).toContain('+parent: v4\n');
    expect(r.stdout).toContain('+  auc: 0.86\n');
    expect(changes()).toBe('');
  });

  it('reads which files dvc.yaml names, and both layouts of dvc exp show --json', () => {
    const f = dvcFiles('params: [config.yaml]\nmetrics: [eval/summary.json]\nstages:\n  train:\n    params:\n      - lr\n      - custom.yaml: [a.b]\n    metrics:\n      - scores.json\n');
    expect(f.metrics).toEqual(['eval/summary.json', 'scores.json']);
    expect([...f.params]).toEqual([['config.yaml', 'all'], ['params.yaml', new Set(['lr'])], ['custom.yaml', new Set(['a.b'])]]);
    expect(expRows({ workspace: { baseline: { data: {} } }, abc1234: { baseline: { data: { name: 'main' } }, def5678: { data: { name: 'exp-1' } } } }).map((r) => [r.rev, r.name, r.baseline])).toEqual([
      ['abc1234', 'main', undefined],
      ['def5678', 'exp-1', 'abc1234'],
    ]);
  });

  it('refuses a missing or malformed --model and an unreadable --exp-show', async () => {
    expect((await spog('import', 'dvc', '--repo', ml, '--registry', repo.registry)).stderr).toBe('spog: --model is needed: the model id the DVC project trains, e.g. --model churn-model\n');
    expect((await spog('import', 'dvc', '--repo', ml, '--model', 'Churn Model', '--registry', repo.registry)).stderr).toContain('e.g. churn-model');
    writeFileSync(join(ml, 'bad.json'), '{"cut');
    const r = await spog('import', 'dvc', '--repo', ml, '--model', 'churn', '--exp-show', join(ml, 'bad.json'), '--registry', repo.registry);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--exp-show ${join(ml, 'bad.json')} is not the JSON of dvc exp show --json`);
  });
});
