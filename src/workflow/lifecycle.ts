/**
 * `spog promote`, `spog retire` and `spog set-lifecycle`: edits of the model card front matter
 * and version files, made on the YAML Document (comments and formatting kept, see yaml-edit.ts),
 * checked by the registry loader before anything is written, under the model's lock (read, check
 * and write are one step) and written all or nothing (model-files.ts writeAtomic).
 *
 * Promotion semantics: the promoted version's deployment becomes `role: champion` (mode
 * production, or its blue/green colour; no traffic share; `since` = the promotion date). The old
 * champion keeps its version file (its history: evaluation, lineage, metrics) and, by default,
 * its deployment entry is removed, because the registry describes what runs and the old model
 * is normally switched off. `--old shadow` keeps it running as a shadow challenger instead, so
 * the comparison continues and a rollback is one `spog promote` away.
 */
import { join } from 'node:path';
import { isMap, isScalar, isSeq, Scalar, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { LIFECYCLES } from '../schema/card.ts';
import { editMsg } from '../messages.ts';
import { isValidIsoDate } from '../schema/common.ts';
import { LockTimeout, type Lock } from './lock.ts';
import { describeErrors, loadModelFiles, lockModel, modelDir, newErrors, readText, releaseLock, writeAtomic } from './model-files.ts';
import { WriteFailure } from './safe-write.ts';
import { UsageError, type Outcome } from './outcome.ts';
import { editFrontMatter, editYaml } from './yaml-edit.ts';

export type OldChampion = 'remove' | 'shadow';

export interface EditOptions {
  registry: string;
  /** Promotion date for `since` (default today, UTC). */
  date?: string;
  /** Only print what would change. */
  dryRun?: boolean;
}

class Refusal extends Error {}

const refuse = (why: string): Outcome => ({ stdout: '', stderr: `spog: ${why}\nspog: ${editMsg.nothingChanged()}\n`, exitCode: 1 });

/** A date string scalar, double-quoted so YAML 1.1 readers (PyYAML) keep it a string. */
function dateScalar(date: string): Scalar {
  const s = new Scalar(date);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

function deploymentsOf(doc: Document): YAMLSeq | null {
  const d = doc.get('deployments', true);
  if (d === undefined || d === null) return null;
  if (!isSeq(d)) throw new Refusal(editMsg.deploymentsNotList());
  return d;
}

function field(m: unknown, key: string): unknown {
  if (!isMap(m)) return undefined;
  const v = m.get(key, true);
  return isScalar(v) ? v.value : v;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

interface Planned {
  files: Map<string, { path: string; before: string; after: string }>;
  notes: string[];
}

/** Validate the planned texts with the loader, then write them; or refuse listing the new errors. */
function commit(reg: string, id: string, beforeErrors: ReturnType<typeof loadModelFiles>['errors'], plan: Planned, opts: EditOptions, headline: string): Outcome {
  const changed = [...plan.files.entries()].filter(([, f]) => f.before !== f.after);
  if (changed.length === 0) return { stdout: `${editMsg.nothingToChange(headline)}\n`, stderr: '', exitCode: 0 };
  const overrides = new Map(changed.map(([rel, f]) => [rel, f.after]));
  const after = loadModelFiles(reg, id, overrides);
  const fresh = newErrors(beforeErrors, after.errors);
  if (fresh.length) return refuse(editMsg.wouldBeInvalid(describeErrors(fresh)));
  if (!opts.dryRun) writeAtomic(reg, changed.map(([rel, f]) => ({ rel, text: f.after })));
  return { stdout: `${editMsg.done(headline, opts.dryRun === true, plan.notes, changed.map(([rel]) => rel))}\n`, stderr: '', exitCode: 0 };
}

function start(reg: string, id: string): { dir: string; cardRel: string; cardText: string; load: ReturnType<typeof loadModelFiles> } {
  const d = modelDir(reg, id);
  if ('why' in d) throw new Refusal(d.why);
  const cardRel = `models/${id}/README.md`;
  const load = loadModelFiles(reg, id);
  if (!load.model.card) throw new Refusal(editMsg.cardDoesNotLoad(cardRel, describeErrors(load.model.diagnostics.filter((x) => x.severity === 'error'))));
  return { dir: d.dir, cardRel, cardText: readText(join(reg, cardRel)), load };
}

/**
 * Run an edit of model `id` under its lock (not for a dry run, which writes nothing and so also
 * works on a read-only registry): everything `fn` reads, checks and writes is one step, so two
 * edits at once (a promote and a set-lifecycle) both land, the second on the first's result.
 */
function run(id: string, opts: EditOptions, fn: () => Outcome): Outcome {
  let lock: Lock | undefined;
  try {
    if (!opts.dryRun && !('why' in modelDir(opts.registry, id))) lock = lockModel(opts.registry, id);
    return fn();
  } catch (e) {
    if (e instanceof Refusal || e instanceof LockTimeout) return refuse(e.message);
    if (e instanceof WriteFailure) return { stdout: '', stderr: `spog: ${e.message}\n`, exitCode: 1 };
    throw e;
  } finally {
    if (lock) releaseLock(lock);
  }
}

/** Make `version` the champion of model `id`; the old champion is removed from deployments or kept as a shadow. */
export function promote(id: string, version: string, old: OldChampion, opts: EditOptions): Outcome {
  const date = opts.date ?? today();
  if (!isValidIsoDate(date)) throw new UsageError(editMsg.badDate(date));
  return run(id, opts, () => {
    const reg = opts.registry;
    const { cardRel, cardText, load } = start(reg, id);
    const m = load.model;
    const card = m.card!;
    const v = m.versions.find((x) => x.version === version);
    if (!v) throw new Refusal(editMsg.noSuchVersion(id, version, m.versions.map((x) => x.version), true));
    if (v.retired) throw new Refusal(editMsg.versionRetired(version, v.file));
    if (card.lifecycle === 'retired') throw new Refusal(editMsg.modelRetired(id));
    const champ = card.deployments.find((d) => d.role === 'champion');
    if (champ?.version === version) return { stdout: `${editMsg.alreadyChampion(version, id)}\n`, stderr: '', exitCode: 0 };
    const notes: string[] = [];
    const edited = editFrontMatter(cardText, (doc) => {
      let seq = deploymentsOf(doc);
      if (!seq) {
        doc.set('deployments', doc.createNode([]));
        seq = deploymentsOf(doc)!;
      }
      const flowItems = seq.items.some((it) => isMap(it) && it.flow);
      const idxOf = (pred: (it: unknown) => boolean) => seq!.items.findIndex(pred);
      const oldIdx = idxOf((it) => field(it, 'role') === 'champion');
      const newIdx = idxOf((it) => field(it, 'version') === version && field(it, 'role') === 'challenger');
      // Where the champion serves (its endpoint and environment) now serves the promoted version;
      // blue/green stacks keep their own endpoints (a promotion switches traffic between them).
      const served = { endpoint: champ?.endpoint, environment: champ?.environment };
      const handedOver: Partial<Record<'endpoint' | 'environment', string | undefined>> = {};
      const takeOver = (entry: YAMLMap) => {
        for (const key of ['endpoint', 'environment'] as const) {
          const to = served[key];
          if (to === undefined) continue;
          const before = field(entry, key);
          if (before === to) continue;
          // Both can run in one environment; only the endpoint is the champion's alone.
          if (key === 'endpoint') handedOver[key] = before === undefined ? undefined : String(before);
          entry.set(key, to);
          notes.push(editMsg.takesOver(version, key, to, before === undefined ? undefined : String(before)));
        }
      };
      // The promoted entry.
      if (newIdx >= 0) {
        const entry = seq.items[newIdx] as YAMLMap;
        const mode = field(entry, 'mode');
        entry.set('role', 'champion');
        if (mode !== 'blue' && mode !== 'green') entry.set('mode', 'production');
        if (entry.has('traffic')) entry.delete('traffic');
        entry.set('since', dateScalar(date));
        notes.push(editMsg.challengerToChampion(version, String(mode ?? 'production'), mode === 'blue' || mode === 'green' ? mode : 'production', date));
        if (mode !== 'blue' && mode !== 'green') takeOver(entry);
      } else if (old === 'remove' && oldIdx >= 0 && !['blue', 'green'].includes(String(field(seq.items[oldIdx], 'mode')))) {
        // The old champion's entry goes anyway: the promoted version takes it over in place, so
        // its comments, its endpoint and environment stay where the reader left them.
        const entry = seq.items[oldIdx] as YAMLMap;
        const oldVersion = String(field(entry, 'version'));
        entry.set('version', version);
        entry.set('mode', 'production');
        if (entry.has('traffic')) entry.delete('traffic');
        entry.set('since', dateScalar(date));
        notes.push(editMsg.addedAsChampion(version, date), editMsg.deploymentRemoved(oldVersion));
      } else {
        const node = doc.createNode({ version, role: 'champion', mode: 'production' }) as YAMLMap;
        node.set('since', dateScalar(date));
        node.flow = flowItems;
        seq.items.splice(oldIdx >= 0 ? oldIdx : 0, 0, node);
        notes.push(editMsg.addedAsChampion(version, date));
        takeOver(node);
      }
      // Other challenger entries of the promoted version would now contradict it.
      for (let i = seq.items.length - 1; i >= 0; i--) {
        const it = seq.items[i];
        if (field(it, 'version') === version && field(it, 'role') === 'challenger') seq.items.splice(i, 1);
      }
      // The old champion.
      const oi = idxOf((it) => field(it, 'role') === 'champion' && field(it, 'version') !== version);
      if (oi >= 0) {
        const entry = seq.items[oi] as YAMLMap;
        const oldVersion = String(field(entry, 'version'));
        if (old === 'shadow') {
          entry.set('role', 'challenger');
          entry.set('mode', 'shadow');
          if (entry.has('traffic')) entry.delete('traffic');
          entry.set('since', dateScalar(date));
          notes.push(editMsg.championToShadow(oldVersion));
          // It no longer serves the champion's endpoint: it takes the promoted version's old one, if any.
          for (const [key, was] of Object.entries(handedOver)) {
            if (was === undefined) {
              entry.delete(key);
              notes.push(editMsg.shadowLosesKey(oldVersion, key));
            } else {
              entry.set(key, was);
              notes.push(editMsg.shadowTakesKey(oldVersion, key, was, version));
            }
          }
        } else {
          seq.items.splice(oi, 1);
          notes.push(editMsg.deploymentRemoved(oldVersion));
        }
      }
    });
    if (card.lifecycle !== 'production' && card.lifecycle !== 'retraining') notes.push(editMsg.stillNotLive(id, card.lifecycle));
    const plan: Planned = { files: new Map([[cardRel, { path: join(reg, cardRel), before: cardText, after: edited.text }]]), notes };
    return commit(reg, id, load.errors, plan, opts, editMsg.promoted(id, version, champ?.version));
  });
}

/** Retire a model (lifecycle retired) or one version (retired: true, and out of the deployments). */
export function retire(id: string, version: string | undefined, opts: EditOptions): Outcome {
  if (version === undefined) return setLifecycle(id, 'retired', opts);
  return run(id, opts, () => {
    const reg = opts.registry;
    const { cardRel, cardText, load } = start(reg, id);
    const m = load.model;
    const v = m.versions.find((x) => x.version === version);
    if (!v) throw new Refusal(editMsg.noSuchVersion(id, version, m.versions.map((x) => x.version), false));
    const deps = m.card!.deployments.filter((d) => d.version === version);
    if (deps.some((d) => d.role === 'champion')) {
      const others = m.versions.filter((x) => x.version !== version && !x.retired).map((x) => x.version);
      throw new Refusal(editMsg.championCannotRetire(version, id, others[others.length - 1]));
    }
    const notes: string[] = [];
    const files: Planned['files'] = new Map();
    const vText = readText(join(reg, v.file));
    const vEdit = editYaml(vText, (doc) => {
      doc.set('retired', true);
    });
    files.set(v.file, { path: join(reg, v.file), before: vText, after: vEdit.text });
    if (vEdit.changed) notes.push(editMsg.versionRetiredNote(version));
    if (deps.length) {
      const cEdit = editFrontMatter(cardText, (doc) => {
        const seq = deploymentsOf(doc)!;
        for (let i = seq.items.length - 1; i >= 0; i--) if (field(seq.items[i], 'version') === version) seq.items.splice(i, 1);
      });
      files.set(cardRel, { path: join(reg, cardRel), before: cardText, after: cEdit.text });
      notes.push(editMsg.removedFromDeployments(version, deps.map((d) => `${d.role} ${d.mode}`)));
    }
    return commit(reg, id, load.errors, { files, notes }, opts, editMsg.retired(id, version));
  });
}

/** Set the model card's lifecycle. */
export function setLifecycle(id: string, lifecycle: string, opts: EditOptions): Outcome {
  if (!(LIFECYCLES as readonly string[]).includes(lifecycle)) throw new UsageError(editMsg.notALifecycle(lifecycle, LIFECYCLES));
  return run(id, opts, () => {
    const reg = opts.registry;
    const { cardRel, cardText, load } = start(reg, id);
    const from = load.model.card!.lifecycle;
    if (from === lifecycle) return { stdout: `${editMsg.alreadyLifecycle(id, lifecycle)}\n`, stderr: '', exitCode: 0 };
    const edited = editFrontMatter(cardText, (doc) => {
      doc.set('lifecycle', lifecycle);
    });
    const notes: string[] = [];
    if (lifecycle === 'retired' && load.model.card!.deployments.length) notes.push(editMsg.deploymentsStay());
    return commit(reg, id, load.errors, { files: new Map([[cardRel, { path: join(reg, cardRel), before: cardText, after: edited.text }]]), notes }, opts, editMsg.lifecycleChanged(id, from, lifecycle));
  });
}
