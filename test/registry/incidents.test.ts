/**
 * Incident files (models/<id>/incidents/*.yaml) through the loader and the engine: a bad file
 * gives one clear diagnostic and never stops a build; a valid one reaches the model's snapshot as
 * the open acknowledgement or its history, and never changes health.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelSnapshot } from '../../src/core/types.ts';
import { formatDiagnostic } from '../../src/registry/diagnostics.ts';
import { loadRegistry } from '../../src/registry/load.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';

const STATES = 'test/fixtures/states';
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A copy of the states fixture (as of 2026-10-31) with these files under models/<model>/incidents/. */
function withIncidents(model: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spog-inc-'));
  temps.push(dir);
  cpSync(STATES, dir, { recursive: true });
  mkdirSync(join(dir, 'models', model, 'incidents'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'models', model, 'incidents', name), text);
  return dir;
}

const problems = (dir: string, model: string) => loadRegistry(dir).diagnostics.filter((d) => d.model === model).map(formatDiagnostic);
const modelAt = (dir: string, id: string, asOf?: string): ModelSnapshot => computeSnapshot(dir, asOf).models.find((m) => m.id === id)!;

const OPEN = `status: acknowledged
opened: "2026-10-29"
by: "@maria"
note: retraining on October data
until: "2026-11-06"
health:
  as_of: "2026-10-29"
  status: red
  reasons:
    - auc 0.7 is 12.5% worse than expected 0.8
`;

const RESOLVED = `status: resolved
opened: "2026-09-02"
by: "@li"
note: upstream feed late
resolved: "2026-09-05"
resolution: feed back; backfilled
`;

describe('the loader on incident files', () => {
  it('reads valid incident files without a word (the incidents folder is part of the layout)', () => {
    const dir = withIncidents('red', { '2026-10-29-1.yaml': OPEN, '2026-09-02-1.yaml': RESOLVED });
    expect(problems(dir, 'red')).toEqual([]);
    expect(loadRegistry(dir).models.find((m) => m.id === 'red')!.incidents.map((x) => x.id)).toEqual(['2026-09-02-1', '2026-10-29-1']);
  });

  it('points at the file, line and field of a missing note, with what is expected and an example', () => {
    const dir = withIncidents('red', { '2026-10-29-1.yaml': 'status: acknowledged\nopened: "2026-10-29"\nby: "@maria"\n' });
    expect(problems(dir, 'red')).toEqual([
      'models/red/incidents/2026-10-29-1.yaml:1:1  note: required field is missing (expected string, e.g. "retraining on October data; v4 expected Friday")',
    ]);
  });

  it('names the allowed statuses for a wrong one, on its line', () => {
    const dir = withIncidents('red', { '2026-10-29-1.yaml': OPEN.replace('status: acknowledged', 'status: investigating') });
    expect(problems(dir, 'red')).toEqual([
      'models/red/incidents/2026-10-29-1.yaml:1:9  status: "investigating" is not allowed (expected one of "acknowledged", "resolved", e.g. acknowledged)',
    ]);
  });

  it('refuses a resolved incident without its day, and an until before the opening day', () => {
    const dir = withIncidents('red', {
      '2026-09-02-1.yaml': RESOLVED.replace('resolved: "2026-09-05"\n', ''),
      '2026-10-29-1.yaml': OPEN.replace('until: "2026-11-06"', 'until: "2026-10-01"'),
    });
    expect(problems(dir, 'red')).toEqual([
      'models/red/incidents/2026-09-02-1.yaml:1:1  resolved: a resolved incident needs the day it was resolved, e.g. resolved: "2026-11-04"',
      'models/red/incidents/2026-10-29-1.yaml:5:8  until: until (2026-10-01) is before the day it was opened (2026-10-29), e.g. until: "2026-10-29"',
    ]);
  });

  it('allows one open incident per model: a second is an error on its status line', () => {
    const dir = withIncidents('red', { '2026-10-29-1.yaml': OPEN, '2026-10-30-1.yaml': OPEN.replaceAll('2026-10-29', '2026-10-30') });
    expect(problems(dir, 'red')).toEqual([
      'models/red/incidents/2026-10-30-1.yaml:1:9  status: a second open incident: models/red/incidents/2026-10-29-1.yaml is acknowledged too (expected at most one incident with status acknowledged per model (spog ack updates the open one), e.g. status: resolved)',
    ]);
  });

  it('warns about a file not named <YYYY-MM-DD>-<n>.yaml and leaves it out', () => {
    const dir = withIncidents('red', { 'friday.yaml': OPEN });
    expect(problems(dir, 'red')).toEqual([
      'models/red/incidents/friday.yaml  warning unexpected file name "friday.yaml" (expected incidents/<YYYY-MM-DD>-<n>.yaml, e.g. incidents/2026-10-29-1.yaml)',
    ]);
  });

  it('still builds a model whose incident file is broken YAML: its health stays red, with the registry error as a reason', () => {
    const dir = withIncidents('red', { '2026-10-29-1.yaml': 'status: [acknowledged\n' });
    const m = modelAt(dir, 'red');
    expect(m.health).toBe('red');
    expect(m.incidents).toEqual({ open: null, history: [] });
    expect(m.reasons.some((r) => r.includes('models/red/incidents/2026-10-29-1.yaml'))).toBe(true);
  });
});

describe('the snapshot of an acknowledged model', () => {
  it('carries the open acknowledgement and the resolved ones, and the health is exactly what it is without them', () => {
    const without = modelAt(STATES, 'red');
    const dir = withIncidents('red', { '2026-10-29-1.yaml': OPEN, '2026-09-02-1.yaml': RESOLVED });
    const m = modelAt(dir, 'red');
    expect(m.health).toBe('red');
    expect({ health: m.health, reasons: m.reasons, checks: m.checks, history: m.history }).toEqual({ health: without.health, reasons: without.reasons, checks: without.checks, history: without.history });
    expect(m.incidents.open).toMatchObject({ id: '2026-10-29-1', status: 'acknowledged', by: '@maria', opened: '2026-10-29', note: 'retraining on October data', until: '2026-11-06', expired: false });
    expect(m.incidents.open?.health_at_ack).toEqual({ as_of: '2026-10-29', status: 'red', reasons: ['auc 0.7 is 12.5% worse than expected 0.8'] });
    expect(m.incidents.history.map((x) => [x.id, x.status, x.resolved, x.resolution])).toEqual([['2026-09-02-1', 'resolved', '2026-09-05', 'feed back; backfilled']]);
  });

  it('says the acknowledgement expired once its until day is over, not on the day itself', () => {
    const dir = withIncidents('red', { '2026-10-29-1.yaml': OPEN });
    expect(modelAt(dir, 'red', '2026-11-06').incidents.open?.expired).toBe(false);
    expect(modelAt(dir, 'red', '2026-11-07').incidents.open?.expired).toBe(true);
  });

  it('shows the incidents as they stood at the evaluation time: not yet opened, or still open before its resolution', () => {
    const dir = withIncidents('red', { '2026-09-02-1.yaml': RESOLVED });
    expect(modelAt(dir, 'red', '2026-09-01').incidents).toEqual({ open: null, history: [] });
    const during = modelAt(dir, 'red', '2026-09-03').incidents;
    expect(during.history).toEqual([]);
    expect(during.open).toMatchObject({ id: '2026-09-02-1', status: 'acknowledged', resolved: null, resolution: null });
    expect(modelAt(dir, 'red', '2026-09-05').incidents.open).toBeNull();
  });
});
