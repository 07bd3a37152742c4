/**
 * The real-tool harness of the importer integration tests: the Python environment with MLflow,
 * DVC and GTO (scripts/integration-env.sh), a real MLflow server, the scripts that fill the
 * trackers and write down the truth, `spog` run as a subprocess, and a hash of a folder.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const VENV_BIN = join(ROOT, 'python', '.venv-integration', 'bin');
export const PYTHON = join(VENV_BIN, 'python');
export const SCRIPTS = join(ROOT, 'scripts', 'integration');
/** The repository's Node (the `node` devDependency), as the adopt test runs it. */
export const NODE = join(ROOT, 'node_modules', 'node', 'bin', 'node');
const SPOG = join(ROOT, 'scripts', 'spog.ts');

/** The tools first on PATH: the venv's mlflow, dvc and gto, then the repository's Node. */
const PATH = `${VENV_BIN}:${join(ROOT, 'node_modules', 'node', 'bin')}:${process.env.PATH ?? ''}`;

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr, for messages that may go to either. */
  output: string;
}

/** Run a command to its end (synchronously), whatever its exit code. */
export function exec(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Ran {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, PATH, ...env }, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  return { code: r.status ?? -1, stdout, stderr, output: stdout + stderr };
}

/** Run a command, failing with its output when it exits non-zero. */
export function must(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = exec(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code} in ${cwd}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r.stdout;
}

/** The same, without blocking the event loop (to run the three tracker scripts side by side). */
export function mustAsync(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`)),
    );
  });
}

/** `spog ...` from this repository's sources, as a subprocess on the repository's Node. */
export function spogCli(args: string[], cwd: string): Ran {
  return exec(NODE, [SPOG, ...args], cwd, { NO_COLOR: '1' });
}

let importHelp: Ran | undefined;
/**
 * Fail loudly when this spog has no `spog import` (issue 17): commander answers an unknown
 * command's --help with the main help and exit 0, so the usage line is what tells.
 */
export function requireImport(): void {
  importHelp ??= spogCli(['import', '--help'], ROOT);
  if (!/Usage: spog import\b/.test(importHelp.stdout)) {
    const first = importHelp.output.split('\n')[0];
    throw new Error(
      'spog import is missing from this spog: these tests drive `spog import mlflow|dvc|gto` (issue 17), and ' +
        `\`node scripts/spog.ts import --help\` printed no "Usage: spog import" (exit ${importHelp.code}, first line "${first}")`,
    );
  }
}

/** A TCP port free on 127.0.0.1 now, and closed: nothing listens on it after this returns. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface MlflowServer {
  uri: string;
  log: string;
  /** Stop the server and wait for it (its supervisor kills the whole process group). */
  stop: () => Promise<void>;
}

/**
 * A real `mlflow server` (scripts/integration/mlflow_server.py) with its store in `dir`. The
 * supervisor keeps it alive while its stdin is open: if this process dies, the server goes too.
 */
export function startMlflow(dir: string, timeoutMs = 120_000): Promise<MlflowServer> {
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [join(SCRIPTS, 'mlflow_server.py'), dir], { env: { ...process.env, PATH } });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`mlflow_server.py printed no address within ${timeoutMs / 1000} s\n--- stderr\n${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        const { uri, log } = JSON.parse(line) as { uri: string; log: string };
        resolve({ uri, log, stop });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`mlflow_server.py exited ${code} before the server answered\n--- stderr\n${stderr}`));
    });
  });
}

/** Every file under `dir` (sorted, relative, `/`-separated), but not git's own (.git). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A hash of every file's path and bytes under `dir` (not .git): equal hashes, byte-identical trees. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of filesUnder(dir)) h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return h.digest('hex');
}
