/**
 * Football models (sports analytics), trained and scored on real results of five European
 * leagues, 2013-14 to 2016-17 (`football.json` in vega-datasets), moved by FOOTBALL_SHIFT so the
 * 2016-17 season is shown as 2025-26:
 *   match-outcome      P(home win) from Elo ratings and recent form. Lifecycle retraining: the
 *                      season ended on 2026-05-31 and the model is being refit for the new one.
 *   goals-over-2-5     P(3+ goals). Lifecycle offline: switched off when the partner feed ended.
 *   home-win-legacy    the Elo-only predecessor of match-outcome. Lifecycle retired (2025-06-30).
 */
import { cardBody, commitOf, dataHash, edges, evals, evalTable, histWindow, metrics } from '../build.ts';
import { loadFootball, type Match } from '../data.ts';
import { fitLogistic, predictLogistic, type Logistic } from '../learn.ts';
import { accuracy, auc, brier, histogram, logLoss, mean } from '../stats.ts';
import { addDays, FOOTBALL_SHIFT, shiftDay, weekday } from '../time.ts';
import type { FeatureWindowIn, MetricLineIn, ModelBundle, ReferenceIn, VersionIn } from '../types.ts';

/** League slugs used in metric slices. */
const LEAGUE: Record<string, string> = {
  'English Premier League': 'premier-league',
  'Deutsche Bundesliga': 'bundesliga',
  'Primera Division': 'la-liga',
  'Serie A': 'serie-a',
  'Österreichische Bundesliga': 'austrian-bundesliga',
};

interface Game extends Match {
  day: string;
  league: string;
  /** Pre-match Elo ratings and form (points a game over the last five matches). */
  homeElo: number;
  awayElo: number;
  homeForm: number;
  awayForm: number;
  /** Exponentially weighted goals scored and conceded before the match. */
  homeFor: number;
  homeAgainst: number;
  awayFor: number;
  awayAgainst: number;
}

const K = 20;
const HOME_ADV = 60;

/** The season a match belongs to, named by its starting year (July to June). */
const season = (date: string): number => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 7 ? 1 : 0);

let cache: Game[] | undefined;

/**
 * Walks the matches in date order, keeping Elo ratings (Elo 1978; K = 20, home advantage 60
 * points, ratings pulled a third of the way back to 1500 between seasons), recent form and
 * weighted goal rates. Each game gets the values as they stood before kick-off.
 */
function games(): Game[] {
  if (cache) return cache;
  const elo = new Map<string, number>();
  const form = new Map<string, number[]>();
  const gf = new Map<string, number>();
  const ga = new Map<string, number>();
  const seen = new Map<string, number>();
  const out: Game[] = [];
  for (const m of loadFootball()) {
    const league = LEAGUE[m.division];
    const h = `${league}/${m.home}`;
    const a = `${league}/${m.away}`;
    const s = season(m.date);
    for (const t of [h, a]) {
      if (seen.has(t) && seen.get(t) !== s) elo.set(t, 1500 + ((elo.get(t) ?? 1500) - 1500) * (2 / 3));
      seen.set(t, s);
    }
    const he = elo.get(h) ?? 1450;
    const ae = elo.get(a) ?? 1450;
    const fm = (t: string): number => {
      const f = form.get(t) ?? [];
      return f.length === 0 ? 1.3 : mean(f.slice(-5));
    };
    out.push({
      ...m,
      day: shiftDay(FOOTBALL_SHIFT, m.date),
      league,
      homeElo: he,
      awayElo: ae,
      homeForm: fm(h),
      awayForm: fm(a),
      homeFor: gf.get(h) ?? 1.4,
      homeAgainst: ga.get(h) ?? 1.4,
      awayFor: gf.get(a) ?? 1.4,
      awayAgainst: ga.get(a) ?? 1.4,
    });
    const expHome = 1 / (1 + 10 ** ((ae - he - HOME_ADV) / 400));
    const score = m.homeScore > m.awayScore ? 1 : m.homeScore === m.awayScore ? 0.5 : 0;
    elo.set(h, he + K * (score - expHome));
    elo.set(a, ae - K * (score - expHome));
    const pts = (mine: number, theirs: number): number => (mine > theirs ? 3 : mine === theirs ? 1 : 0);
    form.set(h, [...(form.get(h) ?? []), pts(m.homeScore, m.awayScore)]);
    form.set(a, [...(form.get(a) ?? []), pts(m.awayScore, m.homeScore)]);
    const ew = (map: Map<string, number>, t: string, v: number): void => void map.set(t, 0.85 * (map.get(t) ?? 1.4) + 0.15 * v);
    ew(gf, h, m.homeScore);
    ew(ga, h, m.awayScore);
    ew(gf, a, m.awayScore);
    ew(ga, a, m.homeScore);
  }
  cache = out;
  return out;
}

const seasonGames = (first: number, last: number): Game[] => games().filter((g) => season(g.date) >= first && season(g.date) <= last);

interface Spec {
  x: (g: Game) => number[];
  names: string[];
  y: (g: Game) => number;
}

const homeWin = (g: Game): number => (g.homeScore > g.awayScore ? 1 : 0);
const over25 = (g: Game): number => (g.homeScore + g.awayScore >= 3 ? 1 : 0);
const ELO: Spec = { x: (g) => [(g.homeElo - g.awayElo) / 100], names: ['elo_diff'], y: homeWin };
const ELO_FORM: Spec = { x: (g) => [(g.homeElo - g.awayElo) / 100, g.homeForm, g.awayForm], names: ['elo_diff', 'home_form', 'away_form'], y: homeWin };
const GOALS: Spec = { x: (g) => [g.homeFor, g.homeAgainst, g.awayFor, g.awayAgainst], names: ['home_goals_for', 'home_goals_against', 'away_goals_for', 'away_goals_against'], y: over25 };

function train(spec: Spec, gs: Game[]): Logistic {
  return fitLogistic(gs.map(spec.x), gs.map(spec.y), { iters: 500, lr: 0.5, l2: 1e-3 });
}

function scores(p: number[], y: number[]): Record<string, number> {
  return { auc: auc(p, y), accuracy: accuracy(p, y), log_loss: logLoss(p, y), brier: brier(p, y), positive_rate: mean(y) };
}

const span = (gs: Game[]): { from: string; to: string } => ({ from: gs[0].day, to: gs[gs.length - 1].day });
const REPO = 'github.com/example-sports/match-models';

function versionFile(model: string, v: string, spec: Spec, m: Logistic, tr: Game[], te: Game[], o: { trainedAt: string; author: string; parent?: string; retired?: boolean; notes: string }): VersionIn {
  const out: VersionIn = { version: v, trained_at: o.trainedAt, author: o.author };
  if (o.parent) out.parent = o.parent;
  out.code = { repo: REPO, commit: commitOf(model, v), path: `${model}/train.py` };
  out.data = [
    { name: 'train', uri: `s3://sports-lake/${model}/train-${v}.parquet`, hash: dataHash(tr.map((g) => [g.date, g.home, g.away, g.homeScore, g.awayScore])), rows: tr.length, ...span(tr) },
    { name: 'test', uri: `s3://sports-lake/${model}/test-${v}.parquet`, hash: dataHash(te.map((g) => [g.date, g.home, g.away, g.homeScore, g.awayScore])), rows: te.length, ...span(te) },
  ];
  out.params = { algorithm: 'logistic-regression', iterations: 500, l2: 0.001, elo_k: K, elo_home_advantage: HOME_ADV, features: spec.names.join(',') };
  out.metrics = evals(scores(te.map((g) => predictLogistic(m, spec.x(g))), te.map(spec.y)));
  const bySlice: Record<string, Record<string, number>> = {};
  for (const lg of Object.values(LEAGUE)) {
    const s = te.filter((g) => g.league === lg);
    bySlice[`league=${lg}`] = evals({ auc: auc(s.map((g) => predictLogistic(m, spec.x(g))), s.map(spec.y)), accuracy: accuracy(s.map((g) => predictLogistic(m, spec.x(g))), s.map(spec.y)) });
  }
  out.slices = bySlice;
  if (o.retired) out.retired = true;
  out.notes = o.notes;
  return out;
}

/**
 * Metrics on every match day over the trailing 28 days of matches, overall and per league
 * (auc and accuracy), and weekly (Sunday) windows of the first input and of the predictions.
 */
function seasonSeries(version: string, spec: Spec, m: Logistic, gs: Game[], featureEdges: number[], featureOf: (g: Game) => number, featureName: string): { lines: MetricLineIn[]; windows: FeatureWindowIn[] } {
  const lines: MetricLineIn[] = [];
  const windows: FeatureWindowIn[] = [];
  const days = [...new Set(gs.map((g) => g.day))];
  const pr = (g: Game): number => predictLogistic(m, spec.x(g));
  for (const day of days) {
    const from = addDays(day, -27);
    const w = gs.filter((g) => g.day >= from && g.day <= day);
    lines.push(...metrics(day, version, scores(w.map(pr), w.map(spec.y)), w.length));
    for (const lg of Object.values(LEAGUE)) {
      const s = w.filter((g) => g.league === lg);
      if (s.length >= 10) lines.push(...metrics(day, version, { auc: auc(s.map(pr), s.map(spec.y)), accuracy: accuracy(s.map(pr), s.map(spec.y)) }, s.length, { league: lg }));
    }
  }
  for (const day of days.filter((d) => weekday(d) === 0)) {
    const w = gs.filter((g) => g.day > addDays(day, -7) && g.day <= day);
    windows.push(histWindow(day, version, featureName, w.map(featureOf), featureEdges));
    windows.push(histWindow(day, version, 'prediction', w.map(pr), PROB_EDGES, 'prediction'));
  }
  return { lines, windows };
}

const PROB_EDGES = edges(0, 1, 20);
const ELO_EDGES = edges(-6, 6, 12);
const GOAL_EDGES = edges(0, 8, 16);

function referenceOf(version: string, createdAt: string, tr: Game[], m: Logistic, spec: Spec, featureName: string, featureOf: (g: Game) => number, featureEdges: number[]): ReferenceIn {
  return {
    version,
    created_at: createdAt,
    features: { [featureName]: { type: 'numeric', histogram: { edges: featureEdges, counts: histogram(tr.map(featureOf), featureEdges) } } },
    prediction: { type: 'numeric', histogram: { edges: PROB_EDGES, counts: histogram(tr.map((g) => predictLogistic(m, spec.x(g))), PROB_EDGES) } },
  };
}

function footballProvenance(extra: string): string {
  return `Real data: \`football.json\` from the [vega-datasets](https://github.com/vega/vega-datasets) package, results of five European
leagues (Premier League, Bundesliga, La Liga, Serie A, Austrian Bundesliga) from 2013-14 to 2016-17. Elo ratings, form
and goal rates are computed from those results by \`scripts/gen-demo.ts\`, which also trains and scores the model. Dates
are moved by ${FOOTBALL_SHIFT.days} days (${FOOTBALL_SHIFT.days / 7} weeks), so match days stay on their weekdays and the 2016-17 season is
shown as 2025-26. ${extra}`.trim();
}

const eloDiff = (g: Game): number => (g.homeElo - g.awayElo) / 100;

/** match-outcome: served the 2025-26 season; being retrained for the next one. */
export function matchOutcome(): ModelBundle {
  const id = 'match-outcome';
  const tr = seasonGames(2013, 2014);
  const te = seasonGames(2015, 2015);
  const live = seasonGames(2016, 2016);
  const m1 = train(ELO, tr);
  const m2 = train(ELO_FORM, tr);
  const versions = [
    versionFile(id, 'v1', ELO, m1, tr, te, { trainedAt: '2025-06-09T10:00:00Z', author: 'marco.rossi@example.org', notes: 'Elo difference only, two seasons of training, tested on the 2024-25 season (while the legacy model still served).' }),
    versionFile(id, 'v2', ELO_FORM, m2, tr, te, { trainedAt: '2025-07-14T10:00:00Z', author: 'marco.rossi@example.org', parent: 'v1', notes: 'Adds both teams\u2019 form (points a game over the last five matches). Champion for the 2025-26 season.' }),
  ];
  const { lines, windows } = seasonSeries('v2', ELO_FORM, m2, live, ELO_EDGES, eloDiff, 'elo_diff');
  const last = live[live.length - 1].day;
  const body = cardBody({
    title: 'Match outcome (home win)',
    purpose: `Gives the probability that the home team wins, for the fan app's match previews and the pundit desk. It is not
used for betting.`,
    data: `League results: date, teams and final score. From them, before each kick-off: both teams' Elo ratings and their
form. Trained on the 2022-23 and 2023-24 seasons (${tr.length} matches), tested on the following
season (${te.length} matches). About 46% of matches are home wins.`,
    model: `Logistic regression on the Elo difference (in hundreds of points) and both teams' form. Elo: K = ${K}, home
advantage ${HOME_ADV} points, ratings pulled a third of the way back to 1500 between seasons, promoted teams start at 1450.`,
    evaluation: `Following season, all five leagues (per league in the version files):\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}`,
    limitations: `- Draws are not modelled: "not a home win" lumps draws and away wins.
- Promoted teams have no history; their first month is guesswork.
- Lifecycle **retraining**: the 2025-26 season ended on ${last}. The model is being refit on the new data feed (the
  results provider changed over the summer) with the 2025-26 results added; no predictions are served until the new
  version passes review, so the series stops at the end of the season.`,
    usage: `Previews read \`sports.match_outcome\` (column \`p_home_win\`). Show as a percentage, never as a tip.`,
    monitoring: `On every match day, over the trailing 28 days of matches: \`auc\` (primary), \`accuracy\`, \`log_loss\`, \`brier\`,
\`positive_rate\`, overall and per league (slice \`league\`, AUC and accuracy). Weekly windows of the Elo difference and of
the predictions.`,
    provenance: footballProvenance('Status at "as of": retraining; the last metric is from the final match day of the season.'),
  });
  return {
    id,
    intended: { summary: 'lifecycle retraining: season over (last metric 2026-05-31), refit for the new season in progress', source: 'real: football.json 2016-17 season' },
    card: {
      name: 'Match outcome (home win)',
      summary: 'Probability of a home win, for match previews in the fan app.',
      owners: ['marco.rossi@example.org'],
      team: 'sports-analytics',
      task: 'binary_classification',
      lifecycle: 'retraining',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (28 days of matches)' },
      deployments: [{ version: 'v2', role: 'champion', mode: 'production', environment: 'prod-eu', since: '2025-07-20', endpoint: 'batch/match-outcome' }],
      tags: ['sports', 'classification'],
      consumers: [{ name: 'Fan app previews', contact: '#fan-app' }],
      links: { code: `https://${REPO}` },
    },
    body,
    versions,
    metrics: lines,
    reference: referenceOf('v2', versions[1].trained_at, tr, m2, ELO_FORM, 'elo_diff', eloDiff, ELO_EDGES),
    windows,
  };
}

const goalRate = (g: Game): number => g.homeFor + g.awayFor;

/** goals-over-2-5: offline since the partner feed ended. */
export function goalsOver25(): ModelBundle {
  const id = 'goals-over-2-5';
  const tr = seasonGames(2013, 2014);
  const te = seasonGames(2015, 2015);
  const live = seasonGames(2016, 2016);
  const m1 = train(GOALS, tr);
  const versions = [versionFile(id, 'v1', GOALS, m1, tr, te, { trainedAt: '2025-07-02T09:30:00Z', author: 'aisha.khan@example.org', notes: 'Weighted goals scored and conceded of both teams.' })];
  const { lines, windows } = seasonSeries('v1', GOALS, m1, live, GOAL_EDGES, goalRate, 'goals_for_sum');
  const body = cardBody({
    title: 'Goals over 2.5',
    purpose: `Gave the probability that a match ends with three goals or more, for a media partner's live-score widget.`,
    data: `League results; before each match, both teams' exponentially weighted goals scored and conceded (weight 0.15 on the
latest match). Trained on ${tr.length} matches, tested on the following season (${te.length}).`,
    model: `Logistic regression on the four goal rates.`,
    evaluation: `Following season:\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}\n\nGoals are close to random: an AUC near
0.6 is typical for models without line-ups or odds.`,
    limitations: `- Lifecycle **offline**: switched off on 2026-06-15 when the media partnership ended. It can be switched back on
  for a new partner; it would need a refit first.
- No line-ups, injuries or weather.`,
    usage: `None while offline. The last scores remain in \`sports.goals_over_25\` for reference.`,
    monitoring: `While live: on every match day, over the trailing 28 days of matches, \`auc\` (primary), \`accuracy\`, \`log_loss\`,
\`brier\`, \`positive_rate\`, overall and per league. Weekly windows of the summed goal rates and of the predictions.`,
    provenance: footballProvenance('Status at "as of": offline; no data since the end of the season.'),
  });
  return {
    id,
    intended: { summary: 'lifecycle offline: switched off after the 2025-26 season (partner feed ended)', source: 'real: football.json 2016-17 season' },
    card: {
      name: 'Goals over 2.5',
      summary: 'Probability of three goals or more in a match (offline).',
      owners: ['aisha.khan@example.org'],
      team: 'sports-analytics',
      task: 'binary_classification',
      lifecycle: 'offline',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (28 days of matches)' },
      deployments: [{ version: 'v1', role: 'champion', mode: 'production', environment: 'prod-eu', since: '2025-07-20', endpoint: 'batch/goals-over-25' }],
      tags: ['sports', 'classification', 'partner'],
      consumers: [{ name: 'Media partner widget (ended)', contact: 'partners@example.org' }],
      links: { code: `https://${REPO}` },
    },
    body,
    versions,
    metrics: lines,
    reference: referenceOf('v1', versions[0].trained_at, tr, m1, GOALS, 'goals_for_sum', goalRate, GOAL_EDGES),
    windows,
  };
}

/** home-win-legacy: retired predecessor of match-outcome. */
export function homeWinLegacy(): ModelBundle {
  const id = 'home-win-legacy';
  const tr1 = seasonGames(2013, 2013).filter((g) => g.date < '2014-01-01');
  const te1 = seasonGames(2013, 2013).filter((g) => g.date >= '2014-01-01');
  const tr2 = seasonGames(2013, 2013);
  const te2 = seasonGames(2014, 2014).filter((g) => g.date < '2014-10-01');
  const live = seasonGames(2014, 2015).filter((g) => g.date >= '2014-10-01');
  const m1 = train(ELO, tr1);
  const m2 = train(ELO, tr2);
  const versions = [
    versionFile(id, 'v1', ELO, m1, tr1, te1, { trainedAt: '2023-06-26T12:00:00Z', author: 'marco.rossi@example.org', retired: true, notes: 'Half a season of training data.' }),
    versionFile(id, 'v2', ELO, m2, tr2, te2, { trainedAt: '2023-10-04T12:00:00Z', author: 'marco.rossi@example.org', parent: 'v1', retired: true, notes: 'Full 2022-23 season. Served from October 2023 until the model was retired on 2025-06-30.' }),
  ];
  const { lines } = seasonSeries('v2', ELO, m2, live, ELO_EDGES, eloDiff, 'elo_diff');
  const body = cardBody({
    title: 'Home win (legacy Elo model)',
    purpose: `Gave the probability of a home win from the Elo difference alone. Retired on 2025-06-30 and replaced by
**match-outcome** for the 2025-26 season.`,
    data: `League results; pre-match Elo ratings computed from them.`,
    model: `Logistic regression on the Elo difference.`,
    evaluation: `Held-out matches after training:\n\n${evalTable(versions, ['auc', 'accuracy', 'log_loss', 'brier'])}`,
    limitations: `- Lifecycle **retired** (2025-06-30): do not use. Both versions are marked retired.
- Ignored form and promoted teams' weakness; match-outcome adds form.`,
    usage: `None. Kept in the registry for the audit trail of the seasons it served.`,
    monitoring: `Historical series only (October 2023 to May 2025): on every match day, over the trailing 28 days of matches,
\`auc\` (primary), \`accuracy\`, \`log_loss\`, \`brier\`, \`positive_rate\`, overall and per league.`,
    provenance: footballProvenance('The series shown covers the 2023-24 and 2024-25 seasons as the demo maps them (real 2014-15 and 2015-16).'),
  });
  return {
    id,
    intended: { summary: 'lifecycle retired (2025-06-30), replaced by match-outcome; no deployments, versions retired', source: 'real: football.json 2014-15 and 2015-16 seasons' },
    card: {
      name: 'Home win (legacy Elo model)',
      summary: 'Retired predecessor of match-outcome.',
      owners: ['marco.rossi@example.org'],
      team: 'sports-analytics',
      task: 'binary_classification',
      lifecycle: 'retired',
      primary_metric: { name: 'auc', direction: 'higher_is_better', label: 'ROC AUC (28 days of matches)' },
      deployments: [],
      tags: ['sports', 'legacy'],
      links: { successor: '../match-outcome/' },
    },
    body,
    versions,
    metrics: lines,
    windows: [],
  };
}
