/**
 * The fleet as one CSV file (/api/models.csv), for the leader who opens it in a spreadsheet: one
 * record per model in the overview's order (teams by name, worst first within each), its columns
 * defined here once. Values are the snapshot's own, at full precision (what /api/models.json
 * holds), never the rounded text the pages show. The overview's "Export shown rows" button keeps
 * whole records of this file, picked by their first field (the id): it never rebuilds a cell.
 */
import { healthSince } from '../core/history.ts';
import type { AttentionItem, FleetModel, FleetSnapshot, HealthSince } from '../core/types.ts';
import { driftFlags, modelsByTeam } from './common.ts';
import { csvDocument, type CsvValue } from './csv.ts';

/** Where the site serves it, relative to the base. */
export const FLEET_CSV_PATH = 'api/models.csv';

/** The name a download of it gets: the fleet as of a day. */
export function fleetCsvName(asOf: string): string {
  return `fleet-${asOf}.csv`;
}

/** What a column is computed from: the model, its Needs attention item (null when it needs none), its team's display name. */
interface Row {
  m: FleetModel;
  a: AttentionItem | null;
  /** Since when it has had its health (core/history.ts healthSince, as Needs attention dates it). */
  since: HealthSince | null;
  teamName: string;
}

export interface CsvColumn {
  header: string;
  value: (r: Row) => CsvValue;
}

/** Several values in one cell (owners, tags, drift flags). */
const list = (xs: readonly string[]): string => xs.join('; ');
const bool = (b: boolean): string => (b ? 'true' : 'false');

/** The columns, in order. The first is the id: the export button finds a model's record by it. */
export const FLEET_CSV_COLUMNS: readonly CsvColumn[] = [
  { header: 'id', value: (r) => r.m.id },
  { header: 'name', value: (r) => r.m.name },
  { header: 'team', value: (r) => r.m.team },
  { header: 'team_name', value: (r) => r.teamName },
  { header: 'lifecycle', value: (r) => r.m.lifecycle },
  { header: 'health', value: (r) => r.m.health },
  { header: 'registry_error', value: (r) => bool(r.m.registry_error) },
  // Reasons are worst first (core/health.ts combine): the top one, then the others, one a line in the cell.
  { header: 'top_reason', value: (r) => r.m.reasons[0] ?? null },
  { header: 'other_reasons', value: (r) => r.m.reasons.slice(1).join('\n') || null },
  // Since when, from the day history (decision 70), for every model; empty when the history cannot date it (a health set by drift).
  { header: 'health_since', value: (r) => r.since?.date ?? null },
  // true: the health fills the whole day history kept, so it began on health_since or earlier.
  { header: 'health_since_or_earlier', value: (r) => (r.since ? bool(r.since.earlier) : null) },
  { header: 'not_green_since', value: (r) => r.a?.not_green_since?.date ?? null },
  { header: 'primary_metric', value: (r) => r.m.primary.name },
  { header: 'primary_direction', value: (r) => r.m.primary.direction },
  { header: 'primary_value', value: (r) => r.m.primary.value },
  { header: 'primary_expected', value: (r) => r.m.primary.expected },
  { header: 'primary_delta', value: (r) => r.m.primary.delta },
  // A fraction despite the name, as in the JSON: -0.021 is 2.1% below expected (whether that is worse depends on primary_direction).
  { header: 'primary_delta_pct', value: (r) => r.m.primary.delta_pct },
  { header: 'drift', value: (r) => list(driftFlags(r.m)) },
  { header: 'last_data', value: (r) => r.m.last_data },
  { header: 'last_retrained', value: (r) => r.m.last_retrained },
  { header: 'owners', value: (r) => list(r.m.owners) },
  { header: 'tags', value: (r) => list(r.m.tags) },
  { header: 'acknowledged_by', value: (r) => r.m.incidents.open?.by ?? null },
  { header: 'acknowledged_on', value: (r) => r.m.incidents.open?.opened ?? null },
  { header: 'acknowledged_until', value: (r) => r.m.incidents.open?.until ?? null },
  { header: 'acknowledgement_expired', value: (r) => (r.m.incidents.open ? bool(r.m.incidents.open.expired) : null) },
  { header: 'acknowledgement', value: (r) => r.m.incidents.open?.note ?? null },
];

/** The header and one record per model, as cells. */
export function fleetCsvRows(snap: FleetSnapshot): CsvValue[][] {
  const attention = new Map(snap.fleet.attention.map((a) => [a.id, a]));
  const rows = modelsByTeam(snap, '/').flatMap(({ team, models }) => models.map((m) => ({ m, a: attention.get(m.id) ?? null, since: healthSince(m.history, m.health), teamName: team.name })));
  return [FLEET_CSV_COLUMNS.map((c) => c.header), ...rows.map((r) => FLEET_CSV_COLUMNS.map((c) => c.value(r)))];
}

/** The whole file (RFC 4180, CRLF line ends, text cells guarded against formula injection). */
export function fleetCsv(snap: FleetSnapshot): string {
  return csvDocument(fleetCsvRows(snap));
}
