/**
 * Cross-file rules: what no single file can tell. Each adds diagnostics; none throws.
 */
import { msg } from '../messages.ts';
import type { Config } from '../schema/config.ts';
import { diag } from './diagnostics.ts';
import type { Diagnostic, ModelData } from '../core/input.ts';
import { didYouMean, linesMisnamed, suggestMetric } from '../names.ts';
import { own } from '../core/own.ts';

/** The versions whose file exists but failed (ModelData.failed): what names them follows from that failure. */
export function failedVersions(m: Pick<ModelData, 'dir' | 'failed'>): string[] {
  const prefix = `${m.dir}/versions/`;
  return (m.failed ?? []).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).replace(/\.ya?ml$/, ''));
}

/** Rules within one model: deployments vs versions, lineage, champion, teams. Adds to model.diagnostics. */
export function checkModel(m: ModelData, config: Config): void {
  const card = m.card;
  const cardFile = `${m.dir}/README.md`;
  const versions = new Map(m.versions.map((v) => [v.version, v]));
  const known = [...versions.keys()];
  const add = (d: Diagnostic) => m.diagnostics.push(d);
  // A version whose file failed is reported there once; naming it elsewhere is not a second problem.
  const failed = new Set(failedVersions(m));

  for (const v of m.versions) {
    if (v.parent !== undefined && !versions.has(v.parent) && !failed.has(v.parent)) {
      add(diag('error', v.file, msg.missingVersion(v.parent, 'parent', known), { ...m.locate(v.file, ['parent']), field: 'parent', model: m.id }));
    }
  }
  if (!card) return;

  const teamIds = config.teams.map((t) => t.id);
  if (teamIds.length && !teamIds.includes(card.team)) {
    add(diag('error', cardFile, msg.unknownTeam(card.team, teamIds, didYouMean(card.team, teamIds)), { ...m.locate(cardFile, ['team']), field: 'team', model: m.id }));
  }
  let champion: string | undefined;
  card.deployments.forEach((d, i) => {
    const field = `deployments.${i}.version`;
    const v = versions.get(d.version);
    if (!v) {
      if (!failed.has(d.version)) add(diag('error', cardFile, msg.missingVersion(d.version, d.role === 'champion' ? 'the champion' : 'a deployment', known), { ...m.locate(cardFile, ['deployments', i, 'version']), field, model: m.id }));
    } else if (v.retired) add(diag('error', cardFile, msg.retiredDeployed(d.version), { ...m.locate(cardFile, ['deployments', i, 'version']), field, model: m.id }));
    if (d.role === 'champion') {
      if (champion !== undefined) add(diag('error', cardFile, msg.twoChampions(champion, d.version), { ...m.locate(cardFile, ['deployments', i, 'role']), field: `deployments.${i}.role`, model: m.id }));
      else champion = d.version;
    }
  });
  if (card.lifecycle === 'production' && champion === undefined) {
    add(diag('warning', cardFile, msg.productionWithoutChampion(), { ...m.locate(cardFile, ['deployments']), field: 'deployments', model: m.id }));
  }
  const champ = champion !== undefined ? versions.get(champion) : undefined;
  const source = card.expected?.source ?? 'champion_evaluation';
  if (champ && source === 'champion_evaluation') {
    const name = card.primary_metric.name;
    if (own(champ.expected, name) === undefined && own(champ.metrics, name) === undefined) {
      const near = suggestMetric(name, Object.keys(champ.metrics));
      add(diag('warning', champ.file, msg.primaryNotEvaluated(name, champ.version, near), { ...m.locate(champ.file, ['metrics']), field: 'metrics', model: m.id }));
    }
  }
  checkMetricNames(m, card, cardFile, champion);
  if (card.drift?.reference === 'seasonal' && !m.reference?.by_month) {
    add(diag('warning', cardFile, msg.seasonalWithoutMonths(m.reference !== null), { ...m.locate(cardFile, ['drift', 'reference']), field: 'drift.reference', model: m.id }));
  }
}

/**
 * Metric names are free text shared by the card and the lines: a typo on either side leaves a
 * check with nothing to judge. For the version whose lines are judged (the champion, else every
 * version with lines), each metric the card relies on must have lines; when it has none, the
 * closest name the lines do use is suggested.
 */
function checkMetricNames(m: ModelData, card: NonNullable<ModelData['card']>, cardFile: string, champion: string | undefined): void {
  const byVersion = new Map<string, Set<string>>();
  for (const s of m.series) {
    let set = byVersion.get(s.version);
    if (!set) byVersion.set(s.version, (set = new Set()));
    set.add(s.metric);
  }
  if (byVersion.size === 0) return;
  const required: { name: string; role: string; path: PropertyKey[] }[] = [{ name: card.primary_metric.name, role: 'primary metric', path: ['primary_metric', 'name'] }];
  if (card.fairness) required.push({ name: card.fairness.selection_metric, role: 'selection metric', path: ['fairness', 'selection_metric'] });
  const versions = champion !== undefined ? (byVersion.has(champion) ? [champion] : []) : [...byVersion.keys()].sort();
  for (const version of versions) {
    const logged = [...byVersion.get(version)!].sort();
    for (const r of required) {
      if (logged.includes(r.name)) continue;
      // Another version logging the name is fine when the card has no champion (each version is its own series).
      if (champion === undefined && [...byVersion.values()].some((set) => set.has(r.name))) continue;
      const near = suggestMetric(r.name, logged);
      const evaluated = Object.keys(m.versions.find((v) => v.version === version)?.metrics ?? {});
      if (near && linesMisnamed(r.name, near, evaluated)) add(m, diag('warning', `${m.dir}/metrics`, msg.linesMisnamed(r.name, near, r.role, version), { field: 'metric', model: m.id }));
      else add(m, diag('warning', cardFile, msg.metricNotLogged(r.name, r.role, version, logged, near), { ...m.locate(cardFile, r.path), field: r.path.join('.'), model: m.id }));
    }
  }
}

function add(m: ModelData, d: Diagnostic): void {
  m.diagnostics.push(d);
}

/** Rules across the registry (today only spog.yaml's: team ids are unique). */
export function checkRegistry(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  config.teams.forEach((t, i) => {
    if (seen.has(t.id)) out.push(diag('error', 'spog.yaml', msg.duplicateTeam(t.id), { field: `teams.${i}.id` }));
    seen.add(t.id);
  });
  return out;
}
