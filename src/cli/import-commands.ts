/**
 * `spog import mlflow|dvc|gto`: flags and printing. Reading a tracker lives in
 * src/workflow/import/<tool>.ts, writing the registry in src/workflow/import/apply.ts.
 */
import type { Command, Option } from 'commander';
import { UsageError, type Outcome } from '../workflow/outcome.ts';
import { collect, emit as emitTo, requireRegistry, type Io } from './io.ts';

/** The flags every importer shares: where the registry is, the dry run, and what a new card needs. */
interface CardFlags {
  registry: string;
  dryRun?: boolean;
  team?: string;
  owner?: string[];
  task?: string;
  primaryMetric?: string;
  direction?: string;
}

function cardOptions(cmd: Command, registryOption: () => Option): Command {
  return cmd
    .addOption(registryOption())
    .option('--dry-run', 'print the registry diff the import would make (file by file), write nothing')
    .option('--team <id>', 'team of a new model (default: the only team of spog.yaml)')
    .option('--owner <who>', "owner of a new model, repeatable (default: the tracker's user)", collect)
    .option('--task <task>', 'task of a new model (default: the tracker\'s "task" tag, else other)')
    .option('--primary-metric <name>', 'primary metric of a new model (default: the first evaluated metric whose direction spog knows)')
    .option('--direction <higher|lower>', 'direction of a primary metric spog does not know');
}

export function registerImportCommands(program: Command, io: Io, setExit: (code: number) => void, registryOption: () => Option): void {
  const emit = (r: Outcome) => emitTo(io, r, setExit);
  const apply = async (flags: CardFlags, read: () => Promise<import('../workflow/import/shape.ts').ImportRead>) => {
    requireRegistry(flags.registry);
    const { ImportFailure } = await import('../workflow/import/http.ts');
    const { applyImport } = await import('../workflow/import/apply.ts');
    let got;
    try {
      got = await read();
    } catch (e) {
      if (e instanceof ImportFailure) return emit({ stdout: '', stderr: `spog: ${e.message}\n`, exitCode: e.code === 'INPUT' ? 2 : 1 });
      throw e;
    }
    emit(applyImport(got, { registry: flags.registry, dryRun: flags.dryRun, team: flags.team, owners: flags.owner, task: flags.task, primaryMetric: flags.primaryMetric, direction: flags.direction }));
  };

  const imp = program
    .command('import')
    .description('import models, versions and deployments from MLflow, DVC or GTO into the registry (idempotent; --dry-run shows the diff)')
    .addHelpText('after', '\nExamples:\n  spog import mlflow --tracking-uri http://127.0.0.1:5000 --dry-run\n  spog import gto --repo ../models-repo\n  spog import dvc --repo ../churn --model churn-model\n\nSee docs/import.md for what each tracker field becomes.');

  cardOptions(
    imp
      .command('mlflow')
      .description("registered models -> models, model versions -> versions (vN), aliases -> deployments (champion: production, challenger: shadow)")
      .option('--tracking-uri <url>', 'the MLflow tracking server (default: $MLFLOW_TRACKING_URI)')
      .option('--model <name...>', 'only these registered models (name or model id)')
      .option('--since <day>', 'only versions created on or after this day, YYYY-MM-DD (deployed versions come anyway)')
      .option('--metrics-from-runs', "also append each version's run metric history as metric lines (kept once on re-import)")
      .option('--alias <name=role:mode...>', 'map another alias to a deployment, e.g. --alias staging=challenger:canary'),
    registryOption,
  )
    .addHelpText(
      'after',
      `
Authentication: MLFLOW_TRACKING_TOKEN (bearer), or MLFLOW_TRACKING_USERNAME and
MLFLOW_TRACKING_PASSWORD (basic). A second run with nothing changed in MLflow writes nothing.

Examples:
  spog import mlflow --tracking-uri http://127.0.0.1:5000 --dry-run
  spog import mlflow --tracking-uri https://mlflow.acme.org --model "Fraud Detector" --team risk --alias staging=challenger:canary`,
    )
    .action((opts: CardFlags & { trackingUri?: string; model?: string[]; since?: string; metricsFromRuns?: boolean; alias?: string[] }) =>
      apply(opts, async () => {
        const uri = opts.trackingUri ?? process.env.MLFLOW_TRACKING_URI;
        if (!uri) throw new UsageError('--tracking-uri is needed (or MLFLOW_TRACKING_URI), e.g. --tracking-uri http://127.0.0.1:5000');
        const { readMlflow } = await import('../workflow/import/mlflow.ts');
        return readMlflow({ trackingUri: uri, models: opts.model, since: opts.since, metricsFromRuns: opts.metricsFromRuns, aliases: opts.alias });
      }),
    );

  cardOptions(
    imp
      .command('gto')
      .description('GTO artifacts -> models, registration tags NAME@vX.Y.Z -> versions, stage tags -> deployments (prod: champion, staging: canary, shadow: shadow)')
      .option('--repo <dir>', 'the git repository GTO manages', '.')
      .option('--stage <name=role:mode...>', 'map another stage to a deployment, e.g. --stage qa=challenger:shadow'),
    registryOption,
  )
    .addHelpText('after', '\nThe newest assignment of each stage wins; a deregistered version or an unassigned stage leaves the deployments.\n\nExample:\n  spog import gto --repo ../models-repo --dry-run')
    .action((opts: CardFlags & { repo: string; stage?: string[] }) =>
      apply(opts, async () => {
        const { readGto } = await import('../workflow/import/gto.ts');
        return readGto({ repo: opts.repo, stages: opts.stage });
      }),
    );

  cardOptions(
    imp
      .command('dvc')
      .description("a DVC project's tagged commits (or dvc exp show's experiments) -> versions of one model: params and metrics from dvc.yaml's files")
      .option('--repo <dir>', 'the git repository of the DVC project', '.')
      .option('--model <id>', 'the model id the project trains')
      .option('--exp-show <file>', 'the JSON of `dvc exp show --json`: its commits and experiments become the versions'),
    registryOption,
  )
    .addHelpText('after', '\nWithout --exp-show, every git tag whose commit has a dvc.yaml naming metrics or params files is a version (its id: the tag); deployments are not touched.\n\nExamples:\n  spog import dvc --repo ../churn --model churn-model\n  dvc exp show --json > exps.json && spog import dvc --repo ../churn --model churn-model --exp-show exps.json')
    .action((opts: CardFlags & { repo: string; model?: string; expShow?: string }) =>
      apply(opts, async () => {
        const { readDvc } = await import('../workflow/import/dvc.ts');
        return readDvc({ repo: opts.repo, model: opts.model, expShow: opts.expShow });
      }),
    );
}
