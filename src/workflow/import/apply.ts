/**
 * Turn what an importer read (shape.ts) into registry files, all or nothing.
 *
 * - A model without a card gets one as `spog new model` writes it (commented from the schema):
 *   team from --team or the only team of spog.yaml, owners from --owner or the tracker's user,
 *   task from --task or the tracker (else "other", said in a note), the primary metric from
 *   --primary-metric or the first evaluated metric whose direction spog knows, and `source`.
 * - A model with a card gets only the fields the importer owns: `source`, and `deployments`
 *   when the tracker has aliases or stages (an entry's endpoint, environment and comments stay
 *   where the tracker keeps its version and role). Every other field, comment and the body stay.
 * - A version file is created commented, or, when it exists, gets only the fields the tracker
 *   knows set (its notes, slices, expected and retired flag are the registry's own).
 * - Metric lines (`--metrics-from-runs`) go through the writer of `spog log`: kept once.
 *
 * Every planned file is read by the loader through an overlay first, with `spog validate`'s
 * rules; any new error refuses the whole import. An import that would change nothing says so and
 * writes nothing (texts are compared byte for byte); `--dry-run` prints the diff instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, Scalar, type Document, type YAMLMap } from 'yaml';
import { editMsg, importMsg, newMsg } from '../../messages.ts';
import { didYouMean, knownDirection } from '../../names.ts';
import { openRegistry } from '../../registry/load.ts';
import { fsSource } from '../../registry/source.ts';
import { TASKS, type Card } from '../../schema/card.ts';
import { appendRecords, type StoreRecord } from '../append.ts';
import { LockTimeout, type Lock } from '../lock.ts';
import { describeErrors, loadModelFiles, lockModel, newErrors, readText, releaseLock } from '../model-files.ts';
import { UsageError, type Outcome } from '../outcome.ts';
import { identifyMetric, metricRecord, monthOf, validateMetric } from '../records.ts';
import { asWriteFailure, createFiles, FileExists, WriteFailure } from '../safe-write.ts';
import { cardText, versionText, type CardFields, type VersionFields } from '../scaffold/model.ts';
import { SCHEMA_FILE, schemaHref } from '../scaffold/schema-path.ts';
import { editFrontMatter, editYaml } from '../yaml-edit.ts';
import { ImportFailure } from './http.ts';
import { checkDistinctIds, type ImportedModel, type ImportedVersion, type ImportRead } from './shape.ts';
import { unifiedDiff } from './text-diff.ts';

export interface ApplyOptions {
  registry: string;
  dryRun?: boolean;
  /** For new cards only. */
  team?: string;
  owners?: string[];
  task?: string;
  primaryMetric?: string;
  direction?: string;
}

/** One registry file of the plan: its text before (null: new) and after. */
interface PlannedFile {
  rel: string;
  model: string;
  before: string | null;
  after: string;
}

/** The metric lines of one month file: those to append, and how many are there already. */
interface PlannedLines {
  rel: string;
  records: StoreRecord[];
  fresh: number;
}

/** A refusal of this import (exit 1): the registry or the tracker would not have it. */
class Refusal extends Error {}

const SPOG = 'npx --no-install spog';

/** A date string, double-quoted so YAML 1.1 readers (PyYAML) keep it a string. */
function dateScalar(date: string): Scalar {
  const s = new Scalar(date);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

function field(m: unknown, key: string): unknown {
  if (!isMap(m)) return undefined;
  const v = m.get(key, true);
  return isScalar(v) ? v.value : v;
}

const isEmpty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

/** The version file's fields from the tracker, in the schema's order. */
function versionFields(v: ImportedVersion): VersionFields {
  return { version: v.id, trained_at: v.trained_at, author: v.author, parent: v.parent, code: v.code, data: v.data, params: v.params, metrics: v.metrics, tags: v.tags, notes: v.notes };
}

/** Set the fields the tracker knows on an existing version file; a field it does not know is left as it is. */
function updateVersion(doc: Document, v: ImportedVersion): void {
  const now = (doc.toJS() ?? {}) as Record<string, unknown>;
  const fields = versionFields(v) as Record<string, unknown>;
  for (const key of ['trained_at', 'author', 'parent', 'code', 'data', 'params', 'metrics', 'tags'] as const) {
    const value = fields[key];
    if (isEmpty(value) || isDeepStrictEqual(now[key], value)) continue;
    doc.set(key, key === 'trained_at' ? dateScalar(value as string) : doc.createNode(value));
  }
}

/**
 * Make the card's deployments the tracker's: an entry of the same role and version is kept (its
 * endpoint, environment, comments), a champion entry takes the new champion's version, entries
 * the tracker no longer has go, new ones are added (champion first).
 */
function updateDeployments(doc: Document, wanted: ImportedModel['deployments']): void {
  let seq = doc.get('deployments', true);
  if (seq === undefined || seq === null) {
    if (!wanted.length) return;
    doc.set('deployments', doc.createNode([]));
    seq = doc.get('deployments', true);
  }
  if (!isSeq(seq)) throw new Refusal(editMsg.deploymentsNotList());
  const items = seq.items;
  const flow = items.some((it) => isMap(it) && it.flow);
  const used = new Set<unknown>();
  const find = (pred: (it: unknown) => boolean) => items.find((it) => !used.has(it) && pred(it));
  for (const d of wanted) {
    const entry = (find((it) => field(it, 'role') === d.role && field(it, 'version') === d.version) ??
      (d.role === 'champion' ? find((it) => field(it, 'role') === 'champion') : undefined) ??
      find((it) => field(it, 'version') === d.version && field(it, 'role') !== 'champion')) as YAMLMap | undefined;
    if (entry) {
      used.add(entry);
      const moved = field(entry, 'version') !== d.version;
      if (moved) entry.set('version', d.version);
      if (field(entry, 'role') !== d.role) entry.set('role', d.role);
      if ((field(entry, 'mode') ?? 'production') !== d.mode) entry.set('mode', d.mode);
      if (d.mode !== 'canary' && entry.has('traffic')) entry.delete('traffic');
      if (d.since !== undefined && field(entry, 'since') !== d.since) entry.set('since', dateScalar(d.since));
      else if (d.since === undefined && moved && entry.has('since')) entry.delete('since');
      continue;
    }
    const node = doc.createNode({ version: d.version, role: d.role, mode: d.mode }) as YAMLMap;
    if (d.since !== undefined) node.set('since', dateScalar(d.since));
    node.flow = flow;
    items.splice(d.role === 'champion' ? 0 : items.length, 0, node);
    used.add(node);
  }
  for (let i = items.length - 1; i >= 0; i--) if (!used.has(items[i])) items.splice(i, 1);
}

function updateSource(doc: Document, source: ImportedModel['source']): void {
  const now = (doc.toJS() as { source?: unknown } | null)?.source;
  if (!isDeepStrictEqual(now, source)) doc.set('source', doc.createNode(source));
}

/** The primary metric of a new card: --primary-metric, else the first evaluated metric (champion's first) whose direction spog knows. */
function primaryOf(m: ImportedModel, o: ApplyOptions): Card['primary_metric'] {
  const directionFlag = (flag: string | undefined, metric: string): Card['primary_metric']['direction'] => {
    if (flag === undefined) {
      const known = knownDirection(metric);
      if (!known) throw new UsageError(importMsg.directionUnknown(m.name, metric));
      return known;
    }
    const d = flag.trim().toLowerCase();
    if (d === 'higher' || d === 'higher_is_better') return 'higher_is_better';
    if (d === 'lower' || d === 'lower_is_better') return 'lower_is_better';
    throw new UsageError(newMsg.badDirection(flag));
  };
  if (o.primaryMetric?.trim()) return { name: o.primaryMetric.trim(), direction: directionFlag(o.direction, o.primaryMetric.trim()) };
  const champion = m.deployments.find((d) => d.role === 'champion')?.version;
  const ordered = [...m.versions.filter((v) => v.id === champion), ...[...m.versions].reverse().filter((v) => v.id !== champion)];
  const names = ordered.map((v) => Object.keys(v.metrics).sort()).filter((n) => n.length);
  for (const list of names) {
    const known = list.find((n) => knownDirection(n));
    if (known) return { name: known, direction: knownDirection(known)! };
  }
  if (!names.length) throw new UsageError(importMsg.primaryMissing(m.name));
  return { name: names[0][0], direction: directionFlag(o.direction, names[0][0]) };
}

interface Context {
  o: ApplyOptions;
  teams: string[];
  notes: string[];
}

/** The card of a model new to the registry, as `spog new model` would write it. */
function newCard(m: ImportedModel, ctx: Context): string {
  const { o, teams } = ctx;
  const team = o.team ?? (teams.length === 1 ? teams[0] : undefined);
  if (team === undefined) throw new UsageError(importMsg.teamMissing(m.name, teams));
  if (!teams.includes(team)) throw new Refusal(newMsg.unknownTeam(team, teams, didYouMean(team, teams)));
  const owners = [...new Set((o.owners ?? []).map((x) => x.trim()).filter(Boolean))];
  if (!owners.length && m.user?.trim()) owners.push(m.user.trim());
  if (!owners.length) throw new UsageError(importMsg.ownerMissing(m.name));
  let task = m.task;
  if (o.task !== undefined) {
    const t = o.task.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (!(TASKS as readonly string[]).includes(t)) throw new UsageError(newMsg.badTask(o.task, TASKS, didYouMean(t, [...TASKS])));
    task = t as Card['task'];
  }
  if (task === undefined) {
    task = 'other';
    ctx.notes.push(importMsg.taskOther(m.id));
  }
  const fields: CardFields = {
    name: m.name,
    ...(m.description ? { summary: m.description.split('\n')[0].trim() } : {}),
    owners,
    team,
    task,
    lifecycle: m.deployments.some((d) => d.role === 'champion') ? 'production' : 'development',
    primary_metric: primaryOf(m, o),
    ...(m.deployments.length ? { deployments: m.deployments.map((d) => ({ version: d.version, role: d.role, mode: d.mode, ...(d.since ? { since: d.since } : {}) })) } : {}),
    source: m.source,
  };
  const rel = `models/${m.id}/README.md`;
  return cardText(fields, schemaHref(o.registry, rel, SCHEMA_FILE.card), m.description);
}

/** The files of one model: its card and its version files, before and after. */
function planModel(m: ImportedModel, ctx: Context, manageDeployments: boolean): PlannedFile[] {
  const reg = ctx.o.registry;
  const cardRel = `models/${m.id}/README.md`;
  const out: PlannedFile[] = [];
  if (existsSync(join(reg, cardRel))) {
    const text = readText(join(reg, cardRel));
    const load = loadModelFiles(reg, m.id);
    const card = load.model.card;
    if (!card) throw new Refusal(editMsg.cardDoesNotLoad(cardRel, describeErrors(load.model.diagnostics.filter((x) => x.severity === 'error'))));
    if (card.source && (card.source.tool !== m.source.tool || card.source.name !== m.source.name)) throw new Refusal(importMsg.otherSource(cardRel, card.source, m.source));
    const edited = editFrontMatter(text, (doc) => {
      updateSource(doc, m.source);
      if (manageDeployments) updateDeployments(doc, m.deployments);
    });
    out.push({ rel: cardRel, model: m.id, before: text, after: edited.text });
  } else {
    if (existsSync(join(reg, 'models', m.id))) throw new Refusal(newMsg.modelFolderExists(m.id, `models/${m.id}/`));
    out.push({ rel: cardRel, model: m.id, before: null, after: newCard(m, ctx) });
  }
  for (const imported of m.versions) {
    const rel = `models/${m.id}/versions/${imported.id}.yaml`;
    // A parent neither imported nor in the registry (left out by --since) is not named.
    const known = (p: string) => m.versions.some((x) => x.id === p) || existsSync(join(reg, 'models', m.id, 'versions', `${p}.yaml`));
    const v = imported.parent === undefined || known(imported.parent) ? imported : { ...imported, parent: undefined };
    const path = join(reg, rel);
    if (existsSync(path)) {
      const text = readText(path);
      out.push({ rel, model: m.id, before: text, after: editYaml(text, (doc) => updateVersion(doc, v)).text });
    } else out.push({ rel, model: m.id, before: null, after: versionText(versionFields(v), schemaHref(reg, rel, SCHEMA_FILE.version)) });
  }
  return out;
}

/** The identities (and payloads) of the metric lines a month file holds. */
function linesIn(path: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const id = identifyMetric(JSON.parse(line));
      if (id && !out.has(id.identity)) out.set(id.identity, id.payload);
    } catch {
      /* not a metric line: spog validate reports it */
    }
  }
  return out;
}

/** The metric lines of every run's history, by month file; a line there already is counted, one that differs refuses. */
function planLines(models: ImportedModel[], reg: string, warnings: string[]): PlannedLines[] {
  const byFile = new Map<string, PlannedLines>();
  for (const m of models) {
    for (const v of m.versions) {
      for (const p of v.history ?? []) {
        const source = `${m.name} ${v.id} ${p.metric}`;
        const checked = validateMetric({ ts: p.ts, version: v.id, metric: p.metric, value: p.value, run: p.run }, source);
        if (!checked.value) {
          warnings.push(importMsg.lineSkipped(source, describeErrors(checked.problems).trim()));
          continue;
        }
        const rel = `models/${m.id}/metrics/${monthOf(p.ts)}.ndjson`;
        let f = byFile.get(rel);
        if (!f) byFile.set(rel, (f = { rel, records: [], fresh: 0 }));
        f.records.push(metricRecord(checked.value, source));
      }
    }
  }
  for (const f of byFile.values()) {
    const there = linesIn(join(reg, f.rel));
    for (const r of f.records) {
      const payload = there.get(r.identity);
      if (payload === undefined) f.fresh++;
      else if (payload !== r.payload) throw new Refusal(importMsg.lineConflict(r.source, f.rel));
    }
  }
  return [...byFile.values()].filter((f) => f.records.length);
}

function describeRead(read: ImportRead): string {
  return importMsg.source(read.tool, read.from, read.models.length, read.models.reduce((n, m) => n + m.versions.length, 0));
}

/** Plan the registry files of an import, check them with the loader, then write them all (or print the diff with dryRun). */
export function applyImport(read: ImportRead, o: ApplyOptions): Outcome {
  const locks: Lock[] = [];
  try {
    checkDistinctIds(read.models);
    const reg = o.registry;
    const config = openRegistry(fsSource(reg), { headsOnly: true }).config;
    const warnings = [...read.warnings];
    const ctx: Context = { o, teams: config.teams.map((t) => t.id), notes: [] };
    if (!o.dryRun) for (const m of read.models) if (existsSync(join(reg, 'models', m.id, 'README.md'))) locks.push(lockModel(reg, m.id));
    const files = read.models.flatMap((m) => planModel(m, ctx, read.tool !== 'dvc'));
    const lines = planLines(read.models, reg, warnings);
    const changed = files.filter((f) => f.before !== f.after);
    const freshLines = lines.reduce((n, f) => n + f.fresh, 0);
    const warn = warnings.map((w) => `spog: warning: ${w}\n`).join('');
    if (!changed.length && !freshLines) return { stdout: `${importMsg.nothingToImport(describeRead(read))}\n`, stderr: warn, exitCode: 0 };

    // The loader reads every changed model with its new files in place, as spog validate would.
    const problems: string[] = [];
    for (const id of new Set(changed.map((f) => f.model))) {
      const mine = changed.filter((f) => f.model === id);
      const before = mine.some((f) => f.rel.endsWith('/README.md') && f.before === null) ? [] : loadModelFiles(reg, id).errors;
      const after = loadModelFiles(reg, id, new Map(mine.map((f) => [f.rel, f.after])));
      const fresh = newErrors(before, after.errors).filter((d) => d.file.startsWith(`models/${id}/`));
      if (fresh.length) problems.push(describeErrors(fresh));
    }
    if (problems.length) throw new Refusal(importMsg.wouldBeInvalid(problems.join('\n')));

    if (o.dryRun) {
      const diffs = changed.map((f) => `${importMsg.wouldWrite(f.rel, f.before === null)}\n${unifiedDiff(f.rel, f.before, f.after)}`);
      const appended = lines.filter((f) => f.fresh).map((f) => importMsg.wouldAppend(f.rel, f.fresh));
      return { stdout: `${[importMsg.dryRunHeadline(describeRead(read)), ...diffs, ...appended, ...ctx.notes.map((n) => `note: ${n}`), importMsg.dryRunNothingWritten()].join('\n')}\n`, stderr: warn, exitCode: 0 };
    }

    try {
      createFiles(changed.map((f) => ({ path: join(reg, f.rel), data: f.after, replace: f.before !== null })), true);
    } catch (e) {
      if (e instanceof FileExists) throw new Refusal(importMsg.createdMeanwhile(e.path));
      asWriteFailure(e, changed[0]?.rel ?? '', importMsg.nothingWritten());
    }
    const appended: string[] = [];
    if (freshLines) {
      const groups = new Map(lines.map((f) => [join(reg, f.rel), f.records]));
      const r = appendRecords(groups, identifyMetric, { display: (p) => p.slice(reg.length + 1) });
      if (r.conflicts.length) throw new Refusal(importMsg.linesRefused(r.conflicts, changed.map((f) => f.rel)));
      for (const f of r.files) if (f.written) appended.push(importMsg.appended(f.file.slice(reg.length + 1), f.written));
    }
    const created = changed.filter((f) => f.before === null).map((f) => f.rel);
    const updated = changed.filter((f) => f.before !== null).map((f) => f.rel);
    return { stdout: `${importMsg.done(describeRead(read), created, updated, appended, ctx.notes, [`${SPOG} validate${reg === './registry' || reg === 'registry' ? '' : ` ${reg}`}`, `${SPOG} diff, then commit and open a pull request`])}\n`, stderr: warn, exitCode: 0 };
  } catch (e) {
    if (e instanceof Refusal || e instanceof WriteFailure || e instanceof LockTimeout || e instanceof ImportFailure) return { stdout: '', stderr: `${read.warnings.map((w) => `spog: warning: ${w}\n`).join('')}spog: ${e.message}\n`, exitCode: 1 };
    throw e;
  } finally {
    for (const l of locks.reverse()) releaseLock(l);
  }
}
