/**
 * `spog ack` and `spog resolve`: an owner says "we know, we are acting on it" about a model's
 * problem, and later that it is over. Each writes one small file,
 * `models/<id>/incidents/<YYYY-MM-DD>-<n>.yaml` (schema/incident.ts), which the user commits: git
 * keeps the history. A second `ack` while one is open updates it (note, until) instead of opening
 * another. The health recorded with an acknowledgement is computed by the engine through the same
 * plan and pool as `spog status`. Every edit is validated by the loader through an overlay before
 * anything is written, under the model's lock, and written atomically (a full or read-only disk is
 * refused with a message, nothing written).
 *
 * "Now" is the registry's evaluation time (--as-of, the spog.yaml pin, SOURCE_DATE_EPOCH, today):
 * a day when it comes from --as-of or the pin, the instant otherwise.
 */
import { dirname, join } from 'node:path';
import { Document, Scalar } from 'yaml';
import { computeRegistry } from '../compute/snapshot.ts';
import type { LoadedIncident } from '../core/input.ts';
import { AsOfError, type AsOf } from '../core/time.ts';
import { incidentMsg, writeMsg } from '../messages.ts';
import { git } from '../registry/git.ts';
import { planRegistry } from '../registry/load.ts';
import { fsSource } from '../registry/source.ts';
import { isValidIsoDate } from '../schema/common.ts';
import { INCIDENT_FILE_RE } from '../schema/incident.ts';
import { LockTimeout } from './lock.ts';
import { describeErrors, loadModelFiles, lockModel, modelDir, newErrors, readText, releaseLock, writeAtomic } from './model-files.ts';
import { asWriteFailure, createExclusive, makeDir, WriteFailure } from './safe-write.ts';
import { UsageError, type Outcome } from './outcome.ts';
import { editYaml } from './yaml-edit.ts';

export interface AckOptions {
  registry: string;
  note?: string;
  /** YYYY-MM-DD: the day by which the owners expect it fixed. */
  until?: string;
  /** Who acknowledges (default: git config user.name). */
  owner?: string;
  asOf?: string;
  /** The clock, for "now" when the evaluation time is today (tests pass it). */
  nowMs?: number;
}

export interface ResolveOptions {
  registry: string;
  note?: string;
  asOf?: string;
  nowMs?: number;
}

const refuse = (why: string): Outcome => ({ stdout: '', stderr: `spog: ${why}\nspog: nothing written\n`, exitCode: 1 });

/** A date string scalar, double-quoted so YAML 1.1 readers (PyYAML) keep it a string. */
function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

/** The registry's evaluation time; a malformed --as-of is the caller's mistake. */
function evaluationTime(registry: string, flag: string | undefined): AsOf {
  try {
    return planRegistry(fsSource(registry), { asOfFlag: flag, headsOnly: true }).asOf!;
  } catch (e) {
    if (e instanceof AsOfError && e.source === 'flag') throw new UsageError(e.message);
    throw e;
  }
}

/** "Now" as written in an incident: the evaluation day, or the instant when the time is today's or SOURCE_DATE_EPOCH's. */
export function stampOf(asOf: AsOf, nowMs = Date.now(), env = process.env.SOURCE_DATE_EPOCH): string {
  const instant = asOf.source === 'today' ? nowMs : asOf.source === 'SOURCE_DATE_EPOCH' ? Number(env) * 1000 : null;
  return instant === null ? asOf.date : `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

function ownerOf(registry: string, flag: string | undefined): string {
  if (flag !== undefined) {
    if (!flag.trim()) throw new UsageError(incidentMsg.noteEmpty('--owner'));
    return flag.trim();
  }
  const r = git(registry, ['config', 'user.name']);
  const name = r.ok ? r.stdout.trim() : '';
  if (!name) throw new UsageError(incidentMsg.noOwner());
  return name;
}

/** The next free file of `day`: incidents/<day>-<n>.yaml, n one more than the day's highest. */
function nextFile(id: string, day: string, existing: string[]): string {
  let n = 0;
  for (const name of existing) {
    const m = INCIDENT_FILE_RE.exec(name);
    if (m && m[1] === day) n = Math.max(n, Number(m[2]));
  }
  return `models/${id}/incidents/${day}-${n + 1}.yaml`;
}

/** Write a new incident file only if none has its name (safe-write.ts: a fsynced sibling, then linked: whole and exclusive). */
function createIncident(registry: string, rel: string, text: string): boolean {
  try {
    makeDir(dirname(join(registry, rel)));
    return createExclusive(join(registry, rel), text, true);
  } catch (e) {
    asWriteFailure(e, rel, writeMsg.nothingWritten());
  }
}

/**
 * Run an ack or resolve of model `id` under the model's lock (the lock of its edits, see
 * model-files.ts lockModel): reading the incidents, choosing to open or update one, checking and
 * writing are one step, so two acknowledgements at once update one incident instead of racing.
 */
async function locked(registry: string, id: string, fn: () => Promise<Outcome>): Promise<Outcome> {
  let lock;
  try {
    lock = lockModel(registry, id);
    return await fn();
  } catch (e) {
    if (e instanceof LockTimeout) return refuse(e.message);
    if (e instanceof WriteFailure) return { stdout: '', stderr: `spog: ${e.message}\n`, exitCode: 1 };
    throw e;
  } finally {
    if (lock) releaseLock(lock);
  }
}

/** The model's incident files as they are now (not as at the evaluation time), and the files' names. */
function current(registry: string, id: string): { incidents: LoadedIncident[]; errors: ReturnType<typeof loadModelFiles>['errors'] } {
  const load = loadModelFiles(registry, id);
  return { incidents: load.model.incidents, errors: load.errors };
}

/** Validate `text` as the file `rel` with the loader; the new errors, described, or null. */
function invalid(registry: string, id: string, rel: string, text: string, before: ReturnType<typeof loadModelFiles>['errors']): string | null {
  const after = loadModelFiles(registry, id, new Map([[rel, text]]));
  const fresh = newErrors(before, after.errors);
  return fresh.length ? describeErrors(fresh) : null;
}

function checkedNote(note: string | undefined, flag: string): string | undefined {
  if (note === undefined) return undefined;
  const t = note.trim();
  if (!t) throw new UsageError(incidentMsg.noteEmpty(flag));
  return t;
}

/**
 * Acknowledge model `id`'s problem: open an incident with the model's health and reasons now, or
 * update the open one (its note, until, who and when).
 */
export async function ack(id: string, opts: AckOptions): Promise<Outcome> {
  const note = checkedNote(opts.note, '--note');
  if (note === undefined) throw new UsageError(incidentMsg.noteMissing());
  if (opts.until !== undefined && !(opts.until.length === 10 && isValidIsoDate(opts.until))) throw new UsageError(incidentMsg.badUntil(opts.until));
  const reg = opts.registry;
  const d = modelDir(reg, id);
  if ('why' in d) return refuse(d.why);
  const owner = ownerOf(reg, opts.owner);
  const asOf = evaluationTime(reg, opts.asOf);
  if (opts.until !== undefined && opts.until < asOf.date) throw new UsageError(incidentMsg.untilPast(opts.until, asOf.date));
  const now = stampOf(asOf, opts.nowMs);
  return locked(reg, id, async () => {
    const { incidents, errors } = current(reg, id);
    const open = incidents.filter((x) => x.status === 'acknowledged').pop();

    if (open) {
      const before = readText(join(reg, open.file));
      const edited = editYaml(before, (doc) => {
        doc.set('note', note);
        if (opts.until !== undefined) doc.set('until', quoted(opts.until));
        doc.set('updated', quoted(now));
        doc.set('updated_by', owner);
      });
      const bad = invalid(reg, id, open.file, edited.text, errors);
      if (bad) return refuse(incidentMsg.wouldBeInvalid(bad));
      writeAtomic(reg, [{ rel: open.file, text: edited.text }]);
      const until = opts.until ?? open.until;
      return { stdout: `${incidentMsg.done(incidentMsg.updated(id, open.id, owner, note, until), [incidentMsg.neverChangesHealth()], join(reg, open.file))}\n`, stderr: '', exitCode: 0 };
    }

    // The health now, computed by the engine as `spog status --model ID` does.
    const { snapshot } = await computeRegistry(reg, { asOfFlag: asOf.date, only: [id], threads: 0 });
    const model = snapshot.models[0];
    const rel = nextFile(id, asOf.date, incidents.map((x) => `${x.id}.yaml`));
    const doc = new Document({});
    doc.set('status', 'acknowledged');
    doc.set('opened', quoted(now));
    doc.set('by', owner);
    doc.set('note', note);
    if (opts.until !== undefined) doc.set('until', quoted(opts.until));
    doc.set('health', doc.createNode({ as_of: asOf.date, status: model.health, reasons: model.reasons }));
    (doc.getIn(['health', 'as_of'], true) as Scalar).type = Scalar.QUOTE_DOUBLE;
    const text = doc.toString({ lineWidth: 0 });
    const bad = invalid(reg, id, rel, text, errors);
    if (bad) return refuse(incidentMsg.wouldBeInvalid(bad));
    if (!createIncident(reg, rel, text)) return refuse(incidentMsg.alreadyThere(rel));
    const notes = [incidentMsg.healthWas(model.health, model.reasons), model.health === 'green' ? incidentMsg.greenNow() : incidentMsg.neverChangesHealth()];
    return { stdout: `${incidentMsg.done(incidentMsg.opened(id, model.health, owner, note, opts.until), notes, join(reg, rel))}\n`, stderr: '', exitCode: 0 };
  });
}

/** Resolve model `id`'s open incident (status resolved, the day, and how); a usage error when none is open. */
export async function resolve(id: string, opts: ResolveOptions): Promise<Outcome> {
  const note = checkedNote(opts.note, '--note');
  const reg = opts.registry;
  const d = modelDir(reg, id);
  if ('why' in d) return refuse(d.why);
  const now = stampOf(evaluationTime(reg, opts.asOf), opts.nowMs);
  return locked(reg, id, async () => {
    const { incidents, errors } = current(reg, id);
    const open = incidents.filter((x) => x.status === 'acknowledged').pop();
    if (!open) throw new UsageError(incidentMsg.nothingOpen(id, incidents.length));
    const before = readText(join(reg, open.file));
    const edited = editYaml(before, (doc) => {
      doc.set('status', 'resolved');
      doc.set('resolved', quoted(now));
      if (note !== undefined) doc.set('resolution', note);
  });
  const bad = invalid(reg, id, open.file, edited.text, errors);
  if (bad) return refuse(incidentMsg.wouldBeInvalid(bad));
  writeAtomic(reg, [{ rel: open.file, text: edited.text }]);
  return { stdout: `${incidentMsg.done(incidentMsg.resolved(id, open.id, note), [], join(reg, open.file))}\n`, stderr: '', exitCode: 0 };
  });
}
