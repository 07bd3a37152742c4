/**
 * The demo's incidents, written by `spog ack` and `spog resolve` themselves (src/workflow/incidents.ts)
 * on the generated registry, each on its own day with --as-of: the health each one records is the
 * engine's on that day. One is open on a red model (acknowledged while it was amber, updated the
 * day it turned red), one resolved on a model that is green again.
 */
import { ack, resolve } from '../../src/workflow/incidents.ts';
import type { Outcome } from '../../src/workflow/outcome.ts';

type Step =
  | { kind: 'ack'; model: string; day: string; owner: string; note: string; until?: string }
  | { kind: 'resolve'; model: string; day: string; note: string };

/** In the order an owner would have run them. */
export const INCIDENT_STEPS: Step[] = [
  // seattle-temp-max: red in the August heat (2026-08-24), green again from 2026-09-21.
  { kind: 'ack', model: 'seattle-temp-max', day: '2026-08-25', owner: 'ana.lima@example.org', until: '2026-09-30', note: 'Heat wave: RMSE is up on days above 30 °C, as in the summers of training. Not retraining; watching it daily until the heat breaks, and adding a seasonal baseline in the next version.' },
  { kind: 'resolve', model: 'seattle-temp-max', day: '2026-09-22', note: 'The heat broke on 19 September; the 28-day RMSE is back under expected (green since 2026-09-21). Seasonal baseline planned for v3.' },
  // seattle-rain-tomorrow: amber since 2026-08-09, red on the as-of day.
  { kind: 'ack', model: 'seattle-rain-tomorrow', day: '2026-10-28', owner: 'mei.chen@example.org', until: '2026-11-06', note: 'AUC has slid since the autumn storms began. Retraining v4 on three autumns of data; challenger v3 stays in shadow until it has enough paired days. v4 expected by Friday 6 November.' },
  { kind: 'ack', model: 'seattle-rain-tomorrow', day: '2026-10-31', owner: 'sam.okafor@example.org', note: 'Now red (AUC 0.54). v4 training started on 30 October; evaluation on Wednesday, promotion by Friday 6 November if it beats v3.' },
];

function check(step: Step, r: Outcome): string {
  if (r.exitCode !== 0) throw new Error(`demo incident ${step.kind} ${step.model} ${step.day} failed:\n${r.stderr}`);
  return r.stdout.split('\n')[0];
}

/** Run the steps on the registry at `out`; the first line each command printed. */
export async function writeIncidents(out: string): Promise<string[]> {
  const said: string[] = [];
  for (const s of INCIDENT_STEPS) {
    const r = s.kind === 'ack'
      ? await ack(s.model, { registry: out, asOf: s.day, owner: s.owner, note: s.note, until: s.until })
      : await resolve(s.model, { registry: out, asOf: s.day, note: s.note });
    said.push(`${s.day} ${check(s, r)}`);
  }
  return said;
}
