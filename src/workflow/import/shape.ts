/**
 * The one shape every importer reads its tracker into (MLflow, DVC, GTO), and the id rules they
 * share: a tracker's model name becomes a model id by slugging it, a version name a version id.
 * `apply.ts` turns this shape into registry files; an importer never writes.
 */
import { importMsg } from '../../messages.ts';
import { toSlug } from '../../names.ts';
import { FORBIDDEN_KEYS, SLUG_RE, VERSION_RE } from '../../schema/common.ts';
import type { Card, Deployment } from '../../schema/card.ts';
import type { Version } from '../../schema/version.ts';
import { UsageError } from '../outcome.ts';

export type Tool = NonNullable<Card['source']>['tool'];

/** One point of a run's metric history, for `--metrics-from-runs` (a metric line of the version). */
export interface HistoryPoint {
  ts: string;
  metric: string;
  value: number;
  /** The line's `run`: which tracker run, and which step of it, logged the value. */
  run: string;
}

/** One trained version as the tracker knows it; fields left out are not known there. */
export interface ImportedVersion {
  id: string;
  trained_at: string;
  author?: string;
  parent?: string;
  code?: Version['code'];
  data: Version['data'];
  params: Version['params'];
  metrics: Version['metrics'];
  tags: Record<string, string>;
  notes?: string;
  /** The run's metric history (only with --metrics-from-runs). */
  history?: HistoryPoint[];
}

/** One model as the tracker knows it. */
export interface ImportedModel {
  /** The model id (the slug of `name`). */
  id: string;
  /** The name in the tracker, kept as the card's name. */
  name: string;
  description?: string;
  /** Who the tracker says made it (an e-mail or user name), the card's owner when --owner is not given. */
  user?: string;
  /** Task named by the tracker (e.g. an MLflow model tag "task"), when it is one of spog's. */
  task?: Card['task'];
  versions: ImportedVersion[];
  /** Deployments the tracker's aliases or stages give; the importer owns the card's list. */
  deployments: Pick<Deployment, 'version' | 'role' | 'mode' | 'since'>[];
  /** Where it came from: the card's `source`. */
  source: NonNullable<Card['source']>;
}

/** What an importer read: the models, and warnings to print (a deleted run, a renamed id). */
export interface ImportRead {
  tool: Tool;
  /** Where it read from, for messages. */
  from: string;
  models: ImportedModel[];
  warnings: string[];
}

/** The model id for a tracker's name ("Fraud Detector" -> "fraud-detector"), warning when it is not the name itself. */
export function modelIdOf(name: string, warnings: string[]): string {
  if (SLUG_RE.test(name) && !FORBIDDEN_KEYS.has(name)) return name;
  const id = toSlug(name);
  if (!id || FORBIDDEN_KEYS.has(id)) throw new UsageError(importMsg.noIdFor(name));
  warnings.push(importMsg.slugged(name, id));
  return id;
}

/** A version id for a tracker's version name ("3" -> "v3" is the caller's; "V1.2" -> "v1.2"), or undefined when nothing is left. */
export function versionIdOf(name: string): string | undefined {
  if (VERSION_RE.test(name) && !FORBIDDEN_KEYS.has(name)) return name;
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 64)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return VERSION_RE.test(id) && !FORBIDDEN_KEYS.has(id) ? id : undefined;
}

/** Refuse two tracker names that slug to one model id: they would write one folder. */
export function checkDistinctIds(models: { id: string; name: string }[]): void {
  const seen = new Map<string, string>();
  for (const m of models) {
    const other = seen.get(m.id);
    if (other !== undefined && other !== m.name) throw new UsageError(importMsg.sameId(other, m.name, m.id));
    seen.set(m.id, m.name);
  }
}

/** A parameter's text as YAML would read it: a number, true/false, null, or the text itself. */
export function scalarOf(text: string): string | number | boolean | null {
  const t = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) && Number.isFinite(Number(t))) return Number(t);
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False') return false;
  if (t === 'null' || t === 'None') return null;
  return text;
}

/** Milliseconds since the epoch as an ISO date-time in whole seconds, UTC ("2026-10-31T06:00:00Z"). */
export function isoOfMs(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Keys that may name a value in a map written to YAML (never a prototype name). */
export function safeEntries<T>(entries: [string, T][]): [string, T][] {
  return entries.filter(([k]) => k !== '' && !FORBIDDEN_KEYS.has(k));
}

/** Flatten nested params or metrics ({train: {lr: 0.1}} -> {"train.lr": 0.1}), as DVC and GTO show them. */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = value;
  return out;
}
