/**
 * `spog init [DIR]` and `spog new model|version`: flags, the questions `init` asks when a person
 * is at a terminal, and printing. The work lives in src/workflow/init.ts and new.ts. The prompt
 * library is imported only when a question is asked, so scripts and CI never load it.
 */
import { Option, type Command } from 'commander';
import { initMsg } from '../messages.ts';
import { LIFECYCLES, TASKS } from '../schema/card.ts';
import type { Team } from '../schema/config.ts';
import { DEFAULT_LIFECYCLE, DEFAULT_TEAM, DEFAULT_TITLE } from '../workflow/scaffold/defaults.ts';
import { UsageError, type Outcome } from '../workflow/outcome.ts';
import { collect, emit as emitTo, requireRegistry, type Io } from './io.ts';

/** What `init` may ask; the terminal's implementation uses @inquirer/prompts, tests pass their own. */
export interface Asker {
  input: (message: string, opts: { default?: string; validate?: (v: string) => true | string }) => Promise<string>;
  confirm: (message: string, opts: { default: boolean }) => Promise<boolean>;
}

export interface InitFlags {
  title?: string;
  team?: string[];
  siteUrl?: string;
  spog?: string;
  owner?: string[];
  bare?: boolean;
  force?: boolean;
  yes?: boolean;
}

/** The questions at a terminal, through @inquirer/prompts (loaded now, not before). */
async function terminalAsker(): Promise<Asker> {
  const { confirm, input } = await import('@inquirer/prompts');
  return {
    input: (message, o) => input({ message, default: o.default, validate: o.validate }),
    confirm: (message, o) => confirm({ message, default: o.default }),
  };
}

/** A validate function for a prompt from a checker that throws UsageError. */
function asks(check: (v: string) => void): (v: string) => true | string {
  return (v) => {
    try {
      check(v);
      return true;
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
  };
}

const parseTeams = async (text: string): Promise<Team[]> => {
  const { parseTeam } = await import('../workflow/init.ts');
  return text.split(',').map((t) => t.trim()).filter(Boolean).map(parseTeam);
};

/**
 * The answers of `spog init`: each flag given, else (with an Asker: a person at a terminal, no
 * --yes) the answer to a question whose default is what --yes would take, else that default
 * (workflow/init.ts). Only --spog has no default: without it init refuses, naming the flag.
 */
export async function initAnswers(dir: string, flags: InitFlags, ask: Asker | undefined): Promise<import('../workflow/init.ts').InitOptions> {
  const { checkSiteUrl, gitEmail, needsSpogSpec, parseTeam } = await import('../workflow/init.ts');
  const { checkSpogSpec } = await import('../workflow/scaffold/package-json.ts');
  const teams = (flags.team ?? []).map(parseTeam);
  const answers: import('../workflow/init.ts').InitOptions = { dir, title: flags.title, teams, siteUrl: flags.siteUrl, spog: flags.spog, owners: flags.owner, bare: flags.bare, force: flags.force };
  if (!ask) return answers;
  if (answers.title === undefined) answers.title = await ask.input(initMsg.askTitle(), { default: DEFAULT_TITLE, validate: (v) => (v.trim() ? true : initMsg.emptyTitle()) });
  if (!teams.length) {
    const text = await ask.input(initMsg.askTeams(), { default: `${DEFAULT_TEAM.id}:${DEFAULT_TEAM.name}`, validate: asks((v) => v.split(',').filter((t) => t.trim()).forEach((t) => parseTeam(t.trim()))) });
    answers.teams = await parseTeams(text);
  }
  if (answers.siteUrl === undefined) {
    const url = (await ask.input(initMsg.askSiteUrl(), { default: '', validate: asks((v) => v.trim() && checkSiteUrl(v.trim())) })).trim();
    answers.siteUrl = url || undefined;
  }
  if (answers.spog === undefined && needsSpogSpec(dir)) answers.spog = await ask.input(initMsg.askSpog(), { validate: asks((v) => checkSpogSpec(v, dir)) });
  if (answers.bare === undefined) answers.bare = !(await ask.confirm(initMsg.askExample(), { default: true }));
  if (!answers.owners?.length && !answers.bare) answers.owners = [await ask.input(initMsg.askOwner(), { default: gitEmail(dir), validate: (v) => (v.trim() ? true : initMsg.badOwner(v)) })];
  return answers;
}

export function registerScaffoldCommands(program: Command, io: Io, setExit: (code: number) => void, registryOption: () => Option): void {
  const emit = (r: Outcome) => emitTo(io, r, setExit);

  program
    .command('init')
    .description('create a registry repository: registry/ (spog.yaml with every default, an example model), package.json, CI workflows, CODEOWNERS, README')
    .argument('[dir]', 'the repository folder (made when missing)', '.')
    .option('--title <text>', `dashboard title (default: "${DEFAULT_TITLE}")`)
    .option('--team <id[:Name]>', `a team that owns models, repeatable (default: ${DEFAULT_TEAM.id}:"${DEFAULT_TEAM.name}")`, collect)
    .option('--site-url <url>', 'address the site will be published at (spog.yaml site.url)')
    .option('--spog <spec>', 'where npm installs spog from: a git URL with a tag, a tarball path or URL, or npm:@org/spog@x.y.z')
    .option('--owner <who>', "owner of the example model, repeatable: @handle, @org/team or e-mail (default: git config user.email)", collect)
    .option('--bare', 'no example model')
    .option('--force', 'replace files that exist (default: keep them, and list them)')
    .option('--yes', 'ask nothing: take the default of every answer not given')
    .addHelpText(
      'after',
      `
Files that exist are kept (and listed) unless --force; an existing package.json keeps its fields,
its spog dependency and its scripts, and gets the missing ones. Everything is written all or
nothing. With a terminal, init asks for each answer not given as a flag (not with --yes).
--spog is needed unless package.json installs spog already: the name spog on the public npm
registry is not this project, so a bare version such as 0.2.0 or ^0.2.0 is refused.

Examples:
  spog init ml-registry --spog "git+https://github.com/acme/spog.git#v0.2.0" --title "Acme ML fleet" --team risk:"Credit Risk" --team growth
  spog init . --spog npm:@acme/spog@0.2.0 --site-url https://acme.github.io/ml/ --owner @acme/ml-platform --yes
  spog init --spog ./vendor/spog-0.2.0.tgz --bare`,
    )
    .action(async (dir: string, flags: InitFlags) => {
      const interactive = !flags.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
      const answers = await initAnswers(dir, flags, interactive ? await terminalAsker() : undefined);
      const { init } = await import('../workflow/init.ts');
      emit(init(answers));
    });

  const create = program
    .command('new')
    .description('create a model (its card, and optionally its first version) or a version, from flags: commented, and checked like spog validate')
    .addHelpText(
      'after',
      `
Examples:
  spog new model churn-model --team growth --owner @ana --task binary_classification --primary-metric auc --version v1
  spog new version churn-model v2 --parent v1 --metric auc=0.842
  spog new model --help                 # every flag of a new model`,
    );

  const model = create
    .command('model')
    .description('create models/<id>/README.md (and, with --version, versions/<version>.yaml, deployed as champion)')
    .argument('<id>', 'model id: lowercase letters, digits and inner hyphens, e.g. churn-model')
    .addOption(registryOption())
    .option('--team <id>', 'owning team, one of spog.yaml teams (default: the only one, when there is one)')
    .option('--owner <who>', 'owner, repeatable: @handle, @org/team or e-mail (default: git config user.email)', collect)
    .option('--name <text>', 'display name (default: from the id, "Churn model")')
    .option('--description <text>', "one line on what it decides (the card's summary and the page's first paragraph)")
    .option('--task <task>', TASKS.join(' | '))
    .option('--primary-metric <name>', 'the metric that decides health, as the pipeline logs it, e.g. auc or rmse')
    .option('--direction <higher|lower>', 'whether a larger value is better (default: known for auc, accuracy, f1, rmse, mae, log_loss, ...)')
    .option('--amber <x>', "relative shortfall of the primary metric that turns health amber (default: spog.yaml's)")
    .option('--red <x>', "relative shortfall that turns health red (default: spog.yaml's)")
    .addOption(new Option('--lifecycle <lifecycle>', `what the model is doing (default: ${DEFAULT_LIFECYCLE})`).choices(LIFECYCLES))
    .option('--version <version>', 'also create this first version and make it the champion');
  versionFileOptions(model, 'with --version: ');
  model
    .addHelpText(
      'after',
      `
The card gets a comment above every key and the yaml-language-server line for editors. The new
files are checked like spog validate before anything is written; an existing model, an unknown
team or a malformed id is refused (with the id it probably meant).

Examples:
  spog new model churn-model --team growth --owner @ana --task binary_classification --primary-metric auc --version v1 --metric auc=0.84
  spog new model demand-forecast --team supply --owner ana@example.org --task forecasting --primary-metric mape --amber 0.1 --red 0.2
  spog new model price-elasticity --task regression --primary-metric elasticity_error --direction lower`,
    )
    .action((id: string, opts: { registry: string; team?: string; owner?: string[]; name?: string; description?: string; task?: string; primaryMetric?: string; direction?: string; amber?: string; red?: string; lifecycle?: string; version?: string; metric?: string[]; codeRef?: string; dataRef?: string[]; param?: string[]; trainedAt?: string; author?: string; notes?: string }) =>
      runNew(opts.registry, async () => {
        const { newModel } = await import('../workflow/new.ts');
        return newModel(id, { ...opts, owners: opts.owner });
      }),
    );

  const version = create
    .command('version')
    .description('create models/<id>/versions/<version>.yaml (deployments are changed by spog promote)')
    .argument('<id>', 'model id')
    .argument('<version>', 'version id: lowercase letters, digits, ".", "_" and "-", e.g. v2 or 2026.10')
    .addOption(registryOption())
    .option('--parent <version>', 'the version it was derived from (must exist)');
  versionFileOptions(version, '');
  version
    .addHelpText(
      'after',
      `
Examples:
  spog new version churn-model v2 --parent v1 --code-ref github.com/acme/churn@3f2a9c1:train.py --data-ref train=s3://acme/churn/2026-07.parquet --metric auc=0.842 --param max_depth=6
  spog new version churn-model 2026.11 --trained-at 2026-11-02T04:00:00Z --metric auc=0.85
  spog promote churn-model v2          # then make it the champion`,
    )
    .action((id: string, version: string, opts: { registry: string; parent?: string; codeRef?: string; dataRef?: string[]; trainedAt?: string; param?: string[]; metric?: string[]; author?: string; notes?: string }) =>
      runNew(opts.registry, async () => {
        const { newVersion } = await import('../workflow/new.ts');
        return newVersion(id, version, opts);
      }),
    );

  async function runNew(registry: string, fn: () => Promise<Outcome>): Promise<void> {
    requireRegistry(registry);
    emit(await fn());
  }
}

/** The flags that fill a version's file, for `spog new version` and (with --version) `spog new model`. */
function versionFileOptions(cmd: Command, prefix: string): void {
  cmd
    .option('--code-ref <repo@commit[:path]>', `${prefix}the training code, e.g. github.com/acme/churn@3f2a9c1:train.py`)
    .option('--data-ref <name=uri>', `${prefix}a data set, repeatable, e.g. train=s3://acme/churn/2026-07.parquet`, collect)
    .option('--trained-at <iso>', `${prefix}when training finished (default: now, UTC)`)
    .option('--param <name=value>', `${prefix}a hyper-parameter, repeatable, e.g. max_depth=6`, collect)
    .option('--metric <name=value>', `${prefix}an offline evaluation metric, repeatable (the primary metric's is the expected value health compares with), e.g. auc=0.842`, collect)
    .option('--author <who>', `${prefix}who trained it`)
    .option('--notes <text>', `${prefix}free text, e.g. "adds tenure buckets"`);
}
