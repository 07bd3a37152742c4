/**
 * The plain-language summary at the top of a model page, for the people who use the model rather
 * than build it (issue 18): can I rely on it today, what is wrong, since when, who is on it. It
 * words what the core decided (health, checks, the day history, the open acknowledgement); the one
 * rule it adds is `reliance`, which reads health and lifecycle together.
 */
import { healthSince, notGreenSince } from '../core/history.ts';
import type { Check, FleetModel, Health } from '../core/types.ts';
import { sinceMsg, summaryMsg } from '../messages.ts';
import { age, gapWords, HEALTH_LABEL, pct } from './format.ts';
import { checkAnchor } from './reasons.ts';
import { ackView } from './incidents.ts';

export type Reliance = 'yes' | 'care' | 'no' | 'unknown';

export interface SummaryView {
  rely: { answer: Reliance; text: string };
  /** What is wrong, worst first, each linked to the section of the page that explains it. */
  wrong: { text: string; href: string; health: Health }[];
  /** Said when nothing is wrong. */
  nothingWrong: string | null;
  since: string;
  who: string;
  /** When an acknowledgement answers "who is on it": whether it has expired, and its update and the health it was given at (the Incidents section has the rest). */
  ack: { expired: boolean; details: string[] } | null;
  questions: { rely: string; wrong: string; since: string; who: string };
}

/**
 * Whether a user can rely on the model today, the one rule: a retired model no; red no; amber with
 * care; unknown (too little data, registry errors) we cannot tell; green yes in production, and with
 * care in any other lifecycle (it is not serving people yet, or no longer).
 */
export function reliance(health: Health, lifecycle: string, notJudged: string[] = []): { answer: Reliance; text: string } {
  if (lifecycle === 'retired') return { answer: 'no', text: summaryMsg.rely.retired() };
  if (health === 'red') return { answer: 'no', text: summaryMsg.rely.no() };
  if (health === 'amber') return { answer: 'care', text: summaryMsg.rely.care() };
  if (health === 'unknown') return { answer: 'unknown', text: summaryMsg.rely.unknown() };
  if (lifecycle !== 'production') return { answer: 'care', text: summaryMsg.rely.notLive(lifecycle) };
  return { answer: 'yes', text: notJudged.length ? summaryMsg.rely.yesSoFar(notJudged) : summaryMsg.rely.yes() };
}

/** One check that is not green, in plain words (no statistic, no threshold). */
function plainWrong(c: Check, metric: string, relative: boolean): string {
  if (c.status === 'unknown') {
    const what = summaryMsg.cannotJudgeWhat[c.check];
    return what ? summaryMsg.cannotJudge(what(metric)) : summaryMsg.wrong(c.check, { metric, worse: null, age: null, share: null });
  }
  // The shortfall is a share only with relative thresholds (in metric units otherwise: no number then).
  const worse = c.check === 'primary_metric' && relative && c.value !== null && c.value > 0 ? gapWords(c.value) : null;
  return summaryMsg.wrong(c.check, {
    metric,
    worse: worse === 'level' ? null : worse,
    age: c.check === 'staleness' && c.value !== null ? age(c.value) : null,
    share: c.check === 'data_drift' && c.value !== null ? pct(c.value) : null,
  });
}

/** The checks behind the reasons, in the reasons' order (worst first, core/health.ts combine). */
function wrongChecks(m: Pick<FleetModel, 'reasons' | 'checks'>): Check[] {
  const out: Check[] = [];
  for (const r of m.reasons) for (const c of m.checks) if (c.status !== 'green' && c.reason === r && !out.includes(c)) out.push(c);
  return out;
}

function sinceText(m: Pick<FleetModel, 'health' | 'history' | 'checks'>): string {
  const label = HEALTH_LABEL[m.health];
  const since = healthSince(m.history, m.health);
  if (!since) {
    const by = m.checks.find((c) => c.status === m.health)?.check;
    return summaryMsg.sinceUndated(label, sinceMsg.undatedWhy(by ?? null));
  }
  if (m.health === 'green' && since.earlier) return summaryMsg.sinceGreenAlways();
  const troubled = m.health === 'green' ? null : notGreenSince(m.history);
  return summaryMsg.since(label, sinceMsg.words(since), troubled && troubled.date !== since.date ? sinceMsg.words(troubled) : null);
}

function whoText(m: Pick<FleetModel, 'health' | 'owners' | 'incidents' | 'lifecycle'>, team: string): string {
  const o = m.incidents.open;
  if (o) return summaryMsg.acknowledged(o.by, o.opened.slice(0, 10), o.note, o.until ? o.until.slice(0, 10) : null, o.expired);
  // A retired model is no one's to fix: its owners are who to ask about it.
  return m.health === 'green' || m.lifecycle === 'retired' ? summaryMsg.owners(m.owners, team) : summaryMsg.askOwners(m.owners, team);
}

/** "Updated by X on D", "Amber when acknowledged (D)": what the acknowledgement's sentence does not say. */
function ackDetails(m: Pick<FleetModel, 'incidents'>): string[] {
  const a = ackView(m);
  return a ? [a.updated, a.healthAtAck].filter((x): x is string => x !== null) : [];
}

/** The summary of one model; `team` its team's name. */
export function summaryView(m: FleetModel, team: string): SummaryView {
  const metric = m.primary.label || m.primary.name;
  const checks = wrongChecks(m);
  const wrong = checks.map((c) => ({ text: plainWrong(c, metric, m.primary.thresholds.mode === 'relative'), href: `#${checkAnchor(c.check, m)}`, health: c.status }));
  // "No check could run" has no check behind it: it is the Health section's to explain.
  if (wrong.length === 0 && m.reasons.length > 0) wrong.push({ text: summaryMsg.noChecks(), href: '#why', health: m.health });
  return {
    rely: reliance(m.health, m.lifecycle, m.not_judged.map((x) => (summaryMsg.cannotJudgeWhat[x.check] ?? (() => x.check))(metric))),
    wrong: [...new Map(wrong.map((w) => [w.text, w])).values()],
    nothingWrong: wrong.length === 0 ? (m.not_judged.length ? summaryMsg.nothingWrongSoFar() : summaryMsg.nothingWrong()) : null,
    since: sinceText(m),
    who: whoText(m, team),
    ack: m.incidents.open ? { expired: m.incidents.open.expired, details: ackDetails(m) } : null,
    questions: { rely: summaryMsg.relyQuestion(), wrong: summaryMsg.wrongQuestion(), since: summaryMsg.sinceQuestion(), who: summaryMsg.whoQuestion() },
  };
}
