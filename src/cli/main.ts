/** Command-line definitions (commander): flags are consistent across commands; every command takes --registry DIR. */
import { Command, CommanderError, Option } from 'commander';
import { countsLine } from '../core/counts.ts';
import { AsOfError } from '../core/time.ts';
import { cliMsg } from '../messages.ts';
import type { Diagnostic } from '../core/input.ts';
import { formatDiagnostic } from '../registry/diagnostics.ts';
import { ConfigError } from '../registry/load.ts';
import { DRIFT_METHODS } from '../schema/drift-methods.ts';
import { packageVersion } from '../package.ts';
import { UsageError } from '../workflow/outcome.ts';
import { detectCommand, driftCommand } from './analyze.ts';
import { collect, emit, progress, requireRegistry, stdio, type Io } from './io.ts';
import { validateCommand } from './validate.ts';
import { registerImportCommands } from './import-commands.ts';
import { registerScaffoldCommands } from './scaffold-commands.ts';
import { registerWorkflowCommands } from './workflow-commands.ts';

const DEFAULT_REGISTRY = './registry';

function registryDir(positional: string | undefined, opts: { registry?: string }): string {
  return positional ?? opts.registry ?? DEFAULT_REGISTRY;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('spog')
    .description('spog: a single pane of glass for machine-learning models, built from a git registry.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const registryOption = () => new Option('--registry <dir>', 'registry directory').default(DEFAULT_REGISTRY);

  program
    .command('validate')
    .description('check every registry file and cross-file rule; exit 1 on any error (with errors in spog.yaml, the rest is checked against its valid part)')
    .argument('[dir]', 'registry directory (same as --registry)')
    .addOption(registryOption())
    .option('--json', 'print diagnostics and counts as JSON')
    .addHelpText('after', '\nExamples:\n  spog validate\n  spog validate ./registry --json')
    .action(async (dir: string | undefined, opts: { registry?: string; json?: boolean }) => {
      // validate reports a missing directory as a diagnostic of its own (and exits 1). Large
      // registries are read in worker threads, a model each (src/compute).
      const { validateRegistry } = await import('../compute/snapshot.ts');
      const reg = await validateRegistry(registryDir(dir, opts), { onModel: progress(io, 'reading') });
      emit(io, validateCommand(reg, opts), setExit);
    });

  program
    .command('status')
    .description('health of every model (table, or JSON for pipelines); --fail-on sets the exit code; exit 2 when spog.yaml has errors')
    .argument('[dir]', 'registry directory (same as --registry)')
    .addOption(registryOption())
    .option('--json', 'print {"as_of", "fleet", "models": [...]} as JSON')
    .addOption(new Option('--fail-on <level>', 'exit 1 when any model is at or beyond this level (red < amber < unknown: unknown fails on anything not green, registry errors included; red and amber judge health only and warn on stderr about models with registry errors, which spog validate fails on)').choices(['red', 'amber', 'unknown']))
    .option('--as-of <date>', 'evaluation date (YYYY-MM-DD); default: spog.yaml as_of, SOURCE_DATE_EPOCH, or today')
    .option('--model <id...>', 'only these models')
    .addHelpText('after', '\nExamples:\n  spog status\n  spog status --json --fail-on red\n  spog status ./registry --as-of 2026-10-31')
    .action(async (dir: string | undefined, opts: { registry?: string; json?: boolean; failOn?: 'red' | 'amber' | 'unknown'; asOf?: string; model?: string[] }) => {
      const registry = registryDir(dir, opts);
      requireRegistry(registry);
      const { computeRegistry, UnknownModels } = await import('../compute/snapshot.ts');
      let snap;
      let outside: Diagnostic[] = [];
      try {
        // In worker threads for large registries; only the --model models are read.
        // A spog.yaml with errors stops it (ConfigError): every model would be judged by defaults and today's date.
        const computed = await computeRegistry(registry, { asOfFlag: opts.asOf, only: opts.model, onModel: progress(io, 'computing'), requireConfigFor: 'spog status' });
        snap = computed.snapshot;
        outside = computed.diagnostics.filter((d) => d.severity === 'error' && d.model === undefined);
      } catch (e) {
        // A malformed --as-of is the caller's mistake; a malformed SOURCE_DATE_EPOCH stays an error with its stack.
        if (e instanceof UnknownModels || (e instanceof AsOfError && e.source === 'flag')) throw new UsageError(e.message);
        throw e;
      }
      const { statusCommand } = await import('./status.ts');
      // Problems outside any model (a folder in models/ that is not a model id) are no model's health: said, and failed on by --fail-on unknown.
      if (outside.length) io.err(`spog: ${cliMsg.registryProblemsOutside(outside.length, formatDiagnostic(outside[0]))}\n`);
      const r = statusCommand(snap, { json: opts.json, failOn: opts.failOn, color: process.stdout.isTTY && !process.env.NO_COLOR });
      emit(io, outside.length && opts.failOn === 'unknown' ? { ...r, exitCode: 1 } : r, setExit);
    });

  program
    .command('drift')
    .description('test two samples for data drift, as Evidently does (auto picks the method)')
    .requiredOption('--reference <file>', 'JSON array of reference values')
    .requiredOption('--current <file>', 'JSON array of current values')
    .addOption(new Option('--method <method>', 'statistical test').choices(['auto', ...DRIFT_METHODS]).default('auto'))
    .addOption(new Option('--type <type>', 'column type (default: numeric when every value is a number)').choices(['numeric', 'categorical']))
    .option('--threshold <x>', "override the method's default threshold", parseNumber)
    .option('--json', 'print {"method", "statistic", "p_value", "threshold", "drifted"}')
    .addOption(registryOption().hideHelp())
    .addHelpText('after', '\nExample:\n  spog drift --reference ref.json --current cur.json --json')
    .action(async (opts) => emit(io, await driftCommand(opts), setExit));

  program
    .command('detect')
    .description('run a performance-drift detector over a series, with River\'s parameter names')
    .addOption(new Option('--detector <name>', 'detector').choices(['rolling-mean', 'adwin', 'page-hinkley', 'ddm', 'eddm', 'kswin']).makeOptionMandatory())
    .option('--param <name=value...>', 'detector parameter, repeatable (e.g. --param delta=0.002)', collect, [])
    .requiredOption('--input <file>', 'JSON array of numbers (0/1 for ddm and eddm)')
    .option('--json', 'print {"detections": [...], "warnings": [...]} (0-based indices)')
    .option('--standardise', 'first put the series in standard deviations from the mean of its first 30 values, as the site does before Page-Hinkley')
    .addOption(registryOption().hideHelp())
    .addHelpText('after', '\nExamples:\n  spog detect --detector adwin --param delta=0.002 --input series.json --json\n  spog detect --detector page-hinkley --standardise --param threshold=10 --param delta=0.005 --param alpha=0.9999 --param mode=down --input auc.json')
    .action(async (opts) => emit(io, await detectCommand(opts), setExit));

  program
    .command('build')
    .description('validate, compute and write the static site (exit 0 when models have registry errors: they are published as such, with a warning; exit 2, writing nothing, when spog.yaml has errors)')
    .addOption(registryOption())
    .option('--out <dir>', 'output directory', './dist')
    .option('--as-of <date>', 'evaluation date (YYYY-MM-DD)')
    .option('--no-cache', 'evaluate every model again (default: models whose files, config and evaluation date are unchanged come from .cache/models)')
    .addHelpText('after', '\nExample:\n  spog build --registry ./registry --out ./dist')
    .action(async (opts: { registry: string; out: string; asOf?: string; cache: boolean }) => {
      requireRegistry(opts.registry);
      const { buildSite } = await import('../site/build.ts');
      const started = Date.now();
      const r = await buildSite({ registry: opts.registry, out: opts.out, asOf: opts.asOf, cache: opts.cache ? undefined : false, onProgress: (m) => io.err(`${m}\n`) });
      const f = r.snapshot.fleet;
      io.out(`${cliMsg.built(r.pages, r.outDir, (Date.now() - started) / 1000, countsLine(f.counts), r.snapshot.as_of.date)}\n`);
      if (f.registry_errors) io.err(`${cliMsg.registryErrorsShown(f.registry_errors, r.snapshot.models.filter((m) => m.registry_error).map((m) => m.id))}\n`);
    });

  program
    .command('migrate')
    .description("rewrite the registry's files for the file format this spog reads (spog.yaml format_version), all files or none; refuses a registry newer than this spog")
    .argument('[dir]', 'registry directory (same as --registry)')
    .addOption(registryOption())
    .option('--dry-run', 'say which files would change, and why, without writing')
    .addHelpText('after', '\nAfter upgrading spog (its version in package.json), when a command says the registry is an older format:\n  spog migrate --dry-run\n  spog migrate && spog validate')
    .action(async (dir: string | undefined, opts: { registry?: string; dryRun?: boolean }) => {
      const { migrateRegistry } = await import('../workflow/migrate.ts');
      emit(io, migrateRegistry({ registry: registryDir(dir, opts), dryRun: opts.dryRun }), setExit);
    });

  registerWorkflowCommands(program, io, setExit, registryOption);
  registerScaffoldCommands(program, io, setExit, registryOption);
  registerImportCommands(program, io, setExit, registryOption);
  return program;
}

function parseNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(cliMsg.notANumber(v));
  return n;
}

/** Run the CLI with argv (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: Io = stdio): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.err(`spog: ${e.message}\n`);
      return 2;
    }
    io.err(`spog: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
  return code;
}
