/**
 * `spog init [DIR]`: the registry repository an organisation starts from, in real temporary
 * folders (and real git where attributes and CODEOWNERS matter): it validates and builds, its
 * spog.yaml is the schema's defaults with a comment on every key, spog is installed from where the
 * organisation says (never the public name), and nothing that exists is overwritten unasked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { initAnswers, type Asker } from '../../src/cli/scaffold-commands.ts';
import { ConfigSchema, DefaultsSchema } from '../../src/schema/config.ts';
import { configYaml } from '../../src/workflow/scaffold/config.ts';
import { pipSource, readme } from '../../src/workflow/scaffold/files.ts';
import { checkSpogSpec } from '../../src/workflow/scaffold/package-json.ts';
import { createFiles, FileExists } from '../../src/workflow/safe-write.ts';
import { git, spog } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SPEC = 'git+https://github.com/acme/spog.git#v0.2.0';
const tmp = mkdtempSync(join(tmpdir(), 'spog-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
/** A fresh folder path (not created) for one test. */
const fresh = (name = 'acme-models') => join(tmp, `${++n}`, name);
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('spog init', () => {
  const dir = fresh();
  const made = spog('init', dir, '--spog', SPEC, '--title', 'Acme ML fleet', '--team', 'risk:Credit Risk', '--team', 'growth', '--owner', '@ana', '--site-url', 'https://acme.github.io/ml/');

  it('creates a registry repository and says what it created and the next three commands', async () => {
    const r = await made;
    expect(r.code, r.stderr).toBe(0);
    expect(files(dir)).toEqual([
      '.github/CODEOWNERS',
      '.github/workflows/main.yml',
      '.github/workflows/pr.yml',
      '.gitignore',
      'README.md',
      'package.json',
      'registry/.gitattributes',
      'registry/models/example-model/README.md',
      'registry/models/example-model/versions/v1.yaml',
      'registry/spog.yaml',
    ]);
    expect(r.stdout).toContain('created:\n  registry/spog.yaml\n');
    expect(r.stdout).toMatch(/next:\n {2}cd .*acme-models && npm install\n {2}npx --no-install spog validate\n {2}npm run build/);
  });

  it('writes a registry that spog validate accepts and spog build turns into a site', async () => {
    await made;
    const v = await spog('validate', join(dir, 'registry'));
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain('1 model, 1 version');
    expect(v.stdout).toContain('0 errors, 0 warnings');
    const out = join(tmp, `site-${n}`);
    execFileSync(process.execPath, [join(ROOT, 'scripts/spog.ts'), 'build', '--registry', join(dir, 'registry'), '--out', out, '--no-cache'], { stdio: 'pipe', env: { ...process.env, SPOG_THREADS: '0' } });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Acme ML fleet');
    expect(existsSync(join(out, 'models/example-model/index.html'))).toBe(true);
  }, 60_000);

  it('writes spog.yaml with the answers and every default of the schema, each key under a one-line comment', async () => {
    await made;
    const text = read(dir, 'registry/spog.yaml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/spog/public/schema/spog.schema.json');
    const written = parse(text) as Record<string, unknown>;
    expect(written.title).toBe('Acme ML fleet');
    expect(written.teams).toEqual([{ id: 'risk', name: 'Credit Risk' }, { id: 'growth', name: 'Growth' }]);
    expect(written.site).toEqual({ url: 'https://acme.github.io/ml/' });
    // The defaults are written out, not implied: the file holds exactly what the schema would fill in.
    expect(written.defaults).toEqual(ConfigSchema.parse({}).defaults);
    // Every key has its comment above it (list items: the first one's keys).
    const lines = text.split('\n');
    const secondTeam = ['  - id: growth', '    name: Growth'];
    lines.forEach((line, i) => {
      if (/^\s*(- )?[a-z_]+:/.test(line) && !secondTeam.includes(line)) expect(lines[i - 1], `the comment above "${line}"`).toMatch(/^\s*# \S/);
    });
    expect(text).toContain('  # Fewer primary-metric points than this in the rolling window gives "unknown" health.\n  min_points: 5\n');
    expect(text).toContain('  # base: /spog/\n'); // optional keys appear commented out, with an example
  });

  it('follows the schema: a default or a description changed there changes the scaffold', () => {
    const Defaults = DefaultsSchema.extend({ min_points: z.number().int().positive().default(9).describe('Points needed before health is judged.') });
    const Changed = ConfigSchema.extend({ defaults: Defaults.default(Defaults.parse({})) });
    const text = configYaml({ teams: [] }, 'x.json', Changed);
    expect(text).toContain('  # Points needed before health is judged.\n  min_points: 9\n');
    expect((parse(text) as { defaults: unknown }).defaults).toEqual(Changed.parse({}).defaults);
  });

  it('keeps metric lines merging by union and every registry text file on LF (real git)', async () => {
    await made;
    git(dir, ['init', '-q', '-b', 'main']);
    const attrs = git(dir, ['check-attr', 'merge', 'eol', '--', 'registry/models/example-model/metrics/2026-10.ndjson', 'registry/models/example-model/README.md']);
    expect(attrs).toContain('metrics/2026-10.ndjson: merge: union');
    expect(attrs).toContain('metrics/2026-10.ndjson: eol: lf');
    expect(attrs).toContain('README.md: eol: lf');
    expect(read(dir, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/', '.cache/']));
  });

  it("writes CODEOWNERS with the example model's owners, as spog codeowners would (real git)", async () => {
    await made;
    if (!existsSync(join(dir, '.git'))) git(dir, ['init', '-q', '-b', 'main']);
    expect(read(dir, '.github/CODEOWNERS')).toContain('/registry/models/example-model/ @ana\n');
    // --owner also reviews what decides every model's colour and what CI runs, above the generated block.
    expect(read(dir, '.github/CODEOWNERS')).toMatch(/\/registry\/spog\.yaml @ana\n(?:.*\n)*\/\.github\/ @ana\n(?:.*\n)*# BEGIN spog codeowners/);
    const check = await spog('codeowners', '--check', '--registry', join(dir, 'registry'), '--out', join(dir, '.github/CODEOWNERS'));
    expect(check.code, check.stderr).toBe(0);
  });

  it('writes package.json: private, named after the folder, spog from the given place, the everyday scripts', async () => {
    await made;
    const pkg = JSON.parse(read(dir, 'package.json'));
    expect(pkg).toMatchObject({ name: 'acme-models', private: true, devDependencies: { spog: SPEC } });
    expect(pkg.scripts).toMatchObject({ validate: 'spog validate', build: 'spog build', status: 'spog status' });
  });

  it('writes CI workflows that run spog only as npx --no-install spog', async () => {
    await made;
    const pr = read(dir, '.github/workflows/pr.yml');
    const main = read(dir, '.github/workflows/main.yml');
    for (const text of [pr, main]) {
      expect(text).not.toMatch(/npx (?!--no-install )spog/);
      expect(text).toContain('node-version: 24');
      expect(parse(text)).toBeTypeOf('object');
    }
    expect(parse(pr).on).toHaveProperty('pull_request');
    expect(pr).toContain('fetch-depth: 0');
    expect(pr).toContain('npx --no-install spog diff "origin/$BASE_REF" --format markdown > spog-diff.md');
    expect(pr).toContain('GITHUB_STEP_SUMMARY');
    expect(pr).toContain('actions/github-script');
    const on = parse(main).on;
    expect(on.push.branches).toEqual(['main']);
    expect(on.schedule).toHaveLength(1);
    expect(main).toContain('actions/deploy-pages');
    expect(main).toContain('npx --no-install spog build');
    expect(main).toContain('secrets.SPOG_SLACK_WEBHOOK');
  });

  it('writes a README that says how to add a model, log metrics from Python, build and preview, and where the site is', async () => {
    await made;
    const text = read(dir, 'README.md');
    expect(text).toMatch(/^# Acme ML fleet\n/);
    expect(text).toContain('npx --no-install spog new model');
    expect(text).toContain('from spog import Registry');
    expect(text).toContain('Registry("registry").log_metrics([');
    expect(text).toContain('python3 -m http.server');
    expect(text).toContain('<https://acme.github.io/ml/>');
    expect(text).not.toMatch(/npx (?!--no-install )spog/);
    // The Python client from the same release as spog, never by its bare name (not on PyPI).
    expect(text).not.toMatch(/pip install (?!")/);
    expect(text).toMatch(/pip install "spog-client @ \S+#subdirectory=python"|from a wheel of the same release as spog/);
  });

  it('installs the Python client from the same git repository and tag as spog, or says to use a wheel of that release', () => {
    expect(pipSource('git+https://github.com/acme/spog.git#v0.2.0')).toBe('git+https://github.com/acme/spog.git@v0.2.0#subdirectory=python');
    expect(pipSource('git+ssh://git@github.com/acme/spog.git#v0.2.0')).toBe('git+ssh://git@github.com/acme/spog.git@v0.2.0#subdirectory=python');
    expect(pipSource('github:acme/spog#v0.2.0')).toBe('git+https://github.com/acme/spog.git@v0.2.0#subdirectory=python');
    expect(pipSource('git+https://github.com/acme/spog.git#semver:^0.2')).toBeUndefined();
    expect(pipSource('file:vendor/spog-0.2.0.tgz')).toBeUndefined();
    expect(pipSource('npm:@acme/spog@0.2.0')).toBeUndefined();
    const text = readme({ title: 'T', teams: ['t'], spog: 'file:vendor/spog-0.2.0.tgz' });
    expect(text).toContain('installed from a wheel of the same release as spog');
    expect(text).toContain('Never `pip install spog-client` from PyPI');
  });
});

describe('where spog comes from', () => {
  it.each(['0.2.0', '^0.2.0', '~0.2', 'latest', 'spog@0.2.0', 'npm:spog@0.2.0'])('refuses %s, which would install the public package named spog, with examples', async (spec) => {
    const dir = fresh();
    const r = await spog('init', dir, '--spog', spec, '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('public npm registry');
    expect(r.stderr).toContain('--spog "git+https://github.com/acme/spog.git#v0.2.0"');
    expect(existsSync(dir)).toBe(false);
  });

  it('names the --spog flag when it is missing and nobody can be asked', async () => {
    const dir = fresh();
    const r = await spog('init', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass --spog "git\+https:.*npm:@acme\/spog@0\.2\.0/);
    expect(existsSync(dir)).toBe(false);
  });

  it('accepts a git tag, a tarball path or URL, and a private-registry alias; a path becomes file: relative to the repository', () => {
    const dir = join(tmp, 'repo');
    expect(checkSpogSpec('github:acme/spog#v0.2.0', dir)).toEqual({ spec: 'github:acme/spog#v0.2.0' });
    expect(checkSpogSpec('npm:@acme/spog@0.2.0', dir)).toEqual({ spec: 'npm:@acme/spog@0.2.0' });
    expect(checkSpogSpec('https://files.acme.org/spog-0.2.0.tgz', dir)).toEqual({ spec: 'https://files.acme.org/spog-0.2.0.tgz' });
    expect(checkSpogSpec('./vendor/spog-0.2.0.tgz', dir, join(tmp, 'repo')).spec).toBe('file:./vendor/spog-0.2.0.tgz');
    expect(checkSpogSpec('../spog-0.2.0.tgz', dir, join(tmp, 'repo')).spec).toBe('file:../spog-0.2.0.tgz');
    expect(checkSpogSpec('git+https://github.com/acme/spog.git', dir).warning).toContain('names no tag or commit');
  });
});

describe('a folder that has files already', () => {
  it('keeps an existing package.json: its fields, its spog and its scripts, adding the missing scripts', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const theirs = { name: 'ml-platform', version: '3.1.0', private: true, dependencies: { spog: 'github:acme/spog#v0.1.0', lodash: '4.17.21' }, scripts: { build: 'make site', test: 'pytest' }, engines: { node: '>=24' } };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(theirs, null, 4)}\n`);
    const r = await spog('init', dir, '--yes', '--owner', '@ana');
    expect(r.code, r.stderr).toBe(0);
    const pkg = JSON.parse(read(dir, 'package.json'));
    expect(pkg).toMatchObject({ name: 'ml-platform', version: '3.1.0', engines: { node: '>=24' }, dependencies: { spog: 'github:acme/spog#v0.1.0', lodash: '4.17.21' } });
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toEqual({ build: 'make site', test: 'pytest', validate: 'spog validate', status: 'spog status', diff: 'spog diff origin/main', codeowners: 'spog codeowners' });
    expect(read(dir, 'package.json')).toContain('\n    "name"'); // its indentation too
    expect(r.stdout).toContain('updated:\n  package.json');
    expect(r.stdout).toContain('note: package.json: kept scripts.build "make site"');
  });

  it('says which answers did not reach a file: defaults taken, flags of a kept spog.yaml, an example --bare cannot remove', async () => {
    const dir = fresh();
    const first = await spog('init', dir, '--spog', SPEC, '--owner', '@ana');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('note: title: "Machine-learning models", the default (--title sets it)');
    expect(first.stdout).toContain('note: team: data-science (Data Science), the default (--team id:Name sets it)');
    const again = await spog('init', dir, '--title', 'Nordwind ML', '--team', 'fraud', '--bare', '--yes');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('note: registry/spog.yaml exists and was kept, so --title, --team were not applied: edit it, or run again with --force to replace it');
    expect(again.stdout).toContain('note: --bare: the example model registry/models/example-model/ was already there and stays');
    expect(read(dir, 'registry/spog.yaml')).toContain('title: Machine-learning models');
  });

  it('never overwrites a file: it is kept and listed; --force replaces it', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'registry'), { recursive: true });
    writeFileSync(join(dir, 'README.md'), '# Our own README\n');
    writeFileSync(join(dir, 'registry/spog.yaml'), 'title: Kept fleet\nteams:\n  - {id: risk, name: Risk}\n');
    const r = await spog('init', dir, '--spog', SPEC, '--yes', '--owner', '@ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('kept (already there; --force replaces them):\n  registry/spog.yaml\n  README.md\n');
    expect(read(dir, 'README.md')).toBe('# Our own README\n');
    // The example model joins the team of the spog.yaml that stays.
    expect(read(dir, 'registry/models/example-model/README.md')).toContain('team: risk\n');
    expect((await spog('validate', join(dir, 'registry'))).code).toBe(0);

    const again = await spog('init', dir, '--spog', SPEC, '--yes', '--owner', '@ana', '--force');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('updated:\n  registry/spog.yaml\n');
    expect(read(dir, 'README.md')).toContain('npx --no-install spog new model');
  });

  it("writes nothing when the registry files would not validate, and shows the loader's diagnostics", async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'registry'), { recursive: true });
    writeFileSync(join(dir, 'registry/spog.yaml'), 'title: Kept\ndefaults: {min_points: 5}\n');
    // An owner with a line separator cannot be a card's owner (it would write a CODEOWNERS rule of its own).
    const r = await spog('init', dir, '--spog', SPEC, '--yes', '--owner', '@ana\u2028@bob');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('would not validate');
    expect(r.stderr).toContain('owners');
    expect(files(dir)).toEqual(['registry/spog.yaml']);
  });

  it('creates nothing at all when one of the files appears meanwhile (all or nothing)', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'b'), { recursive: true });
    writeFileSync(join(dir, 'b/taken.txt'), 'theirs');
    const plan = [{ path: join(dir, 'a/new/one.txt'), data: '1' }, { path: join(dir, 'b/taken.txt'), data: '2' }, { path: join(dir, 'c.txt'), data: '3' }];
    expect(() => createFiles(plan)).toThrow(FileExists);
    expect(files(dir)).toEqual(['b/taken.txt']);
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(read(dir, 'b/taken.txt')).toBe('theirs');
  });
});

describe('spog init --bare', () => {
  it('has no example model, and its registry still validates without a warning', async () => {
    const dir = fresh();
    const r = await spog('init', dir, '--spog', SPEC, '--bare', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(files(dir).filter((f) => f.startsWith('registry/'))).toEqual(['registry/.gitattributes', 'registry/models/.gitkeep', 'registry/spog.yaml']);
    const v = await spog('validate', join(dir, 'registry'));
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('0 models');
    expect(v.stdout).toContain('0 errors, 0 warnings');
    expect(read(dir, '.github/CODEOWNERS')).not.toContain('/registry/models/');
  });

  it('says when the example owner cannot be a code owner', async () => {
    const r = await spog('init', fresh(), '--spog', SPEC, '--yes', '--owner', 'ana');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('note: owner "ana" is not a GitHub handle (@user, @org/team) or e-mail address');
  });
});

describe('questions at a terminal', () => {
  /** An asker that answers from a list and records what it was asked. */
  function asker(answers: (string | boolean)[]): Asker & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      input: async (message) => (asked.push(message), String(answers.shift())),
      confirm: async (message) => (asked.push(message), Boolean(answers.shift())),
    };
  }

  it('asks only for what the flags did not say', async () => {
    const ask = asker(['Acme fleet', 'risk:Credit Risk, growth', '', true, '@ana']);
    const a = await initAnswers(fresh(), { spog: SPEC }, ask);
    expect(ask.asked).toEqual(['Title of the dashboard', 'Teams that own models (id:Name, comma-separated)', 'Address the site will be published at (empty: not known yet)', 'Add an example model?', 'Owner of the example model (GitHub handle or e-mail)']);
    expect(a).toMatchObject({ title: 'Acme fleet', teams: [{ id: 'risk', name: 'Credit Risk' }, { id: 'growth', name: 'Growth' }], siteUrl: undefined, bare: false, owners: ['@ana'], spog: SPEC });

    const none = asker([]);
    await initAnswers(fresh(), { spog: SPEC, title: 'T', team: ['risk'], siteUrl: 'https://acme.github.io', bare: true }, none);
    expect(none.asked).toEqual([]);
  });

  it('asks where spog comes from when package.json does not say', async () => {
    const ask = asker([SPEC]);
    const a = await initAnswers(fresh(), { title: 'T', team: ['risk'], siteUrl: 'https://acme.github.io', bare: true }, ask);
    expect(ask.asked).toEqual(['Where npm installs spog from (a git URL with a tag, a tarball, or npm:@org/spog@x.y.z)']);
    expect(a.spog).toBe(SPEC);
  });
});
