/** `spog validate [DIR]`: every problem as `path:line:col  field: message (...)`, then a summary. */
import { formatDiagnostic } from '../registry/diagnostics.ts';
import type { Registry } from '../core/input.ts';

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

export function summaryLine(reg: Pick<Registry, 'counts'>): string {
  const c = reg.counts;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(c.models, 'model')}, ${plural(c.versions, 'version')}, ${plural(c.metricPoints, 'metric point')}, ${plural(c.featureWindows, 'feature window')}: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`;
}

export function validateCommand(reg: Pick<Registry, 'root' | 'counts' | 'diagnostics'>, opts: { json?: boolean }): CommandResult {
  const exitCode = reg.counts.errors > 0 ? 1 : 0;
  if (opts.json) {
    const out = { registry: reg.root, valid: exitCode === 0, counts: reg.counts, diagnostics: reg.diagnostics };
    return { stdout: `${JSON.stringify(out, null, 2)}\n`, exitCode };
  }
  const lines = reg.diagnostics.map(formatDiagnostic);
  lines.push(`${exitCode === 0 ? 'ok' : 'invalid'}: ${reg.root}: ${summaryLine(reg)}`);
  return { stdout: `${lines.join('\n')}\n`, exitCode };
}
