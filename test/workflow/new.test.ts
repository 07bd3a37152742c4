/**
 * `spog new model ID` and `spog new version ID VERSION` on a real git repository: the files they
 * write are commented, carry the editor's schema line and validate; every refusal says what would
 * do (the slug meant, the known teams, the versions there are) and writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schemaHref } from '../../src/workflow/scaffold/schema-path.ts';
import { commitAll, git, makeRepo, spog, type Repo } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let repo: Repo;
beforeEach(() => {
  repo = makeRepo('minimal');
});
afterEach(() => repo.cleanup());

const read = (rel: string) => readFileSync(join(repo.registry, rel), 'utf8');
const frontMatter = (rel: string) => parse(read(rel).split('---\n')[1]) as Record<string, unknown>;
/** `git status --porcelain` of the registry: what a command left changed. */
const changes = () => git(repo.dir, ['status', '--porcelain', '--untracked-files=all']).trim();

/** A second team, so --team has to be said (spog.yaml as the test reads it). */
function twoTeams(): void {
  writeFileSync(join(repo.registry, 'spog.yaml'), 'title: Minimal fleet\nas_of: "2026-10-31"\nteams:\n  - {id: growth, name: Growth}\n  - {id: credit-risk, name: Credit Risk}\n');
  commitAll(repo.dir, 'Two teams');
}

describe('spog new model', () => {
  it('writes a commented model card with its first version as champion, and the registry still validates', async () => {
    const r = await spog('new', 'model', 'price-elasticity', '--registry', repo.registry, '--owner', '@ana', '--owner', 'bo@example.org', '--task', 'regression', '--primary-metric', 'rmse', '--description', 'How demand answers a price change', '--version', 'v1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('new model price-elasticity with version v1 (its champion)\ncreated:\n  models/price-elasticity/README.md\n  models/price-elasticity/versions/v1.yaml\n');
    expect(frontMatter('models/price-elasticity/README.md')).toEqual({
      name: 'Price elasticity',
      summary: 'How demand answers a price change',
      owners: ['@ana', 'bo@example.org'],
      team: 'growth', // the only team of spog.yaml
      task: 'regression',
      lifecycle: 'development',
      primary_metric: { name: 'rmse', direction: 'lower_is_better' }, // spog knows RMSE is better lower
      deployments: [{ version: 'v1', role: 'champion', mode: 'production' }],
    });
    const card = read('models/price-elasticity/README.md');
    expect(card).toContain('---\n# yaml-language-server: $schema=../../../node_modules/spog/public/schema/model-card.schema.json\n# Display name, e.g. "Churn propensity".\nname: Price elasticity\n');
    expect(card).toContain('\n# Price elasticity\n\nHow demand answers a price change\n');
    expect(read('models/price-elasticity/versions/v1.yaml')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/\.\.\/node_modules\/spog\/public\/schema\/version\.schema\.json\n# Version id; must equal the file name without \.yaml\.\nversion: v1\n/);
    const v = await spog('validate', repo.registry);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toContain('2 models');
  });

  it('gives the first version its evaluation, code and data from the flags, so the model has an expected value from the start', async () => {
    const r = await spog('new', 'model', 'churn-risk', '--registry', repo.registry, '--owner', '@ana', '--task', 'binary_classification', '--primary-metric', 'auc', '--version', 'v1', '--metric', 'auc=0.84', '--code-ref', 'github.com/acme/churn@3f2a9c1', '--data-ref', 'train=s3://acme/churn/2026-11/', '--trained-at', '2026-11-30T04:00:00Z');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('warning');
    expect(r.stdout).not.toContain('its evaluation (metrics');
    expect(r.stdout).toContain('\n  npx --no-install spog log --registry ');
    expect(parse(read('models/churn-risk/versions/v1.yaml'))).toMatchObject({ version: 'v1', trained_at: '2026-11-30T04:00:00Z', metrics: { auc: 0.84 }, code: { repo: 'github.com/acme/churn', commit: '3f2a9c1' } });
    expect((await spog('validate', repo.registry)).code).toBe(0);
  });

  it('refuses a primary metric and an evaluation that differ only in case (AUC vs auc), before writing anything', async () => {
    const r = await spog('new', 'model', 'churn-risk', '--registry', repo.registry, '--owner', '@ana', '--task', 'binary_classification', '--primary-metric', 'AUC', '--direction', 'higher', '--version', 'v1', '--metric', 'auc=0.91');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--primary-metric AUC and --metric auc=... differ only in case');
    expect(existsSync(join(repo.registry, 'models/churn-risk'))).toBe(false);
  });

  it('refuses version flags without --version, saying what to add', async () => {
    const r = await spog('new', 'model', 'churn-risk', '--registry', repo.registry, '--owner', '@ana', '--primary-metric', 'auc', '--metric', 'auc=0.84');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--metric describes the first version: add --version, e.g. --version v1 --metric auc=0.84');
  });

  it('points the editor at the schemas spog ships, as the demo files do', () => {
    const demo = join(ROOT, 'registry');
    expect(schemaHref(demo, 'models/x/README.md', 'model-card.schema.json')).toBe('../../../public/schema/model-card.schema.json');
    expect(schemaHref(demo, 'models/x/versions/v1.yaml', 'version.schema.json')).toBe('../../../../public/schema/version.schema.json');
    const firstLine = readFileSync(join(demo, 'models/card-fraud/versions/v1.yaml'), 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../../../../public/schema/version.schema.json');
  });

  it('writes thresholds from --amber and --red, in the mode of spog.yaml', async () => {
    const r = await spog('new', 'model', 'demand', '--registry', repo.registry, '--owner', '@ana', '--task', 'forecasting', '--primary-metric', 'mape', '--amber', '0.1', '--red', '0.2', '--lifecycle', 'staging');
    expect(r.code, r.stderr).toBe(0);
    expect(frontMatter('models/demand/README.md')).toMatchObject({ lifecycle: 'staging', thresholds: { mode: 'relative', amber: 0.1, red: 0.2 } });
    expect(r.stdout).toMatch(/next:\n {2}npx --no-install spog new version demand v1 --registry \S+ --metric mape=VALUE\n {2}npx --no-install spog promote demand v1 --registry \S+\n/);
  });

  it('refuses a model id with capitals or spaces, with the id it probably meant', async () => {
    const r = await spog('new', 'model', 'Churn Model', '--registry', repo.registry, '--owner', '@ana', '--task', 'regression', '--primary-metric', 'rmse');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spog: "Churn Model" is not a model id: lowercase letters, digits and inner hyphens; did you mean "churn-model"? (spog new model churn-model)\n');
    expect(changes()).toBe('');
  });

  it('refuses a model that exists', async () => {
    const r = await spog('new', 'model', 'churn', '--registry', repo.registry, '--owner', '@ana', '--task', 'regression', '--primary-metric', 'rmse');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('model "churn" exists already (models/churn/README.md); add a version with spog new version churn VERSION');
  });

  it('refuses a team that spog.yaml does not list, naming the known teams', async () => {
    twoTeams();
    const r = await spog('new', 'model', 'scorecard', '--registry', repo.registry, '--team', 'credit', '--owner', '@ana', '--task', 'binary_classification', '--primary-metric', 'auc');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('team "credit" is not in spog.yaml');
    expect(r.stderr).toContain('known teams: growth, credit-risk');
    const missing = await spog('new', 'model', 'scorecard', '--registry', repo.registry, '--owner', '@ana', '--task', 'binary_classification', '--primary-metric', 'auc');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--team is needed: spog.yaml lists growth, credit-risk');
    expect(changes()).toBe('');
  });

  it('names every missing answer in one run, with a whole command to copy', async () => {
    twoTeams();
    const r = await spog('new', 'model', 'scorecard', '--registry', repo.registry, '--owner', '@ana');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spog: 3 answers are needed:\n  --team is needed: spog.yaml lists growth, credit-risk\n  --task is needed: one of ');
    expect(r.stderr).toContain('\n  --primary-metric is needed: ');
    expect(r.stderr).toContain('for example: npx --no-install spog new model scorecard --team growth --owner @ana --task binary_classification --primary-metric auc');
    expect(changes()).toBe('');
  });

  it('needs --direction for a metric whose name does not say it, and suggests the task meant', async () => {
    const unknown = await spog('new', 'model', 'uplift', '--registry', repo.registry, '--owner', '@ana', '--task', 'other', '--primary-metric', 'qini');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('spog does not know whether a larger "qini" is better: pass --direction higher or --direction lower');
    const ok = await spog('new', 'model', 'uplift', '--registry', repo.registry, '--owner', '@ana', '--task', 'other', '--primary-metric', 'qini', '--direction', 'higher');
    expect(ok.code, ok.stderr).toBe(0);
    const task = await spog('new', 'model', 'churn-2', '--registry', repo.registry, '--owner', '@ana', '--task', 'classification', '--primary-metric', 'auc');
    expect(task.stderr).toContain('(did you mean "binary_classification"?)');
  });

  it("refuses files the loader would reject, with the loader's diagnostics, and writes nothing", async () => {
    const r = await spog('new', 'model', 'demand', '--registry', repo.registry, '--owner', '@ana', '--task', 'forecasting', '--primary-metric', 'mape', '--amber', '0.2', '--red', '0.1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the new files would not validate, so nothing was written:');
    expect(r.stderr).toContain('models/demand/README.md:');
    expect(r.stderr).toContain('red must be at least amber');
    expect(existsSync(join(repo.registry, 'models/demand'))).toBe(false);
  });
});

describe('spog new version', () => {
  it('writes lineage, code, data, parameters and the evaluation; spog promote then makes it the champion', async () => {
    const r = await spog('new', 'version', 'churn', 'v3', '--registry', repo.registry, '--parent', 'v2', '--code-ref', 'github.com/acme/churn@3f2a9c1:train.py', '--data-ref', 'train=s3://acme/churn/2026-10.parquet', '--trained-at', '2026-10-30T04:00:00Z', '--param', 'max_depth=6', '--param', 'loss=logloss', '--param', 'early_stop=true', '--metric', 'auc=0.842');
    expect(r.code, r.stderr).toBe(0);
    expect(parse(read('models/churn/versions/v3.yaml'))).toEqual({
      version: 'v3',
      trained_at: '2026-10-30T04:00:00Z',
      parent: 'v2',
      code: { repo: 'github.com/acme/churn', commit: '3f2a9c1', path: 'train.py' },
      data: [{ name: 'train', uri: 's3://acme/churn/2026-10.parquet' }],
      params: { max_depth: 6, loss: 'logloss', early_stop: true },
      metrics: { auc: 0.842 },
    });
    expect(read('models/churn/versions/v3.yaml')).toContain('# Version this one was derived from (lineage).\nparent: v2\n');
    expect(changes()).toBe('?? registry/models/churn/versions/v3.yaml');
    expect((await spog('validate', repo.registry)).code).toBe(0);
    commitAll(repo.dir, 'Add v3');
    const p = await spog('promote', 'churn', 'v3', '--registry', repo.registry, '--date', '2026-10-31');
    expect(p.code, p.stderr).toBe(0);
    expect(frontMatter('models/churn/README.md').deployments).toContainEqual(expect.objectContaining({ version: 'v3', role: 'champion' }));
  });

  it('refuses a parent version that does not exist, listing the versions there are', async () => {
    const r = await spog('new', 'version', 'churn', 'v3', '--registry', repo.registry, '--parent', 'v0');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spog: --parent v0: model "churn" has no version "v0" (known: v1, v2)\n');
    expect(changes()).toBe('');
  });

  it('refuses a version that exists, a malformed version id and a model that does not exist', async () => {
    const exists = await spog('new', 'version', 'churn', 'v2', '--registry', repo.registry);
    expect(exists.stderr).toContain('model "churn" has a version "v2" already (models/churn/versions/v2.yaml)');
    const bad = await spog('new', 'version', 'churn', 'V3 final', '--registry', repo.registry);
    expect(bad.stderr).toContain('"V3 final" is not a version id');
    expect(bad.stderr).toContain('did you mean "v3-final"?');
    const none = await spog('new', 'version', 'chrun', 'v1', '--registry', repo.registry);
    expect(none.stderr).toContain('no model "chrun"');
    expect(none.stderr).toContain('known: churn');
    for (const r of [exists, bad, none]) expect(r.code).toBe(1);
    expect(changes()).toBe('');
  });

  it('says how to write a malformed flag', async () => {
    const code = await spog('new', 'version', 'churn', 'v3', '--registry', repo.registry, '--code-ref', 'github.com/acme/churn');
    expect(code.code).toBe(2);
    expect(code.stderr).toContain('e.g. --code-ref github.com/acme/churn@3f2a9c1:train.py');
    const metric = await spog('new', 'version', 'churn', 'v3', '--registry', repo.registry, '--metric', 'auc=high');
    expect(metric.stderr).toContain('the value must be a finite number, e.g. --metric auc=0.83');
    const when = await spog('new', 'version', 'churn', 'v3', '--registry', repo.registry, '--trained-at', '2026-02-30');
    expect(when.stderr).toContain('--trained-at "2026-02-30" is not a date');
  });
});
