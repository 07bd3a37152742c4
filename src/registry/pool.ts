/**
 * Worker threads that read models' metric and window lines (lines.ts) while the main thread
 * reads cards, versions and references. loadRegistry stays synchronous: results are taken with
 * receiveMessageOnPort, and the main thread sleeps on an Atomics counter the workers bump when
 * they post one. A worker that stops showing progress (it bumps its own counter at every file)
 * or fails is given up on, and its jobs are read on the main thread instead: the result is the
 * same either way, only slower.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { readModelLines, type LinesJob, type LinesResult } from './lines.ts';

/** Models below which threads do not pay for their start (about 0.3 s each). */
export const THREADS_MIN_MODELS = 64;
/** A worker silent this long (no file read, no result) is taken for dead. */
const STALL_MS = 120_000;
// A variable, not a literal, so that bundlers leave the path alone (the file is found next to this one or not at all).
const WORKER_FILE = 'lines-worker.ts';

/**
 * How many worker threads to use for `models` models: SPOG_THREADS when set (0 turns them off),
 * else none below THREADS_MIN_MODELS or on one core, else one per core up to 4.
 */
export function threadsFor(models: number): number {
  const env = process.env.SPOG_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : 0;
  }
  const cores = availableParallelism();
  return models < THREADS_MIN_MODELS || cores < 2 ? 0 : Math.min(cores, 4);
}

/** A number array with the values of a typed array (the series' type; a typed array's map would not do). */
function toArray(f: Float64Array | number[]): number[] {
  if (Array.isArray(f)) return f;
  const a = new Array<number>(f.length);
  for (let i = 0; i < f.length; i++) a[i] = f[i];
  return a;
}

/** A worker's result with its series back as number arrays. */
function withArrays(r: LinesResult): LinesResult {
  return { ...r, series: r.series.map((s) => ({ ...s, t: toArray(s.t), value: toArray(s.value), n: toArray(s.n) })) };
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  /** Keys of the jobs sent and not yet answered, in order. */
  pending: number[];
  beat: number;
  beatAt: number;
  dead: boolean;
}

interface Reply {
  key: number;
  result?: LinesResult;
  error?: string;
}

export class LinesPool {
  private readonly slots: Slot[];
  /** [0]: replies posted; [1 + w]: progress of worker w. */
  private readonly signal: Int32Array;
  private readonly jobs = new Map<number, LinesJob>();
  /** Jobs taken back from a dead worker, to read here. */
  private readonly orphans: number[] = [];
  private next = 0;

  private constructor(slots: Slot[], signal: Int32Array) {
    this.slots = slots;
    this.signal = signal;
  }

  /** Start `n` workers; undefined when the worker file is not there (a bundled copy of this module). */
  static start(n: number): LinesPool | undefined {
    const url = new URL(WORKER_FILE, import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return undefined;
    const signal = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
    const slots: Slot[] = [];
    try {
      for (let w = 0; w < n; w++) {
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(url, { workerData: { port: port2, signal, slot: w + 1 }, transferList: [port2] });
        // Never keep the process alive, and never let a worker's failure throw here: its jobs come back.
        worker.unref();
        worker.on('error', () => {});
        slots.push({ worker, port: port1, pending: [], beat: 0, beatAt: Date.now(), dead: false });
      }
    } catch {
      for (const s of slots) void s.worker.terminate();
      return undefined;
    }
    return new LinesPool(slots, signal);
  }

  /** Jobs sent and not yet taken. */
  get outstanding(): number {
    return this.jobs.size;
  }

  /** Send a job to the worker with the fewest pending. */
  submit(key: number, job: LinesJob): void {
    this.jobs.set(key, job);
    const live = this.slots.filter((s) => !s.dead);
    if (live.length === 0) {
      this.orphans.push(key);
      return;
    }
    let best = live[this.next++ % live.length];
    for (const s of live) if (s.pending.length < best.pending.length) best = s;
    if (best.pending.length === 0) best.beatAt = Date.now();
    best.pending.push(key);
    best.port.postMessage({ key, job });
  }

  /** Wait for one result (blocking): [key, result]. */
  take(): [number, LinesResult] {
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (const s of this.slots) {
        if (s.dead) continue;
        const m = receiveMessageOnPort(s.port);
        if (m === undefined) continue;
        const reply = m.message as Reply;
        s.pending.splice(s.pending.indexOf(reply.key), 1);
        s.beatAt = Date.now();
        const job = this.jobs.get(reply.key)!;
        this.jobs.delete(reply.key);
        return [reply.key, reply.result ? withArrays(reply.result) : readModelLines(job)];
      }
      const orphan = this.orphans.shift();
      if (orphan !== undefined) {
        const job = this.jobs.get(orphan)!;
        this.jobs.delete(orphan);
        return [orphan, readModelLines(job)];
      }
      this.checkAlive();
      Atomics.wait(this.signal, 0, seen, 50);
    }
  }

  private checkAlive(): void {
    const now = Date.now();
    this.slots.forEach((s, w) => {
      if (s.dead || s.pending.length === 0) return;
      const beat = Atomics.load(this.signal, w + 1);
      if (beat !== s.beat) {
        s.beat = beat;
        s.beatAt = now;
      } else if (now - s.beatAt > STALL_MS) {
        s.dead = true;
        void s.worker.terminate();
        this.orphans.push(...s.pending.splice(0));
      }
    });
  }

  close(): void {
    for (const s of this.slots) {
      s.port.close();
      void s.worker.terminate();
    }
  }
}
