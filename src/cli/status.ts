/** `spog status`: a table of models (health, lifecycle, primary metric now vs expected, top reason), or JSON. */
import { cliMsg } from '../messages.ts';
import { fleetJson } from '../core/api.ts';
import { movement } from '../core/direction.ts';
import { countsLine } from '../core/counts.ts';
import { atLeast, compareHealth, num, pct } from '../core/health.ts';
import type { FleetModel, Health, Snapshot } from '../core/types.ts';
import type { CommandResult } from './validate.ts';

const ICON: Record<Health, string> = { green: 'GREEN', amber: 'AMBER', red: 'RED', unknown: 'UNKNOWN' };

function pad(s: string, w: number): string {
  return s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w);
}

/** "2.1% worse", "16.3% better" or "level": the change against expected, in the metric's own direction (the core's rule). */
function changeWords(p: FleetModel['primary']): string {
  if (p.delta_pct === null || p.value === null || p.expected === null) return 'n/a';
  const moved = movement(p.value, p.expected, p.direction);
  return moved === 'level' ? 'level' : `${pct(Math.abs(p.delta_pct))} ${moved}`;
}

export function statusTable(snap: Snapshot, color: boolean): string {
  const paint = (h: Health, s: string) => {
    if (!color) return s;
    const code = { green: 32, amber: 33, red: 31, unknown: 90 }[h];
    return `\u001b[${code}m${s}\u001b[0m`;
  };
  const rows = [...snap.models].sort((a, b) => compareHealth(b.health, a.health) || (a.id < b.id ? -1 : 1));
  const lines = [`${pad('MODEL', 28)} ${pad('HEALTH', 8)} ${pad('LIFECYCLE', 11)} ${pad('PRIMARY NOW / EXPECTED (CHANGE)', 38)} REASON`];
  for (const m of rows) {
    const p = m.primary;
    const metric = p.value !== null && p.expected !== null
      ? `${p.name} ${num(p.value)} / ${num(p.expected)} (${changeWords(p)})`
      : p.name ? `${p.name} ${p.value !== null ? num(p.value) : 'n/a'} / ${p.expected !== null ? num(p.expected) : 'n/a'}` : 'n/a';
    lines.push(`${pad(m.id, 28)} ${paint(m.health, pad(ICON[m.health], 8))} ${pad(m.lifecycle, 11)} ${pad(metric, 38)} ${m.reasons[0] ?? [m.not_judged.length ? 'every check that could run passes' : 'all checks pass', m.notes[0], m.not_judged[0]?.reason].filter(Boolean).join('; ')}`);
  }
  lines.push('', `as of ${snap.as_of.date} (${snap.as_of.source}): ${countsLine(snap.fleet.counts)}${snap.fleet.registry_errors ? `; ${snap.fleet.registry_errors} with registry errors` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** Exit 1 when any model is at or beyond `failOn` (unknown: any model not green, or with a registry error). */
export function statusExitCode(snap: Snapshot, failOn: 'red' | 'amber' | 'unknown' | undefined): number {
  if (!failOn) return 0;
  return snap.models.some((m) => atLeast(m.health, failOn) || (failOn === 'unknown' && m.registry_error)) ? 1 : 0;
}

export function statusCommand(snap: Snapshot, opts: { json?: boolean; failOn?: 'red' | 'amber' | 'unknown'; color?: boolean }): CommandResult & { stderr?: string } {
  const stdout = opts.json ? `${JSON.stringify(fleetJson(snap), null, 2)}\n` : statusTable(snap, opts.color ?? false);
  // --fail-on red/amber judge health; a model with registry errors is not judged, so say that it was let through.
  const unjudged = opts.failOn && opts.failOn !== 'unknown' ? snap.models.filter((m) => m.registry_error && !atLeast(m.health, opts.failOn!)).map((m) => m.id) : [];
  return { stdout, exitCode: statusExitCode(snap, opts.failOn), ...(unjudged.length ? { stderr: `spog: ${cliMsg.registryErrorsNotGated(opts.failOn!, unjudged)}\n` } : {}) };
}
