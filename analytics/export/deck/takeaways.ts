/**
 * What each slide says in one line, computed from the numbers (never canned): the first three and
 * last three complete months of the deck compared, the effect estimates read honestly (an interval
 * that spans "no effect" is said to), and the scenario that moves incidents most. Pure.
 */
import type { EffectEstimate, EffectOutcome, MetricsRow } from '../../../shared/domain';
import type { DeckChartId } from '../../../shared/export';
import type { Band, SavedScenario, ScenarioComparison, ScenarioLevers, ScenarioMetricKey } from '../../../shared/scenarios';
import { addMonths, count, decimal, direction, money, monthsLabel, movedBy, percent, pool, signed, times, type Pooled } from './numbers';

export interface Windows {
  complete: MetricsRow[];
  /** The first three complete months of the deck. */
  early: MetricsRow[];
  /** The last three complete months. */
  late: MetricsRow[];
  /** The same three months a year before `late`, when the deck's data reach back that far. */
  yearAgo: MetricsRow[] | null;
  /** The three months before `late`. */
  previous: MetricsRow[];
}

export function comparisonWindows(rows: readonly MetricsRow[], inProgress: readonly string[]): Windows {
  const complete = rows.filter((r) => !inProgress.includes(r.period));
  const size = Math.min(3, Math.max(1, Math.floor(complete.length / 2)));
  const late = complete.slice(-size);
  const early = complete.slice(0, size);
  const byPeriod = new Map(complete.map((r) => [r.period, r]));
  const yearAgoRows = late.map((r) => byPeriod.get(addMonths(r.period, -12)));
  const yearAgo = late.length > 0 && yearAgoRows.every((r) => r !== undefined) ? (yearAgoRows as MetricsRow[]) : null;
  return { complete, early, late, yearAgo, previous: complete.slice(-2 * size, -size) };
}

export interface Takeaway {
  /** The slide's title: one line a board member can repeat. */
  title: string;
  /** Speaker notes: the numbers behind the title and what to be careful about. */
  notes: string[];
}

type Fmt = (v: number | null) => string;

/** "Incidents per 100 merged PRs rose from 3.1 to 4.2" or "… held steady at 3.1". */
export function fromTo(label: string, a: number | null, b: number | null, fmt: Fmt, tolerance: number): string {
  if (a === null || b === null) return `${label}: ${fmt(b ?? a)}`;
  const dir = direction(a, b, tolerance);
  return dir === 'held steady' ? `${label} held steady at ${fmt(b)}` : `${label} ${dir} from ${fmt(a)} to ${fmt(b)}`;
}

const pct0: Fmt = (v) => percent(v, 0);
const pct1: Fmt = (v) => percent(v, 1);
const dec1: Fmt = (v) => decimal(v, 1);
const dec2: Fmt = (v) => decimal(v, 2);
const whole: Fmt = (v) => decimal(v, 0);

function periodNote(w: Windows): string {
  return `Compared: ${monthsLabel(w.early.map((r) => r.period))} (first three complete months shown) with ${monthsLabel(w.late.map((r) => r.period))} (last three).`;
}

export function chartTakeaway(chart: Exclude<DeckChartId, 'effects'>, w: Windows): Takeaway {
  const e = pool(w.early);
  const l = pool(w.late);
  switch (chart) {
    case 'throughput-ai': {
      const title = `${fromTo('AI share of new code', e.aiShare, l.aiShare, pct0, 0.01)}; throughput per engineer ${changePhrase(e.mergedPrsPerEngineerWeek, l.mergedPrsPerEngineerWeek)}`;
      const notes = [
        periodNote(w),
        `Merged PRs per engineer-week: ${dec2(e.mergedPrsPerEngineerWeek)} → ${dec2(l.mergedPrsPerEngineerWeek)}; quality-weighted (without reverted, hotfix and incident-linked PRs): ${dec2(e.qualityWeightedPerEngineerWeek)} → ${dec2(l.qualityWeightedPerEngineerWeek)}.`,
        `Merged PRs a month: ${count(e.perMonth.mergedPrs)} → ${count(l.perMonth.mergedPrs)}.`,
      ];
      const raw = relative(e.mergedPrsPerEngineerWeek, l.mergedPrsPerEngineerWeek);
      const quality = relative(e.qualityWeightedPerEngineerWeek, l.qualityWeightedPerEngineerWeek);
      if (raw !== null && quality !== null && raw - quality > 0.05) {
        notes.push(`Quality-weighted throughput grew ${Math.round(100 * (raw - quality))} points less than raw throughput: part of the extra output is being spent on rework.`);
      }
      return { title, notes };
    }
    case 'incidents-cfr':
      return {
        title: `${fromTo('Incidents per 100 merged PRs', e.incidentsPer100Prs, l.incidentsPer100Prs, dec1, 0.1)}; change failure rate ${shortFromTo(e.changeFailureRate, l.changeFailureRate, pct1, 0.002)}`,
        notes: [
          periodNote(w),
          `Incidents a month: ${count(e.perMonth.incidents)} → ${count(l.perMonth.incidents)}; change failure rate ${pct1(e.changeFailureRate)} → ${pct1(l.changeFailureRate)}.`,
          `Median time to restore (mean of the months' medians): ${dec1(e.restoreHoursMedian)} h → ${dec1(l.restoreHoursMedian)} h.`,
        ],
      };
    case 'quality-rates':
      return {
        title: `${fromTo('Bugs per 100 merged PRs', e.bugsPer100Prs, l.bugsPer100Prs, dec1, 0.1)} as AI share reached ${pct0(l.aiShare)}`,
        notes: [
          periodNote(w),
          `Bugs per 100 merged PRs ${dec1(e.bugsPer100Prs)} → ${dec1(l.bugsPer100Prs)}; incidents per 100 merged PRs ${dec1(e.incidentsPer100Prs)} → ${dec1(l.incidentsPer100Prs)}; AI share ${pct0(e.aiShare)} → ${pct0(l.aiShare)}.`,
          'Moving together is not proof of cause: the statistics slide separates AI share from team and month effects.',
        ],
      };
    case 'review-load':
      return {
        title: `${fromTo('Review hours per reviewer', e.reviewHoursPerReviewer, l.reviewHoursPerReviewer, dec1, 0.2)}; seniors do ${pct0(l.seniorShareAi)} of the reviews on AI-assisted PRs`,
        notes: [periodNote(w), `Senior share of reviews on AI-assisted PRs: ${pct0(e.seniorShareAi)} → ${pct0(l.seniorShareAi)}.`],
      };
    case 'tickets-nps':
      return {
        title: `Support tickets ${movedBy(e.perMonth.tickets, l.perMonth.tickets)} to ${count(l.perMonth.tickets)} a month; NPS ${shortFromTo(e.nps, l.nps, whole, 1.5)}`,
        notes: [
          periodNote(w),
          `Tickets a month ${count(e.perMonth.tickets)} → ${count(l.perMonth.tickets)}; NPS ${whole(e.nps)} (n = ${count(e.npsResponses)}) → ${whole(l.nps)} (n = ${count(l.npsResponses)}).`,
        ],
      };
  }
}

function shortFromTo(a: number | null, b: number | null, fmt: Fmt, tolerance: number): string {
  const dir = direction(a, b, tolerance);
  return dir === 'held steady' ? `held at ${fmt(b)}` : `${dir} from ${fmt(a)} to ${fmt(b)}`;
}

function relative(a: number | null, b: number | null): number | null {
  return a === null || b === null || a === 0 ? null : (b - a) / a;
}

export const outcomeNames: Record<EffectOutcome, string> = { incidents: 'incidents', bugs: 'bugs', reverts: 'reverts', change_failures: 'change failures' };

const interval = (ci: [number, number] | null) => (ci ? `${times(ci[0])}–${times(ci[1])}` : 'no interval');

/** The statistics in one honest line: an effect is claimed only when its 90% interval excludes 1. */
export function effectsTakeaway(effects: readonly EffectEstimate[]): Takeaway {
  const estimated = effects.filter((e) => e.estimate !== null && e.ci90 !== null && e.status !== 'insufficient');
  const clear = estimated.filter((e) => e.ci90![0] > 1 || e.ci90![1] < 1);
  const teams = Math.max(0, ...effects.map((e) => e.teams));
  const notes = effects.map((e) => {
    const own = e.estimate === null ? 'no estimate (not enough data)' : `${times(e.estimate)} (90%: ${interval(e.ci90)})`;
    const post = e.posterior ? `; with the published prior ${times(e.posterior.estimate)} (90%: ${interval(e.posterior.ci90)}), ${Math.round(100 * e.posterior.dataWeight)}% of it from our data` : '';
    return `${capitalise(outcomeNames[e.outcome])} per merged PR at 100% vs 0% AI share: ${own}${post}.`;
  });
  notes.push('A rate ratio of ×1.00 means no difference; the interval is a 90% team-bootstrap interval.');
  if (clear.length > 0) {
    const parts = clear.slice(0, 2).map((e) => `${outcomeNames[e.outcome]} ${e.estimate! > 1 ? 'rise' : 'fall'} ${times(e.estimate)} (90%: ${interval(e.ci90)})`);
    return { title: `At full AI use our data show ${parts.join(' and ')} per merged PR`, notes };
  }
  const incidents = effects.find((e) => e.outcome === 'incidents');
  const combined = incidents?.posterior ? ` (with published research: incidents ${times(incidents.posterior.estimate)}, 90% ${interval(incidents.posterior.ci90)})` : '';
  return { title: `${teams > 0 ? `${teams} teams' data` : 'Our data'} cannot yet tell AI's effect on quality from noise${combined}`, notes };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Q4 2027" from "2027Q4". */
export function quarterName(period: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  return m ? `Q${m[2]} ${m[1]}` : period;
}

/** What a scenario changes, in a few words. */
export function describeLevers(levers: ScenarioLevers, overrides = 0): string {
  const parts: string[] = [];
  if (levers.capAi) parts.push(`AI share capped at ${percent(levers.capAi.share)}${levers.capAi.teams?.length ? ` (${levers.capAi.teams.join(', ')})` : ''}`);
  if (levers.refactor) parts.push(`every ${ordinal(levers.refactor.everyNthSprint)} sprint ${percent(levers.refactor.capacity)} refactoring`);
  if (levers.tieredReview) parts.push(`senior review above ${percent(levers.tieredReview.aboveShare)} AI`);
  if (levers.aiFreeRepos?.length) parts.push(`AI-free: ${levers.aiFreeRepos.join(', ')}`);
  if (parts.length === 0) parts.push('no levers');
  if (overrides > 0) parts.push(`${overrides} assumption${overrides === 1 ? '' : 's'} changed`);
  return parts.join('; ');
}

function ordinal(n: number): string {
  if (n === 1) return '';
  const suffix = n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Metric formats of the scenario table (levels and signed differences). */
export function scenarioFormat(key: ScenarioMetricKey, delta: boolean): Fmt {
  const base: Fmt =
    key === 'changeFailureRate' || key === 'aiShare' || key === 'refactorShare'
      ? (v) => (delta ? `${decimal(v === null ? null : 100 * v, 1)} pp` : percent(v, 1))
      : key === 'cost'
        ? money
        : key === 'nps' || key === 'timeToRestoreHours'
          ? dec1
          : count;
  return delta ? (v) => signed(v, (x) => base(x).replace(/^−/, '')) : base;
}

/** ["−14", "−23 to −5"]: the median and the 5–95% band, for a table cell's two lines. */
export function bandParts(key: ScenarioMetricKey, band: Band, delta: boolean): [string, string] {
  const f = scenarioFormat(key, delta);
  return [f(band.p50), `${f(band.p5)} to ${f(band.p95)}`];
}

/** "−14 (−23 to −5)": median and the 5–95% band. */
export function bandText(key: ScenarioMetricKey, band: Band, delta: boolean): string {
  const f = scenarioFormat(key, delta);
  return `${f(band.p50)} (${f(band.p5)} to ${f(band.p95)})`;
}

export const scenarioBetter: Partial<Record<ScenarioMetricKey, 'higher' | 'lower'>> = {
  mergedPrs: 'higher',
  qualityWeightedThroughput: 'higher',
  incidents: 'lower',
  changeFailureRate: 'lower',
  bugs: 'lower',
  tickets: 'lower',
  nps: 'higher',
  cost: 'lower',
  seniorReviewHours: 'lower',
};

/** better / worse when the whole 90% band is on one side of zero, else uncertain. */
export function verdict(key: ScenarioMetricKey, band: Band): 'better' | 'worse' | 'uncertain' {
  const better = scenarioBetter[key];
  const eps = 1e-9;
  if (!better || (band.p5 <= eps && band.p95 >= -eps)) return 'uncertain';
  const up = band.p5 > eps;
  return (up && better === 'higher') || (!up && better === 'lower') ? 'better' : 'worse';
}

export function scenarioTakeaway(saved: readonly SavedScenario[], comparison: ScenarioComparison): Takeaway {
  const lastIndex = comparison.baseline.quarters.length - 1;
  const quarter = comparison.baseline.quarters[lastIndex]?.period ?? '';
  const rows = comparison.scenarios.map((s) => ({ name: s.name, q: s.result.delta.quarters[lastIndex]?.metrics }));
  const ranked = rows.filter((r) => r.q).sort((a, b) => a.q!.incidents.p50 - b.q!.incidents.p50);
  const best = ranked[0];
  const notes = rows.map((r) => {
    const lever = describeLevers(saved.find((s) => s.name === r.name)?.levers ?? {});
    return r.q
      ? `"${r.name}" (${lever}) in ${quarterName(quarter)}: incidents ${bandText('incidents', r.q.incidents, true)}, merged PRs ${bandText('mergedPrs', r.q.mergedPrs, true)}, cost ${bandText('cost', r.q.cost, true)}.`
      : `"${r.name}": no result for ${quarterName(quarter)}.`;
  });
  notes.push('Bands are the 5th to 95th percentile of the simulated futures; baseline and scenarios share the same random draws, so differences are the policy, not noise.');
  if (!best?.q) return { title: 'Scenario comparison', notes };
  const inc = best.q.incidents;
  const prs = best.q.mergedPrs;
  const cost = `${signed(prs.p50, (x) => count(x))} merged PRs`;
  if (inc.p95 < 0) {
    return { title: `"${best.name}" cuts incidents by ${count(-inc.p50)} in ${quarterName(quarter)} (90%: ${count(-inc.p95)} to ${count(-inc.p5)}), at ${cost}`, notes };
  }
  return { title: `No scenario cuts incidents beyond the noise by ${quarterName(quarter)}; "${best.name}" comes closest (${signed(inc.p50, (x) => count(x))})`, notes };
}

/** Headline cards: the last three complete months against a year before (or the three months before). */
export interface HeadlineCard {
  label: string;
  value: string;
  change: string;
  tone: 'better' | 'worse' | 'neutral';
}

export function headlineCards(w: Windows): { cards: HeadlineCard[]; compared: string; current: string; title: string; notes: string[] } {
  const now = pool(w.late);
  const base = w.yearAgo ?? w.previous;
  const then = pool(base);
  const compared = monthsLabel(base.map((r) => r.period));
  const current = monthsLabel(w.late.map((r) => r.period));
  const card = (label: string, a: number | null, b: number | null, fmt: Fmt, change: 'relative' | 'points' | 'score', better: 'higher' | 'lower' | null): HeadlineCard => {
    let text = 'no comparison';
    let diff: number | null = null;
    if (a !== null && b !== null) {
      if (change === 'relative') {
        diff = a === 0 ? null : (b - a) / a;
        text = diff === null ? 'new' : `${signed(diff * 100, (x) => x.toFixed(0))}%`;
      } else if (change === 'points') {
        diff = b - a;
        text = `${signed(diff * 100, (x) => x.toFixed(1))} pp`;
      } else {
        diff = b - a;
        text = signed(diff, (x) => x.toFixed(0));
      }
    }
    const small = diff === null || Math.abs(diff) < (change === 'relative' ? 0.03 : change === 'points' ? 0.005 : 2);
    const tone = better === null || small ? 'neutral' : (diff! > 0) === (better === 'higher') ? 'better' : 'worse';
    return { label, value: fmt(b), change: `${text} vs ${compared}`, tone };
  };
  const cards = [
    card('Merged PRs a month', then.perMonth.mergedPrs, now.perMonth.mergedPrs, count, 'relative', 'higher'),
    card('AI share of new code', then.aiShare, now.aiShare, pct0, 'points', null),
    card('Incidents per 100 PRs', then.incidentsPer100Prs, now.incidentsPer100Prs, dec1, 'relative', 'lower'),
    card('Change failure rate', then.changeFailureRate, now.changeFailureRate, pct1, 'points', 'lower'),
    card('Support tickets a month', then.perMonth.tickets, now.perMonth.tickets, count, 'relative', 'lower'),
    card('Net Promoter Score', then.nps, now.nps, whole, 'score', 'higher'),
  ];
  const title = `AI writes ${pct0(now.aiShare)} of new code; incidents per PR ${changePhrase(then.incidentsPer100Prs, now.incidentsPer100Prs)} and NPS ${npsPhrase(then.nps, now.nps)} since ${compared}`;
  const notes = [
    `Headline numbers pool ${current} (the last three complete months) and compare them with ${compared}${w.yearAgo ? ', a year earlier, so seasonality cancels out' : ''}.`,
    ...cards.map((c) => `${c.label}: ${c.value} (${c.change}).`),
    describePooled(then, now),
  ];
  return { cards, compared, current, title, notes };
}

function changePhrase(a: number | null, b: number | null): string {
  const moved = movedBy(a, b);
  return moved === 'held steady' ? 'held steady' : moved.replace('rose', 'up').replace('fell', 'down');
}

function npsPhrase(a: number | null, b: number | null): string {
  if (a === null || b === null) return 'is not measured';
  const d = Math.round(b - a);
  if (Math.abs(d) < 2) return 'held steady';
  return `${d > 0 ? 'gained' : 'lost'} ${Math.abs(d)} points`;
}

function describePooled(then: Pooled, now: Pooled): string {
  return `NPS responses behind the comparison: ${count(then.npsResponses)} then, ${count(now.npsResponses)} now (small samples move NPS by several points).`;
}
