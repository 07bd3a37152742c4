/**
 * What the pages say about a model's incidents: the open acknowledgement in one sentence
 * ("Acknowledged by @maria on 2026-10-29: retraining on October data, until 2026-11-06"; an
 * expired one says so) and the resolved ones as a history. The core decided which is open and
 * whether it expired; this only words it.
 */
import type { FleetModel, Health, ModelIncident, OpenIncident } from '../core/types.ts';
import { date, HEALTH_LABEL } from './format.ts';

export interface AckView {
  /** The sentence a reader sees at the top of the model page and beside the model elsewhere. */
  text: string;
  by: string;
  on: string;
  note: string;
  until: string | null;
  /** The owners' own `until` day has passed. */
  expired: boolean;
  /** "Updated by @li on 2026-10-31", or null. */
  updated: string | null;
  /** "Amber when acknowledged (2026-10-28)", or null when not recorded. */
  healthAtAck: string | null;
  /** The top reason then, or "". */
  reasonAtAck: string;
  file: string;
}

export interface IncidentRow {
  id: string;
  status: 'open' | 'expired' | 'resolved';
  statusLabel: string;
  opened: string;
  by: string;
  note: string;
  until: string;
  health: Health | null;
  healthLabel: string;
  /** The top reason when it was acknowledged, or "". */
  reason: string;
  resolved: string;
  resolution: string;
  file: string;
}

/** "Acknowledged by X on DATE: NOTE, until DATE", and for an expired one "... expired: due by DATE". */
export function ackSentence(o: OpenIncident): string {
  const head = `Acknowledged by ${o.by} on ${date(o.opened)}: ${o.note.replace(/[.\s]+$/, '')}`;
  if (o.until === null) return head;
  return o.expired ? `${head}. Expired: it was due by ${date(o.until)}` : `${head}, until ${date(o.until)}`;
}

function healthAtAck(o: ModelIncident): string | null {
  const h = o.health_at_ack;
  return h ? `${HEALTH_LABEL[h.status]} when acknowledged (${date(h.as_of)})` : null;
}

/** The open acknowledgement of a model as its pages show it, or null. */
export function ackView(m: Pick<FleetModel, 'incidents'>): AckView | null {
  const o = m.incidents.open;
  if (!o) return null;
  return {
    text: ackSentence(o),
    by: o.by,
    on: date(o.opened),
    note: o.note,
    until: o.until === null ? null : date(o.until),
    expired: o.expired,
    updated: o.updated ? `Updated by ${o.updated_by ?? o.by} on ${date(o.updated)}` : null,
    healthAtAck: healthAtAck(o),
    reasonAtAck: o.health_at_ack?.reasons[0] ?? '',
    file: o.file,
  };
}

/** The model page's incidents table: the open one first, then the resolved ones, newest first. */
export function incidentRows(m: Pick<FleetModel, 'incidents'>): IncidentRow[] {
  const { open, history } = m.incidents;
  const row = (x: ModelIncident, status: IncidentRow['status']): IncidentRow => ({
    id: x.id,
    status,
    statusLabel: { open: 'open', expired: 'open, expired', resolved: 'resolved' }[status],
    opened: date(x.opened),
    by: x.by,
    note: x.note,
    until: date(x.until),
    health: x.health_at_ack?.status ?? null,
    healthLabel: x.health_at_ack ? HEALTH_LABEL[x.health_at_ack.status] : '–',
    reason: x.health_at_ack?.reasons[0] ?? '',
    resolved: date(x.resolved),
    resolution: x.resolution ?? '–',
    file: x.file,
  });
  return [...(open ? [row(open, open.expired ? 'expired' : 'open')] : []), ...history.map((x) => row(x, 'resolved'))];
}
