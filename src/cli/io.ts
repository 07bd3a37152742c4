/** What every command of the CLI shares: where output goes, progress, the registry check, printing a result. */
import { isDirectory } from '../registry/files.ts';
import { cliMsg } from '../messages.ts';
import { UsageError } from '../workflow/outcome.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

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

/** Refuse a registry directory that does not exist (a typo would otherwise look like an empty, healthy fleet). */
export function requireRegistry(dir: string): void {
  if (!isDirectory(dir)) throw new UsageError(cliMsg.noRegistryDir(dir));
}

/** Print a command's result (stderr first, when it has any) and set the exit code. */
export function emit(io: Io, r: { stdout: string; stderr?: string; exitCode: number }, setExit: (code: number) => void): void {
  if (r.stderr) io.err(r.stderr);
  io.out(r.stdout);
  setExit(r.exitCode);
}

/** Commander's collector for a repeatable option. */
export function collect(v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), v];
}
