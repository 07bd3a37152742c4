/**
 * Git-native workflow commands (log, log-features, promote, retire, set-lifecycle, ack, resolve,
 * diff, audit, codeowners, alerts). The work lives in src/workflow; this file only declares flags and prints.
 * Modules are imported when a command runs, so `spog log` in a pipeline loads no engine code.
 */
import { Option, type Command } from 'commander';
import { cliMsg } from '../messages.ts';
import { UsageError, type Outcome } from '../workflow/outcome.ts';
import { collect, emit as emitTo, requireRegistry, type Io } from './io.ts';

export function registerWorkflowCommands(program: Command, io: Io, setExit: (code: number) => void, registryOption: () => Option): void {
  // `spog log --version v2` must reach the subcommand, not print the tool's version: program
  // options (--version, --help) are only read before the subcommand name.
  program.enablePositionalOptions();

  const emit = (r: Outcome) => emitTo(io, r, setExit);

  program
    .command('log')
    .description('append production metric records to models/<id>/metrics/<YYYY-MM>.ndjson (validated, locked, idempotent)')
    .addOption(registryOption())
    .option('--model <id>', 'model id (with --file: the default for lines without a "model" field)')
    .option('--version <version>', 'version that produced the predictions')
    .option('--metric <name>', 'metric name, e.g. auc')
    .option('--value <x>', 'observed value')
    .option('--n <count>', 'number of predictions behind the value')
    .option('--slice <key=value>', 'subgroup, repeatable (e.g. --slice region=eu --slice sex=female)', collect)
    .option('--ts <iso>', 'time of the observation (default: now, UTC)')
    .option('--run <id>', 'pipeline run id; with --ts it makes a re-run idempotent')
    .option('--file <path>', 'NDJSON records, one JSON object a line ("-" for stdin)')
    .option('--new-metric', 'accept a metric name the model does not have yet (default: refused, with "did you mean")')
    .addHelpText(
      'after',
      `
Records are checked against the metric line schema, the model and version must exist, the
metric must be one the model already has (in its card, its versions' evaluations or its metric
lines) unless --new-metric is given, and all
lines of one month file are appended with one write under a lock file. The same record (ts,
version, metric, slice, run and value) logged twice is kept once. Any invalid record: nothing
is written and the exit code is 1.

Examples:
  spog log --model churn --version v2 --metric auc --value 0.83 --n 12000 --ts 2026-10-31 --run nightly-2026-10-31
  spog log --model churn --version v2 --metric auc --value 0.79 --slice region=eu --ts 2026-10-31
  spog log --file records.ndjson            # each line {"model": "churn", "ts": ..., "version": ..., "metric": ..., "value": ...}
  python train.py | spog log --model churn --file -`,
    )
    .action(async (opts: { registry: string; newMetric?: boolean } & import('./log-input.ts').MetricFlags) => {
      const { metricInputs } = await import('./log-input.ts');
      const { logMetrics } = await import('../workflow/log.ts');
      const nowMs = Date.now();
      const { newMetric, ...flags } = opts;
      emit(logMetrics(metricInputs(flags, nowMs), { registry: opts.registry, nowMs, newMetric }));
    });

  program
    .command('log-features')
    .description('append production feature windows to models/<id>/features/<YYYY-MM>.ndjson (sample, histogram or counts)')
    .addOption(registryOption())
    .option('--model <id>', 'model id (with --file: the default for lines without a "model" field)')
    .option('--version <version>', 'version serving during the window')
    .option('--feature <name>', 'input feature name, or the prediction with --role prediction')
    .addOption(new Option('--role <role>', 'input feature or model output').choices(['input', 'prediction']))
    .addOption(new Option('--type <type>', 'distribution type').choices(['numeric', 'categorical']))
    .option('--sample <json>', 'raw values as a JSON array, or @file.json')
    .option('--histogram <json>', '{"edges": [...], "counts": [...]} as JSON, or @file.json')
    .option('--counts <json>', 'category counts as a JSON object, or @file.json')
    .option('--ts <iso>', 'end of the window (default: now, UTC)')
    .option('--run <id>', 'pipeline run id')
    .option('--file <path>', 'NDJSON windows, one JSON object a line ("-" for stdin)')
    .addHelpText(
      'after',
      `
Examples:
  spog log-features --model churn --version v2 --feature tenure --type numeric --histogram '{"edges":[0,12,24,48],"counts":[310,220,95]}' --ts 2026-10-31
  spog log-features --model churn --version v2 --feature plan --type categorical --counts '{"basic":412,"pro":133}'
  spog log-features --model churn --version v2 --feature score --role prediction --type numeric --sample @scores.json
  spog log-features --file windows.ndjson`,
    )
    .action(async (opts: { registry: string } & import('./log-input.ts').FeatureFlags) => {
      const { featureInputs } = await import('./log-input.ts');
      const { logFeatures } = await import('../workflow/log.ts');
      const nowMs = Date.now();
      emit(logFeatures(featureInputs(opts, nowMs), { registry: opts.registry, nowMs }));
    });

  program
    .command('promote')
    .description('make a version the champion of a model (edits the model card, keeping comments and formatting)')
    .argument('<id>', 'model id')
    .argument('<version>', 'version to promote')
    .addOption(registryOption())
    .addOption(new Option('--old <what>', 'what happens to the old champion: remove its deployment entry, or keep it as a shadow challenger').choices(['remove', 'shadow']).default('remove'))
    .option('--date <date>', 'promotion date written to `since` (default: today, UTC)')
    .option('--dry-run', 'show what would change; write nothing')
    .addHelpText(
      'after',
      `
The version must exist and not be retired. Its deployment becomes role champion (mode
production, or its blue/green colour; traffic removed; since = the date). The old champion's
version file always stays (history); its deployment entry is removed, or with --old shadow
becomes a shadow challenger. The result is checked like spog validate before it is written.

Examples:
  spog promote churn v3
  spog promote churn v3 --old shadow --date 2026-11-02
  spog promote churn v3 --dry-run`,
    )
    .action(async (id: string, version: string, opts: { registry: string; old: 'remove' | 'shadow'; date?: string; dryRun?: boolean }) => {
      const { promote } = await import('../workflow/lifecycle.ts');
      emit(promote(id, version, opts.old, { registry: opts.registry, date: opts.date, dryRun: opts.dryRun }));
    });

  program
    .command('retire')
    .description('retire a model (lifecycle: retired) or one of its versions (retired: true, removed from deployments)')
    .argument('<id>', 'model id')
    .argument('[version]', 'version to retire; without it the whole model is retired')
    .addOption(registryOption())
    .option('--dry-run', 'show what would change; write nothing')
    .addHelpText(
      'after',
      `
A champion version cannot be retired: promote another version first, or retire the model.

Examples:
  spog retire churn v1
  spog retire churn`,
    )
    .action(async (id: string, version: string | undefined, opts: { registry: string; dryRun?: boolean }) => {
      const { retire } = await import('../workflow/lifecycle.ts');
      emit(retire(id, version, { registry: opts.registry, dryRun: opts.dryRun }));
    });

  program
    .command('set-lifecycle')
    .description('set the lifecycle of a model: development, staging, production, retraining, offline or retired')
    .argument('<id>', 'model id')
    .argument('<lifecycle>', 'development | staging | production | retraining | offline | retired')
    .addOption(registryOption())
    .option('--dry-run', 'show what would change; write nothing')
    .addHelpText('after', '\nExamples:\n  spog set-lifecycle churn retraining\n  spog set-lifecycle churn production')
    .action(async (id: string, lifecycle: string, opts: { registry: string; dryRun?: boolean }) => {
      const { setLifecycle } = await import('../workflow/lifecycle.ts');
      emit(setLifecycle(id, lifecycle, { registry: opts.registry, dryRun: opts.dryRun }));
    });

  program
    .command('ack')
    .description("acknowledge a model's problem (who, what is being done, until when): models/<id>/incidents/<YYYY-MM-DD>-<n>.yaml")
    .argument('<id>', 'model id')
    .addOption(registryOption())
    .option('--note <text>', 'what is being done, e.g. "retraining on October data; v4 expected Friday"')
    .option('--until <date>', 'the day (YYYY-MM-DD) by which it should be fixed; after it the acknowledgement shows as expired')
    .option('--owner <who>', 'who acknowledges (default: git config user.name)')
    .option('--as-of <date>', 'the day of the acknowledgement (default: spog.yaml as_of, SOURCE_DATE_EPOCH, or now)')
    .addHelpText(
      'after',
      `
The file records who, when, the note, the until day, and the model's health and reasons now
(computed as spog status does). A second ack while one is open updates it (note, until) instead
of opening another. An acknowledgement never changes health: the model page, the overview, the
alerts page, the feed and the JSON API show who is acting on it. Commit the file.

Examples:
  spog ack seattle-rain-tomorrow --note "retraining on October data; v4 expected Friday" --until 2026-11-06 --owner @maria
  spog ack seattle-rain-tomorrow --note "v4 training took longer; evaluation Monday" --until 2026-11-09`,
    )
    .action(async (id: string, opts: { registry: string; note?: string; until?: string; owner?: string; asOf?: string }) => {
      const { ack } = await import('../workflow/incidents.ts');
      emit(await ack(id, opts));
    });

  program
    .command('resolve')
    .description("close a model's open incident (status resolved, the day, and how)")
    .argument('<id>', 'model id')
    .addOption(registryOption())
    .option('--note <text>', 'how it was resolved, e.g. "v4 promoted; AUC back at 0.74"')
    .option('--as-of <date>', 'the day of the resolution (default: spog.yaml as_of, SOURCE_DATE_EPOCH, or now)')
    .addHelpText('after', '\nExamples:\n  spog resolve seattle-rain-tomorrow --note "v4 promoted; AUC back at 0.74"')
    .action(async (id: string, opts: { registry: string; note?: string; asOf?: string }) => {
      const { resolve } = await import('../workflow/incidents.ts');
      emit(await resolve(id, opts));
    });

  program
    .command('diff')
    .description('report what a change does to the registry, for a pull request: each change hides a problem, is worse, loosened or better (models, versions, promotions, thresholds, data, health)')
    .argument('<base>', 'git ref of the base, e.g. origin/main')
    .argument('[head]', 'git ref of the head (default: the working tree)')
    .addOption(registryOption())
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .option('--as-of <date>', "evaluation date for both sides (default: the head's spog.yaml as_of, SOURCE_DATE_EPOCH, or today)")
    .addHelpText(
      'after',
      `
Both sides are read from git (HEAD may be the working tree) and evaluated at the same as-of,
so every difference comes from the change itself. The Markdown is meant for a pull-request
comment: a summary table, then one collapsed section per model.

Examples:
  spog diff origin/main
  spog diff origin/main HEAD --format json
  spog diff main~5 main --registry ./registry --as-of 2026-10-31`,
    )
    .action(async (base: string, head: string | undefined, opts: { registry: string; format: 'markdown' | 'json'; asOf?: string }) => {
      const { diffRefs } = await import('../workflow/diff.ts');
      const started = Date.now();
      const d = await diffRefs({ registry: opts.registry, base, head, asOf: opts.asOf });
      if (opts.format === 'json') io.out(`${JSON.stringify(d, null, 2)}\n`);
      else {
        const { diffMarkdown } = await import('../workflow/diff-markdown.ts');
        io.out(diffMarkdown(d));
      }
      if (process.stderr.isTTY || process.env.SPOG_PROGRESS === '1') io.err(`${cliMsg.diffTook((Date.now() - started) / 1000)}\n`);
      setExit(0);
    });

  program
    .command('audit')
    .description("the git history of a model's files: who changed what, when, in which commit and pull request")
    .argument('<id>', 'model id')
    .addOption(registryOption())
    .option('--json', 'print {"available", "reason", "entries": [...]} as JSON')
    .option('--limit <n>', 'show at most n entries (newest first)', (v: string) => Number(v))
    .addHelpText('after', '\nExamples:\n  spog audit churn\n  spog audit churn --json --limit 20')
    .action(async (id: string, opts: { registry: string; json?: boolean; limit?: number }) => {
      const { auditCommand } = await import('../workflow/commands.ts');
      emit(auditCommand(id, opts));
    });

  program
    .command('codeowners')
    .description("write .github/CODEOWNERS so changes to a model's files need its owners' approval (or --check it)")
    .addOption(registryOption())
    .option('--check', 'do not write; exit 1 when the file is out of date')
    .option('--out <file>', 'CODEOWNERS path (default: .github/CODEOWNERS at the repository root)')
    .addHelpText(
      'after',
      `
Owners in the model cards should be GitHub handles (@user, @org/team) or e-mail addresses of
GitHub users; other owners are left out with a warning. Rules written by hand outside the
generated block are kept.

Examples:
  spog codeowners
  spog codeowners --check`,
    )
    .action(async (opts: { registry: string; check?: boolean; out?: string }) => {
      const { codeownersCommand } = await import('../workflow/commands.ts');
      emit(codeownersCommand(opts));
    });

  program
    .command('alerts')
    .description('every entry into amber or red and every recovery since a date or commit (full health, drift and fairness included; acknowledged states not repeated), and the models that need attention; optionally post them to a Slack-compatible webhook; exit 2 when spog.yaml has errors')
    .addOption(registryOption())
    .option('--since <ref|date>', 'a date (YYYY-MM-DD: transitions since then) or a git ref (health then vs now); default: the as-of day')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json', 'slack']).default('markdown'))
    .option('--webhook <url>', 'POST a Slack-compatible payload ({"text", "blocks"}) here: 3 tries with backoff')
    .option('--webhook-timeout <seconds>', 'limit per try', (v: string) => Number(v), 10)
    .option('--always', 'post even when there is no status change (default: post only when something changed)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when any model is at or beyond this level now').choices(['red', 'amber']))
    .option('--as-of <date>', 'evaluation date (YYYY-MM-DD)')
    .option('--site-url <url>', 'dashboard URL, for links to model pages')
    .addHelpText(
      'after',
      `
Examples:
  spog alerts
  spog alerts --since 2026-10-01 --format json
  spog alerts --since origin/main@{1} --webhook "$SPOG_SLACK_WEBHOOK" --site-url https://acme.github.io/models
  spog alerts --fail-on red            # a pipeline gate`,
    )
    .action(async (opts: { registry: string; since?: string; format: 'markdown' | 'json' | 'slack'; webhook?: string; webhookTimeout: number; always?: boolean; failOn?: 'red' | 'amber'; asOf?: string; siteUrl?: string }) => {
      const { alertReport, alertsExitCode } = await import('../workflow/alerts.ts');
      const { alertsMarkdown, slackPayload } = await import('../workflow/alerts-format.ts');
      const { checkWebhookUrl, postWebhook, redact } = await import('../workflow/webhook.ts');
      if (opts.webhook !== undefined) {
        const bad = checkWebhookUrl(opts.webhook);
        if (bad) throw new UsageError(bad);
      }
      if (!(opts.webhookTimeout > 0)) throw new UsageError(cliMsg.webhookTimeoutNotPositive());
      requireRegistry(opts.registry);
      const r = await alertReport({ registry: opts.registry, since: opts.since, asOf: opts.asOf, siteUrl: opts.siteUrl }, io.err);
      const payload = slackPayload(r);
      io.out(opts.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : opts.format === 'slack' ? `${JSON.stringify(payload, null, 2)}\n` : alertsMarkdown(r));
      let code = alertsExitCode(r, opts.failOn);
      if (opts.webhook !== undefined) {
        if (r.transitions.length === 0 && !opts.always) io.err(`spog: ${cliMsg.nothingPosted()}\n`);
        else {
          const backoff = Number(process.env.SPOG_WEBHOOK_BACKOFF_MS);
          const res = await postWebhook(opts.webhook, payload, { timeoutMs: opts.webhookTimeout * 1000, backoffMs: Number.isFinite(backoff) && backoff >= 0 ? backoff : undefined });
          if (res.ok) io.err(`spog: ${cliMsg.posted(redact(opts.webhook), res.status, res.tries)}\n`);
          else {
            io.err(`spog: ${res.error}\n`);
            code = 1;
          }
        }
      }
      setExit(code);
    });
}
