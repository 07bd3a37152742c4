/**
 * Synthetic software metrics (p95 latency and error rate). Real data sets carry no serving
 * telemetry, so these series are invented; every card that has them says so.
 */
import { metric } from './build.ts';
import { normal, type Rng } from './prng.ts';
import { dayRange, weekday } from './time.ts';
import type { MetricLineIn } from './types.ts';

export interface LatencyPlan {
  /** Typical p95 latency in ms. */
  p95: number;
  /** Typical error rate (share of requests). */
  errors: number;
  /** Requests a day (the n of each line). */
  requests: number;
  /** From this day on, p95 and errors are multiplied by the factors (a regression in serving). */
  stepFrom?: string;
  p95Factor?: number;
  errorFactor?: number;
}

/** Daily p95 latency and error rate with weekday load, noise and an optional step change. */
export function softwareLines(rng: Rng, version: string, from: string, to: string, plan: LatencyPlan): MetricLineIn[] {
  return dayRange(from, to).flatMap((day) => {
    const step = plan.stepFrom !== undefined && day >= plan.stepFrom;
    const load = weekday(day) === 0 || weekday(day) === 6 ? 0.9 : 1.05;
    const p95 = plan.p95 * load * (step ? (plan.p95Factor ?? 1) : 1) * Math.exp(normal(rng, 0, 0.07));
    const err = plan.errors * (step ? (plan.errorFactor ?? 1) : 1) * Math.exp(normal(rng, 0, 0.25));
    const n = Math.round(plan.requests * load * Math.exp(normal(rng, 0, 0.05)));
    return [...metric(day, version, 'latency_p95_ms', Math.round(p95 * 10) / 10, n), ...metric(day, version, 'error_rate', err, n)];
  });
}
