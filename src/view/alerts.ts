/** The alerts page: every model that is not green (worst first, with its reasons) and the recent status transitions. */
import { HEALTH_DISPLAY_ORDER } from '../core/health.ts';
import { needsAttention } from '../core/snapshot.ts';
import type { FleetSnapshot, Health } from '../core/types.ts';
import { asOfView, byHealthThenName, teamNames, type AsOfView } from './common.ts';
import { date, HEALTH_LABEL, href } from './format.ts';
import { ackView, type AckView } from './incidents.ts';
import { sinceMsg } from '../messages.ts';
import { linkedReasonsAt, type LinkedReason } from './reasons.ts';

/** How many transitions the alerts page and the feed list. */
export const TRANSITIONS_LIMIT = 200;

export interface AlertModel {
  id: string;
  name: string;
  href: string;
  team: string;
  teamHref: string;
  lifecycle: string;
  health: Health;
  healthLabel: string;
  /** Worst first, each linked to the model page's section that explains it. */
  reasons: LinkedReason[];
  /** "2026-10-30 (1 day ago)" from the core's day history (core/history.ts healthSince), or "not dated (why)" as the overview says it. */
  since: string | null;
  /** Whether the day history dates it (else `since` says why not, at more length). */
  sinceDated: boolean;
  /** When it stopped being green, if that was before `since`. */
  notGreenSince: string | null;
  /** The owners' open acknowledgement, or null. */
  ack: AckView | null;
}

export interface AlertsView {
  asOf: AsOfView;
  groups: { health: Health; label: string; models: AlertModel[] }[];
  total: number;
  transitions: { date: string; id: string; name: string; href: string; from: Health; to: Health; fromLabel: string; toLabel: string; reason: string }[];
  transitionsMore: number;
  feedHref: string;
  apiHref: string;
}

export function alertsView(snap: FleetSnapshot, base: string): AlertsView {
  const names = teamNames(snap);
  const byId = new Map(snap.models.map((m) => [m.id, m]));
  const nonGreen = snap.models.filter(needsAttention).sort(byHealthThenName);
  const item = new Map(snap.fleet.attention.map((a) => [a.id, a]));
  const groups = HEALTH_DISPLAY_ORDER.filter((h) => h !== 'green')
    .map((h) => ({
      health: h,
      label: HEALTH_LABEL[h],
      models: nonGreen.filter((m) => m.health === h).map((m) => {
        const a = item.get(m.id);
        return {
          id: m.id,
          name: m.name,
          href: href(base, `models/${m.id}/`),
          team: names.get(m.team) ?? m.team,
          teamHref: href(base, `teams/${m.team}/`),
          lifecycle: m.lifecycle,
          health: m.health,
          healthLabel: HEALTH_LABEL[m.health],
          reasons: linkedReasonsAt(m, base),
          since: a?.since ? sinceMsg.words(a.since) : a ? `not dated (${sinceMsg.undatedWhy(a.undated_by)})` : null,
          sinceDated: Boolean(a?.since),
          notGreenSince: a?.not_green_since ? sinceMsg.words(a.not_green_since) : null,
          ack: ackView(m),
        };
      }),
    }))
    .filter((g) => g.models.length > 0);
  return {
    asOf: asOfView(snap),
    groups,
    total: nonGreen.length,
    transitions: snap.transitions.slice(0, TRANSITIONS_LIMIT).map((t) => ({
      date: date(t.date),
      id: t.model,
      name: byId.get(t.model)?.name ?? t.model,
      href: href(base, `models/${t.model}/`),
      from: t.from,
      to: t.to,
      fromLabel: HEALTH_LABEL[t.from],
      toLabel: HEALTH_LABEL[t.to],
      reason: t.reason,
    })),
    transitionsMore: Math.max(0, snap.transitions.length - TRANSITIONS_LIMIT),
    feedHref: href(base, 'feed.xml'),
    apiHref: href(base, 'api/alerts.json'),
  };
}

/** The /api/alerts.json document. */
export function alertsJson(snap: FleetSnapshot): object {
  return {
    as_of: snap.as_of,
    attention: snap.fleet.attention,
    not_green: snap.models.filter(needsAttention).sort(byHealthThenName).map((m) => ({ id: m.id, name: m.name, team: m.team, lifecycle: m.lifecycle, health: m.health, reasons: m.reasons, acknowledged: m.incidents.open })),
    transitions: snap.transitions,
  };
}
