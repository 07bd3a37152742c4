/**
 * A worker thread of pool.ts: reads the jobs it is sent with readModelLines and posts back the
 * results, bumping its progress counter at every file and the shared reply counter at every
 * result (the main thread sleeps on it).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { readModelLines, type LinesJob } from './lines.ts';

const { port, signal, slot } = workerData as { port: MessagePort; signal: Int32Array; slot: number };

const beat = () => {
  Atomics.add(signal, slot, 1);
};
beat();
port.on('message', ({ key, job }: { key: number; job: LinesJob }) => {
  let reply;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = readModelLines(job, beat);
    // Series go as typed arrays whose memory moves to the main thread: copying millions of
    // numbers through the structured clone would cost both threads more than reading them.
    const typed = (xs: number[]) => {
      const f = new Float64Array(xs);
      transfer.push(f.buffer);
      return f;
    };
    const series = result.series.map((x) => ({ ...x, t: typed(x.t), value: typed(x.value), n: typed(x.n) }));
    reply = { key, result: { ...result, series } };
  } catch (e) {
    reply = { key, error: String((e as Error)?.stack ?? e) };
  }
  port.postMessage(reply, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
