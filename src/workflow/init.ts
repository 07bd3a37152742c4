/**
 * `spog init [DIR]`: a working registry repository for an organisation. It writes
 *
 *   registry/spog.yaml          every default of the schema, each key commented (scaffold/config.ts)
 *   registry/.gitattributes     merge=union for metric lines, LF for every registry text file
 *   registry/models/example-model/README.md, versions/v1.yaml   an example (not with --bare)
 *   package.json                spog from where the organisation gets it, and the scripts
 *   .github/workflows/pr.yml, main.yml, .github/CODEOWNERS, README.md, .gitignore
 *
 * A file that exists is kept (and listed) unless --force; package.json is merged instead (its
 * fields, its spog and its scripts stay). The registry files are checked by the loader through an
 * overlay before anything is written, and everything is created all or nothing (safe-write.ts).
 * The answers come complete from the CLI (flags, prompts or defaults): nothing here asks.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { initMsg, writeMsg } from '../messages.ts';
import { toSlug } from '../names.ts';
import { git } from '../registry/git.ts';
import { loadPlan, openRegistry } from '../registry/load.ts';
import { fsSource, overlaySource } from '../registry/source.ts';
import { SLUG_RE } from '../schema/common.ts';
import { SiteSchema, type Team } from '../schema/config.ts';
import { isCodeOwner, ownersBlock, spliceBlock } from './codeowners.ts';
import { describeErrors } from './model-files.ts';
import { UsageError, type Outcome } from './outcome.ts';
import { asWriteFailure, createFiles, FileExists, WriteFailure } from './safe-write.ts';
import { configYaml } from './scaffold/config.ts';
import { DEFAULT_TEAM, DEFAULT_TITLE, EXAMPLE_ID } from './scaffold/defaults.ts';
import { GITIGNORE, readme, REGISTRY_GITATTRIBUTES } from './scaffold/files.ts';
import { cardText, versionText } from './scaffold/model.ts';
import { checkSpogSpec, jsonIndent, packageJson, readPackageJson, spogDependency } from './scaffold/package-json.ts';
import { SCHEMA_FILE, schemaHref } from './scaffold/schema-path.ts';
import { mainWorkflow, prWorkflow } from './scaffold/workflows.ts';

export { DEFAULT_TEAM, DEFAULT_TITLE } from './scaffold/defaults.ts';
/** The owner written when neither --owner nor git config user.email says who. */
const PLACEHOLDER_OWNER = 'ml-owner@example.org';

export interface InitOptions {
  /** The repository folder (made when missing). */
  dir: string;
  title?: string;
  teams?: Team[];
  siteUrl?: string;
  /** Where package.json installs spog from, as typed (checked by checkSpogSpec). */
  spog?: string;
  /** Owners of the example model (and so of its files, in CODEOWNERS). */
  owners?: string[];
  /** No example model. */
  bare?: boolean;
  /** Replace files that exist (and package.json's spog and scripts). */
  force?: boolean;
  /** The clock, for the example version's trained_at (tests pass it). */
  nowMs?: number;
}

/** `--team id[:Name]` as a team: "credit-risk:Credit Risk", or "growth" (named after its id). */
export function parseTeam(flag: string): Team {
  const colon = flag.indexOf(':');
  const id = (colon < 0 ? flag : flag.slice(0, colon)).trim();
  const name = colon < 0 ? '' : flag.slice(colon + 1).trim();
  if (!SLUG_RE.test(id)) throw new UsageError(initMsg.badTeam(flag, toSlug(id)));
  return { id, name: name || id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') };
}

/** Refuse a --site-url that spog.yaml would refuse. */
export function checkSiteUrl(url: string): void {
  if (!SiteSchema.shape.url.safeParse(url).success) throw new UsageError(initMsg.badSiteUrl(url));
}

function readIfFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** True when DIR's package.json (if any) does not install spog yet: then --spog is needed. */
export function needsSpogSpec(dir: string): boolean {
  const file = join(dir, 'package.json');
  const pkg = readPackageJson(readIfFile(file), file);
  return !pkg || !spogDependency(pkg);
}

/** The nearest existing folder at or above `dir` (git runs there). */
function existingAncestor(dir: string): string {
  let d = resolve(dir);
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

/** git config user.email where the repository will be, or undefined. */
export function gitEmail(dir: string): string | undefined {
  const r = git(existingAncestor(dir), ['config', 'user.email']);
  const email = r.ok ? r.stdout.trim() : '';
  return email || undefined;
}

interface Planned {
  rel: string;
  text: string;
}

class Refusal extends Error {}

/** Create the registry repository in `o.dir`; the answers are complete (the CLI asked or took defaults). */
export function init(o: InitOptions): Outcome {
  try {
    return run(o);
  } catch (e) {
    if (e instanceof Refusal || e instanceof WriteFailure) return { stdout: '', stderr: `spog: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
}

function run(o: InitOptions): Outcome {
  const dir = resolve(o.dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(initMsg.notADirectory(o.dir));
  if (o.title !== undefined && !o.title.trim()) throw new UsageError(initMsg.emptyTitle());
  if (o.siteUrl !== undefined) checkSiteUrl(o.siteUrl);
  const teams = o.teams?.length ? o.teams : [DEFAULT_TEAM];
  const seen = new Set<string>();
  for (const t of teams) {
    if (seen.has(t.id)) throw new UsageError(initMsg.teamTwice(t.id));
    seen.add(t.id);
  }
  for (const owner of o.owners ?? []) if (/[\u0000-\u001f\u007f]/.test(owner) || !owner.trim()) throw new UsageError(initMsg.badOwner(owner));

  const notes: string[] = [];
  const pkgFile = join(dir, 'package.json');
  const pkgBefore = readIfFile(pkgFile);
  const pkg = readPackageJson(pkgBefore, pkgFile);
  let spec: string | undefined;
  if (o.spog !== undefined) {
    const checked = checkSpogSpec(o.spog, dir);
    spec = checked.spec;
    if (checked.warning) notes.push(checked.warning);
  } else if (!pkg || !spogDependency(pkg)) throw new UsageError(initMsg.spogMissing());

  let owners = (o.owners ?? []).map((x) => x.trim());
  if (!owners.length && !o.bare) {
    const email = gitEmail(dir);
    owners = [email ?? PLACEHOLDER_OWNER];
    notes.push(email ? initMsg.ownerGuessed(email) : initMsg.ownerPlaceholder(PLACEHOLDER_OWNER));
  }

  const registry = join(dir, 'registry');
  const exists = (rel: string) => existsSync(join(dir, rel));
  // A spog.yaml that stays decides the example's team.
  const keptConfig = exists('registry/spog.yaml') && !o.force ? openRegistry(fsSource(registry), { headsOnly: true }).config : undefined;
  const team = (keptConfig?.teams[0] ?? teams[0]).id;
  const title = o.title?.trim() ?? DEFAULT_TITLE;

  const files: Planned[] = [
    { rel: 'registry/spog.yaml', text: configYaml({ title, teams, siteUrl: o.siteUrl }, schemaHref(registry, 'spog.yaml', SCHEMA_FILE.config, join(dir, 'node_modules/spog/public/schema'))) },
    { rel: 'registry/.gitattributes', text: REGISTRY_GITATTRIBUTES },
  ];
  const metric = 'auc';
  if (o.bare) files.push({ rel: 'registry/models/.gitkeep', text: '' });
  else {
    const card = `models/${EXAMPLE_ID}/README.md`;
    const version = `models/${EXAMPLE_ID}/versions/v1.yaml`;
    const schemas = join(dir, 'node_modules/spog/public/schema');
    files.push(
      {
        rel: `registry/${card}`,
        text: cardText(
          {
            name: 'Example model',
            summary: 'An example to copy from: replace it with a real model, or delete the folder.',
            owners,
            team,
            task: 'binary_classification',
            lifecycle: 'development',
            primary_metric: { name: metric, direction: 'higher_is_better', label: 'ROC AUC' },
            deployments: [{ version: 'v1', role: 'champion', mode: 'production' }],
          },
          schemaHref(registry, card, SCHEMA_FILE.card, schemas),
          'What the model decides, for whom, and how its output is used. Its health shows as unknown until its pipeline logs production metrics (see the repository README).',
        ),
      },
      {
        rel: `registry/${version}`,
        text: versionText(
          {
            version: 'v1',
            trained_at: new Date(Math.floor((o.nowMs ?? Date.now()) / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
            data: [{ name: 'train', uri: 's3://your-bucket/example/train.parquet' }],
            params: { max_depth: 6 },
            metrics: { [metric]: 0.8 },
            notes: 'The offline evaluation above is what production is expected to match (primary metric auc).',
          },
          schemaHref(registry, version, SCHEMA_FILE.version, schemas),
        ),
      },
    );
  }
  const block = ownersBlock(o.bare ? [] : [{ id: EXAMPLE_ID, owners }], 'registry');
  for (const skipped of block.skipped) notes.push(initMsg.ownerNotCodeOwner(skipped.owner));
  files.push(
    { rel: '.github/workflows/pr.yml', text: prWorkflow() },
    { rel: '.github/workflows/main.yml', text: mainWorkflow() },
    { rel: '.github/CODEOWNERS', text: spliceBlock(platformRules(owners), block.text) },
    { rel: 'README.md', text: readme({ title: keptConfig?.title ?? title, siteUrl: o.siteUrl, teams: teams.map((t) => t.id), example: o.bare ? undefined : { id: EXAMPLE_ID, team, metric }, spog: spec ?? (pkg ? spogDependency(pkg)?.spec : undefined) }) },
    { rel: '.gitignore', text: GITIGNORE },
  );

  const created: string[] = [];
  const updated: string[] = [];
  const kept: string[] = [];
  const writes: { path: string; data: string; replace?: boolean }[] = [];
  for (const f of files) {
    if (!exists(f.rel)) {
      created.push(f.rel);
      writes.push({ path: join(dir, f.rel), data: f.text });
    } else if (o.force && readIfFile(join(dir, f.rel)) !== f.text) {
      updated.push(f.rel);
      writes.push({ path: join(dir, f.rel), data: f.text, replace: true });
    } else kept.push(f.rel);
  }
  const merged = packageJson(pkg, dir, spec, o.force === true, jsonIndent(pkgBefore));
  notes.push(...merged.notes);
  if (pkgBefore === null) created.push('package.json');
  else if (merged.text !== pkgBefore) updated.push('package.json');
  else kept.push('package.json');
  if (merged.text !== pkgBefore) writes.push({ path: pkgFile, data: merged.text, replace: pkgBefore !== null });

  // Answers that did not reach a file: the file was kept, or nobody gave them (a default was taken).
  const given = [o.title !== undefined && '--title', o.teams?.length && '--team', o.siteUrl !== undefined && '--site-url'].filter((x): x is string => typeof x === 'string');
  if (kept.includes('registry/spog.yaml') && given.length) notes.push(initMsg.flagsNotApplied('registry/spog.yaml', given));
  if (created.includes('registry/spog.yaml')) {
    if (o.title === undefined) notes.push(initMsg.defaultTaken('title', JSON.stringify(DEFAULT_TITLE), '--title'));
    if (!o.teams?.length) notes.push(initMsg.defaultTaken('team', `${DEFAULT_TEAM.id} (${DEFAULT_TEAM.name})`, '--team id:Name'));
  }
  if (o.bare && exists(`registry/models/${EXAMPLE_ID}`)) notes.push(initMsg.exampleKept(`registry/models/${EXAMPLE_ID}/`));

  checkRegistryFiles(registry, files.filter((f) => f.rel.startsWith('registry/') && writes.some((w) => w.path === join(dir, f.rel))));
  try {
    createFiles(writes, true);
  } catch (e) {
    if (e instanceof FileExists) throw new Refusal(initMsg.createdMeanwhile(relative(dir, e.path)));
    asWriteFailure(e, relative(dir, writes[0]?.path ?? dir) || '.', writeMsg.nothingWritten());
  }

  if (!existsSync(join(dir, '.git')) && !git(dir, ['rev-parse', '--git-dir']).ok) notes.push(initMsg.notAGitRepo());
  // The folder as the user would type it: relative below the working folder, absolute elsewhere (not ../../tmp/x).
  const below = relative(process.cwd(), dir);
  const shown = below === '' ? '.' : below.startsWith('..') || isAbsolute(below) ? dir : below;
  const next = [`${shown === '.' ? '' : `cd ${shown} && `}npm install`, 'npx --no-install spog validate', 'npm run build        # the site, in dist/'];
  return { stdout: `${initMsg.done(shown, created, updated, kept, notes, next)}\n`, stderr: '', exitCode: 0 };
}

/** The registry files about to be written, checked by the loader with the files that stay: an error is refused. */
function checkRegistryFiles(registry: string, files: Planned[]): void {
  if (!files.length) return;
  const overlay = new Map(files.map((f) => [f.rel.slice('registry/'.length), f.text]));
  const reg = loadPlan(openRegistry(overlaySource(fsSource(registry), overlay), { headsOnly: true }));
  const errors = reg.diagnostics.filter((d) => d.severity === 'error' && overlay.has(d.file));
  if (errors.length) throw new Refusal(initMsg.wouldBeInvalid(describeErrors(errors)));
}

/**
 * The hand-written rules above the generated block: whoever --owner names reviews what decides
 * every model's colour and what CI runs (spog.yaml's defaults, the workflows, the spog version).
 * Model folders are their own owners' (the block after these rules).
 */
function platformRules(owners: string[]): string | null {
  const ok = owners.filter(isCodeOwner);
  if (!ok.length) return null;
  const who = ok.join(' ');
  return [
    '# Code owners: https://docs.github.com/articles/about-code-owners',
    '# Fleet-wide defaults, CI and the spog version: reviewed by the registry\'s maintainers.',
    ...['/registry/spog.yaml', '/registry/.gitattributes', '/.github/', '/package.json', '/package-lock.json'].map((p) => `${p} ${who}`),
    '',
  ].join('\n');
}
