/**
 * The versions comparison of one model: versions side by side (newest first), one row per
 * attribute, parameter and evaluation metric, with the values that differ from the champion marked.
 */
import type { ModelSnapshot, Snapshot } from '../core/types.ts';
import { drawn, versionsChartView, type DrawnChart } from './charts.ts';
import { asOfView, type AsOfView } from './common.ts';
import { commitUrl } from './model.ts';
import { date, HEALTH_LABEL, href, n } from './format.ts';

export interface VersionsCell {
  text: string;
  /** Differs from the reference version's value (the champion, else the newest). */
  differs: boolean;
  url?: string | null;
}

export interface VersionsView {
  id: string;
  name: string;
  modelHref: string;
  health: string;
  healthLabel: string;
  asOf: AsOfView;
  reference: string | null;
  columns: { version: string; role: string }[];
  sections: { title: string; rows: { label: string; cells: VersionsCell[] }[] }[];
  chart: DrawnChart | null;
}

function scalar(x: unknown): string {
  if (x === null || x === undefined) return '–';
  if (typeof x === 'number') return n(x);
  return String(x);
}

export function versionsView(snap: Pick<Snapshot, 'as_of' | 'teams'>, m: ModelSnapshot, base: string, chart: DrawnChart | null = drawn(versionsChartView(m))): VersionsView {
  const versions = [...m.versions].reverse();
  const ref = versions.find((v) => v.version === m.champion) ?? versions[0];
  const row = (label: string, get: (v: ModelSnapshot['versions'][number]) => string, url?: (v: ModelSnapshot['versions'][number]) => string | null) => {
    const refText = ref ? get(ref) : '';
    return { label, cells: versions.map((v) => ({ text: get(v), differs: v !== ref && get(v) !== refText, url: url ? url(v) : undefined })) };
  };
  const paramNames = [...new Set(versions.flatMap((v) => Object.keys(v.params)))].sort();
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort((a, b) => (a === m.primary.name ? -1 : b === m.primary.name ? 1 : a.localeCompare(b)));
  const dataNames = [...new Set(versions.flatMap((v) => v.data.map((d) => d.name)))];
  return {
    id: m.id,
    name: m.name,
    modelHref: href(base, `models/${m.id}/`),
    health: m.health,
    healthLabel: HEALTH_LABEL[m.health],
    asOf: asOfView(snap),
    reference: ref?.version ?? null,
    columns: versions.map((v) => ({ version: v.version, role: v.role ?? (v.retired ? 'retired' : '') })),
    sections: [
      {
        title: 'Lineage',
        rows: [
          row('trained', (v) => date(v.trained_at)),
          row('author', (v) => v.author ?? '–'),
          row('parent', (v) => v.parent ?? '–'),
          row('code', (v) => (v.code ? `${v.code.repo}@${v.code.commit.slice(0, 10)}` : '–'), (v) => (v.code ? commitUrl(v.code.repo, v.code.commit) : null)),
          ...dataNames.map((name) => row(`data: ${name}`, (v) => {
            const d = v.data.find((x) => x.name === name);
            return d ? `${d.uri}${d.rows !== undefined ? ` (${d.rows.toLocaleString('en-US')} rows)` : ''}` : '–';
          })),
        ],
      },
      { title: 'Parameters', rows: paramNames.map((k) => row(k, (v) => scalar(v.params[k]))) },
      {
        title: 'Evaluation',
        rows: [
          ...metricNames.map((k) => row(k === m.primary.name ? `${k} (primary)` : k, (v) => scalar(v.metrics[k]))),
          row(`${m.primary.name} in production (mean of every day reported)`, (v) => n(v.production_primary)),
        ],
      },
    ].filter((s) => s.rows.length > 0),
    chart,
  };
}
