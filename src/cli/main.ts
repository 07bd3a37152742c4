/** Command-line definitions (commander): flags are consistent across commands; every command takes --registry DIR. */
import { Command, CommanderError, Option } from 'commander';
import { loadRegistry, type Registry } from '../registry/load.ts';
import { validateCommand } from './validate.ts';

const DEFAULT_REGISTRY = './registry';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}
const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Progress on stderr, only when stderr is a terminal or SPOG_PROGRESS=1. */
export function progress(io: Io, label: string): (i: number, total: number, what: string) => void {
  const on = process.stderr.isTTY || process.env.SPOG_PROGRESS === '1';
  let last = 0;
  return (i, total, what) => {
    if (!on) return;
    const now = Date.now();
    if (i !== total && now - last < 100) return;
    last = now;
    io.err(`\r${label} ${i}/${total} ${what.padEnd(30).slice(0, 30)}${i === total ? '\n' : ''}`);
  };
}

function registryDir(positional: string | undefined, opts: { registry?: string }): string {
  return positional ?? opts.registry ?? DEFAULT_REGISTRY;
}

export function load(dir: string, io: Io): Registry {
  return loadRegistry(dir, { onModel: progress(io, 'reading') });
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('spog')
    .description('spog: a single pane of glass for machine-learning models, built from a git registry.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const registryOption = () => new Option('--registry <dir>', 'registry directory').default(DEFAULT_REGISTRY);

  program
    .command('validate')
    .description('check every registry file and cross-file rule; exit 1 on any error')
    .argument('[dir]', 'registry directory (same as --registry)')
    .addOption(registryOption())
    .option('--json', 'print diagnostics and counts as JSON')
    .addHelpText('after', '\nExamples:\n  spog validate\n  spog validate ./registry --json')
    .action((dir: string | undefined, opts: { registry?: string; json?: boolean }) => {
      const reg = load(registryDir(dir, opts), io);
      const r = validateCommand(reg, opts);
      io.out(r.stdout);
      setExit(r.exitCode);
    });

  return program;
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
    io.err(`spog: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
  return code;
}
