/**
 * Faults that need a file system of their own: a full disk, a read-only one, and writers killed at
 * random moments into a nearly full one. Each test mounts a small tmpfs (root only; CI runs as
 * root), so these run apart from `npm test`: `npm run test:faults` (vitest.faults.config.ts), a
 * step of .ci/run. A mount that fails is a failure, never a skip.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statfsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/load.ts';
import { mulberry32 } from '../../src/core/random.ts';

const SPOG = join(import.meta.dirname, '..', '..', 'scripts', 'spog.ts');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

let mnt: string;
let reg: string;
let scratch: string;

/** Mount a tmpfs of `size` at a new folder; throws (fails the test) when it cannot. */
function mountTmpfs(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-fault-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(`the fault tests need to mount a tmpfs (run as root, e.g. in CI): mount -t tmpfs -o size=${size} tmpfs ${dir} failed: ${(e as { stderr?: Buffer }).stderr?.toString().trim() ?? e}`);
  }
  return dir;
}

function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
  rmdirSync(dir);
}

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'spog-fault-input-'));
});
afterEach(() => {
  if (mnt) unmount(mnt);
  execFileSync('rm', ['-rf', scratch]);
});

function useRegistry(fixture: string, size: string): void {
  mnt = mountTmpfs(size);
  reg = join(mnt, 'registry');
  cpSync(join(FIXTURES, fixture), reg, { recursive: true });
}

const freeBytes = () => {
  const s = statfsSync(mnt);
  return s.bavail * s.bsize;
};

/** Fill the tmpfs so that about `leave` bytes stay free (a filler file outside the registry). */
function fillLeaving(leave: number): void {
  const filler = join(mnt, 'filler');
  const have = existsSync(filler) ? statSync(filler).size : 0;
  const want = Math.max(0, have + freeBytes() - leave);
  try {
    writeFileSync(filler, Buffer.alloc(want, 120));
  } catch {
    /* full: good enough */
  }
}

const freeAll = () => existsSync(join(mnt, 'filler')) && unlinkSync(join(mnt, 'filler'));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `spog ...args` as its own process; with `killAfterMs`, SIGKILLed then (if still running). */
function spog(args: string[], killAfterMs?: number): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [SPOG, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Every file under `dir` (relative path -> bytes), for "nothing changed". */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/** `count` metric records of churn v2 in October, each with its own run id. */
function batch(name: string, count: number, first = 0): string {
  const lines = Array.from({ length: count }, (_, i) => {
    const ts = new Date(Date.parse('2026-10-01T00:00:00Z') + (first + i) * 60_000).toISOString().replace('.000Z', 'Z');
    return JSON.stringify({ model: 'churn', ts, version: 'v2', metric: 'auc', value: 0.8, n: 1000, run: `${name}-${i}` });
  });
  const f = join(scratch, `${name}.ndjson`);
  writeFileSync(f, `${lines.join('\n')}\n`);
  return f;
}

const monthFile = () => join(reg, 'models', 'churn', 'metrics', '2026-10.ndjson');
const NO_STACK = /^\s+at /m;

describe('a full disk', () => {
  it('refuses a 600-record spog log --file with the file and the cause, leaves the month file as it was, and the same command succeeds once space is freed', async () => {
    useRegistry('minimal', '256k');
    const before = snapshot(reg);
    fillLeaving(12 * 1024);
    const input = batch('full', 600);
    const r = await spog(['log', '--registry', reg, '--file', input]);
    expect(r.stderr).toBe('spog: cannot write models/churn/metrics/2026-10.ndjson: the disk is full (ENOSPC); nothing was written\n');
    expect(r.code).toBe(1);
    expect(snapshot(reg)).toEqual(before); // no torn line, no temporary file, no lock
    freeAll();
    const again = await spog(['log', '--registry', reg, '--file', input]);
    expect(again.stdout).toBe('models/churn/metrics/2026-10.ndjson: 600 records appended\n');
    expect(again.ms).toBeLessThan(15_000); // no lock left to wait for
    expect(readFileSync(monthFile(), 'utf8').split('\n').filter((l) => l.includes('"run":"full-'))).toHaveLength(600);
  }, 60_000);

  it('leaves no lock behind when even the lock cannot be written, so the next writer goes straight in', async () => {
    useRegistry('minimal', '256k');
    const before = snapshot(reg);
    fillLeaving(0);
    const one = ['log', '--registry', reg, '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.8', '--ts', '2026-10-31', '--run', 'one'];
    const r = await spog(one);
    expect(r.stderr).toBe('spog: cannot write models/churn/metrics/2026-10.ndjson (taking its lock models/churn/metrics/2026-10.ndjson.lock): the disk is full (ENOSPC); nothing was written\n');
    expect(r.code).toBe(1);
    expect(snapshot(reg)).toEqual(before);
    freeAll();
    const again = await spog(one);
    expect(again).toMatchObject({ code: 0, stdout: 'models/churn/metrics/2026-10.ndjson: 1 record appended\n' });
    expect(again.ms).toBeLessThan(15_000);
  }, 60_000);

  it('refuses a promote and a retire, changing no file and leaving no temporary file', async () => {
    useRegistry('workflow/commented', '512k');
    const before = snapshot(reg);
    fillLeaving(0);
    const p = await spog(['promote', 'churn', 'v3', '--registry', reg]);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/^spog: cannot write models\/churn\/README\.md( \(taking its lock models\/churn\/README\.md\.lock\))?: the disk is full \(ENOSPC\); nothing changed\n/);
    const r = await spog(['retire', 'churn', 'v1', '--registry', reg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the disk is full (ENOSPC)');
    expect(snapshot(reg)).toEqual(before);
  }, 60_000);
});

describe('a read-only registry', () => {
  it('is refused by log, log-features, promote, retire, set-lifecycle, ack and resolve with the file and the cause, no stack trace', async () => {
    useRegistry('workflow/commented', '1m');
    const opened = await spog(['ack', 'churn', '--registry', reg, '--note', 'looking into it', '--owner', '@ana']);
    expect(opened.code, opened.stderr).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    const before = snapshot(reg);
    const cases: [string[], RegExp][] = [
      [['log', '--model', 'churn', '--version', 'v2', '--metric', 'auc', '--value', '0.8', '--ts', '2026-10-31'], /^spog: cannot write models\/churn\/metrics\/2026-10\.ndjson \(taking its lock models\/churn\/metrics\/2026-10\.ndjson\.lock\): the file system is read-only \(EROFS\); nothing was written\n$/],
      [['log-features', '--model', 'churn', '--version', 'v2', '--feature', 'tenure', '--type', 'numeric', '--sample', '[1,2]', '--ts', '2026-10-31'], /^spog: cannot write models\/churn\/features\/2026-10\.ndjson \(creating its folder models\/churn\/features\): the file system is read-only \(EROFS\); nothing was written\n$/],
      [['promote', 'churn', 'v3'], /^spog: cannot write models\/churn\/README\.md \(taking its lock models\/churn\/README\.md\.lock\): the file system is read-only \(EROFS\); nothing changed\n$/],
      [['retire', 'churn', 'v1'], /^spog: cannot write models\/churn\/README\.md \(taking its lock models\/churn\/README\.md\.lock\): the file system is read-only \(EROFS\); nothing changed\n$/],
      [['set-lifecycle', 'churn', 'retraining'], /^spog: cannot write models\/churn\/README\.md \(taking its lock models\/churn\/README\.md\.lock\): the file system is read-only \(EROFS\); nothing changed\n$/],
      [['ack', 'churn', '--note', 'still on it', '--owner', '@ana'], /^spog: cannot write models\/churn\/README\.md \(taking its lock models\/churn\/README\.md\.lock\): the file system is read-only \(EROFS\); nothing changed\n$/],
      [['resolve', 'churn', '--note', 'fixed'], /^spog: cannot write models\/churn\/README\.md \(taking its lock models\/churn\/README\.md\.lock\): the file system is read-only \(EROFS\); nothing changed\n$/],
    ];
    for (const [args, expected] of cases) {
      const r = await spog([...args, '--registry', reg]);
      expect(r.stderr, args[0]).toMatch(expected);
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(r.code, args[0]).toBe(1);
    }
    // A dry run writes nothing, so it still works.
    const dry = await spog(['promote', 'churn', 'v3', '--dry-run', '--registry', reg]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(snapshot(reg)).toEqual(before);
  }, 120_000);
});

describe('writers killed at random moments into a nearly full disk', () => {
  it('50 SIGKILLs of spog log --file: after each, every file is valid NDJSON, every acknowledged record is there exactly once, every unacknowledged batch wholly or not at all', async () => {
    useRegistry('minimal', '1m');
    const seed = Number(process.env.SPOG_FAULT_SEED ?? Date.now() % 100_000);
    const rand = mulberry32(seed);
    const size = 100;
    const acked: string[] = [];
    const unacked: string[] = [];
    const tally = { acknowledged: 0, killed: 0, diskFull: 0 };
    // How long one run takes here, unkilled, to spread the kills over it.
    const first = await spog(['log', '--registry', reg, '--file', batch('k0', size, 0)]);
    expect(first.code, first.stderr).toBe(0);
    acked.push('k0');
    // Updated with every run that finishes: the machine may be busier later.
    let typical = first.ms;
    for (let i = 1; i <= 50; i++) {
      // Leave between nothing and twice the month file free: some writes fit, some do not.
      fillLeaving(Math.floor(rand() * (2 * statSync(monthFile()).size + 32 * 1024)));
      const name = `k${i}`;
      const r = await spog(['log', '--registry', reg, '--file', batch(name, size, i * size)], Math.floor(rand() * typical * 2));
      if (r.signal === null) typical = Math.max(typical, r.ms);
      const context = `seed ${seed}, kill ${i}: ${r.signal ?? `exit ${r.code}`} ${r.stderr}`;
      if (r.code === 0) {
        acked.push(name);
        tally.acknowledged++;
      } else {
        unacked.push(name);
        if (r.signal === 'SIGKILL') tally.killed++;
        else {
          expect(r.stderr, context).toMatch(/^spog: cannot write models\/churn\/metrics\/2026-10\.ndjson( \(taking its lock [^)]+\))?: the disk is full \(ENOSPC\); nothing was written\n$/);
          tally.diskFull++;
        }
      }
      // Every NDJSON file is whole: each line a JSON object, the last one ended.
      for (const [rel, text] of snapshot(reg)) {
        if (!rel.endsWith('.ndjson')) continue;
        expect(text === '' || text.endsWith('\n'), `${context}: ${rel} ends mid-line`).toBe(true);
        for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line), `${context}: ${rel}: ${line.slice(0, 80)}`).not.toThrow();
      }
      const runs = new Map<string, number>();
      for (const line of readFileSync(monthFile(), 'utf8').split('\n').filter(Boolean)) {
        const run = (JSON.parse(line) as { run?: string }).run;
        if (run) runs.set(run, (runs.get(run) ?? 0) + 1);
      }
      const present = (b: string) => Array.from({ length: size }, (_, j) => runs.get(`${b}-${j}`) ?? 0);
      for (const b of acked) expect(present(b), `${context}: acknowledged batch ${b}`).toEqual(Array(size).fill(1));
      for (const b of unacked) {
        const counts = present(b);
        expect([Array(size).fill(0), Array(size).fill(1)], `${context}: unacknowledged batch ${b} is partly there`).toContainEqual(counts);
      }
    }
    process.stderr.write(`SIGKILL loop (seed ${seed}): ${JSON.stringify(tally)}\n`);
    expect(tally.killed, JSON.stringify(tally)).toBeGreaterThanOrEqual(5);
    expect(tally.acknowledged + tally.diskFull, JSON.stringify(tally)).toBeGreaterThanOrEqual(5);
    // With space again, the next writer is not held up by anything a killed one left.
    freeAll();
    const last = await spog(['log', '--registry', reg, '--file', batch('last', size, 60 * size)]);
    expect(last.code, last.stderr).toBe(0);
    expect(last.ms).toBeLessThan(15_000);
    expect(loadRegistry(reg).counts.errors).toBe(0);
  }, 280_000);
});
