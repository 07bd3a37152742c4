/**
 * One writer of the concurrency test, run as its own process:
 *   node append-worker.ts <registry> <worker> <count>
 * It logs `count` records through the same function `spog log` uses, one call per record (each
 * takes the lock, checks for duplicates and appends), then exits 0; any refusal exits 1.
 */
import { metricInputs } from '../../src/cli/log-input.ts';
import { logMetrics } from '../../src/workflow/log.ts';

const [registry, workerText, countText] = process.argv.slice(2);
const worker = Number(workerText);
const count = Number(countText);
const nowMs = Date.parse('2026-11-01T00:00:00Z');
for (let i = 0; i < count; i++) {
  // Distinct instants across October, so lines of all writers interleave in one month file.
  const ts = new Date(Date.parse('2026-10-01T00:00:00Z') + (worker * count + i) * 600_000).toISOString().replace('.000Z', 'Z');
  const raw = metricInputs({ model: 'churn', version: 'v2', metric: 'auc', value: String(0.8 + (i % 100) / 1000), n: '1000', ts, run: `w${worker}-${i}` }, nowMs);
  const r = logMetrics(raw, { registry, nowMs, lockTimeoutMs: 60_000 });
  if (r.exitCode !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
}
