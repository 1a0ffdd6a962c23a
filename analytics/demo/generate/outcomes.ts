/**
 * Downstream outcomes with the planted AI effects (DEMO_TRUTH): incidents on team services, the
 * hotfixes they trigger, and reverts. Counts are drawn per team-month from a gamma–Poisson model with
 * merged PRs as exposure; individual events are then placed after the changes that plausibly caused
 * them, so the §5 linking rules find realistic candidates.
 */
import type { Rng } from '../../stats/random';
import type { DemoAccount, DemoDeployment, DemoIncident, DemoRepo, DemoService } from '../model';
import { TEAM_SPECS, type TeamSpec } from '../org';
import { HOUR_MS, PERIOD_END_MS, PERIOD_MONTHS, monthIndexOf, monthStartMs, toSecond } from '../period';
import { DEMO_TRUTH, laggedShare } from '../truth';
import { createDraft, scheduleLifecycle } from './activity';
import { activeMembers, compareStrings, type GenerationContext, type PrDraft } from './context';
import { deployImmediately } from './deployments';
import { incidentTitle } from './text';

/** A team-month as the outcome model sees it: the PRs merged in it and their true AI line share. */
export interface TeamMonth {
  prs: PrDraft[];
  merged: number;
  additions: number;
  aiLines: number;
  /** True AI line share (every AI line counts, visible or not); 0 when nothing merged. */
  share: number;
}

/** Regular and agent PRs merged per team-month: the exposure and AI share the outcomes respond to. */
export function teamMonths(drafts: readonly PrDraft[]): Map<string, TeamMonth[]> {
  const byTeam = new Map<string, TeamMonth[]>();
  for (const team of TEAM_SPECS) {
    byTeam.set(team.id, Array.from({ length: PERIOD_MONTHS }, () => ({ prs: [], merged: 0, additions: 0, aiLines: 0, share: 0 })));
  }
  for (const pr of drafts) {
    if (pr.mergedMs === null || pr.kind === 'revert' || pr.kind === 'hotfix') continue;
    const month = byTeam.get(pr.teamId)![monthIndexOf(pr.mergedMs)]!;
    month.prs.push(pr);
    month.merged++;
    month.additions += pr.additions;
    month.aiLines += pr.truth.aiLines;
  }
  for (const months of byTeam.values()) for (const m of months) m.share = m.additions > 0 ? m.aiLines / m.additions : 0;
  return byTeam;
}

/**
 * Month effects shared by all teams (what month fixed effects absorb): a slow downward trend in
 * outcome rates plus independent monthly shocks.
 */
export function outcomeMonthEffects(rng: Rng): number[] {
  const { outcomeTrendOverPeriod, outcomeMonthShockSd } = DEMO_TRUTH.seasonality;
  return Array.from({ length: PERIOD_MONTHS }, (_, t) => Math.exp(outcomeTrendOverPeriod * (t / (PERIOD_MONTHS - 1)) + rng.normal(0, outcomeMonthShockSd)));
}

export interface OutcomeDraw {
  expected: number;
  count: number;
}

/** μ = merged · base · month effect · exp(ln(RR) · Σ_l w_l · share_{t−l}); count ~ NegBin(μ, k). */
export function drawOutcome(
  rng: Rng,
  months: readonly TeamMonth[],
  t: number,
  base: number,
  monthEffect: number,
  effect: { rateRatioAt100: number; lagWeights: readonly number[]; dispersionShape: number },
): OutcomeDraw {
  const shares = months.map((m) => m.share);
  const expected = months[t]!.merged * base * monthEffect * Math.exp(Math.log(effect.rateRatioAt100) * laggedShare(shares, t, effect.lagWeights));
  return { expected, count: rng.negativeBinomial(expected, effect.dispersionShape) };
}

/** Month index 8 = 2025-07: the PagerDuty account started using priorities. */
const PRIORITIES_FROM_MS = monthStartMs(8);
/** Month index 5 = 2025-04: older incidents in the export carry only last_status_change_at. */
const RESOLVED_AT_FROM_MS = monthStartMs(5);
const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function incidentId(rng: Rng): string {
  let id = 'Q';
  for (let i = 0; i < 13; i++) id += ID_ALPHABET[rng.int(0, ID_ALPHABET.length - 1)];
  return id;
}

/** When an incident fires: mostly hours after a change of the team ships, else any time in the month. */
function incidentMoment(rng: Rng, month: TeamMonth, t: number): { at: number; cause: PrDraft | null } {
  const lo = monthStartMs(t);
  const hi = Math.min(monthStartMs(t + 1), PERIOD_END_MS);
  if (month.prs.length > 0 && rng.bernoulli(0.8)) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const cause = rng.pick(month.prs);
      const anchor = cause.deployedMs ?? cause.mergedMs!;
      const at = toSecond(anchor + rng.exponential(cause.deployedMs !== null ? 10 * HOUR_MS : 16 * HOUR_MS));
      if (at >= lo && at < hi) return { at, cause };
    }
  }
  return { at: toSecond(lo + rng.uniform() * (hi - lo)), cause: null };
}

function buildIncident(rng: Rng, team: TeamSpec, services: readonly DemoService[], repos: readonly DemoRepo[], accounts: readonly DemoAccount[], at: number, cause: PrDraft | null): DemoIncident {
  const teamServices = services.filter((s) => s.teamId === team.id);
  const causeService = cause ? repos.find((r) => r.repo === cause.repo)?.serviceId ?? null : null;
  const service = teamServices.find((s) => s.id === causeService) ?? rng.pick(teamServices);
  const urgency: DemoIncident['urgency'] = rng.bernoulli(0.55) ? 'high' : 'low';
  const hasPriorityField = at >= PRIORITIES_FROM_MS;
  let priority: string | null = null;
  if (hasPriorityField && rng.bernoulli(0.85)) {
    priority = urgency === 'high' ? rng.weighted(['P1', 'P2', 'P3'], [0.15, 0.45, 0.4]) : rng.weighted(['P3', 'P4', 'P5'], [0.2, 0.5, 0.3]);
  }
  const resolveHours = rng.lognormalMedian(urgency === 'high' ? 1.2 : 7, 1.1);
  const resolvedMs = toSecond(at + resolveHours * HOUR_MS);
  const stillOpen = resolvedMs >= PERIOD_END_MS;
  const acknowledged = stillOpen && rng.bernoulli(0.7);
  const ackMs = toSecond(Math.min(PERIOD_END_MS - 1000, at + rng.int(2, 15) * 60_000));
  const hits = rng.poisson(urgency === 'high' ? 14 : 2);
  return {
    id: incidentId(rng),
    number: 0,
    title: incidentTitle(rng, service.name, urgency),
    serviceId: service.id,
    teamId: team.id,
    urgency,
    priority,
    hasPriorityField,
    status: stillOpen ? (acknowledged ? 'acknowledged' : 'triggered') : 'resolved',
    createdMs: at,
    resolvedMs: stillOpen ? null : resolvedMs,
    lastStatusChangeMs: stillOpen ? (acknowledged ? ackMs : at) : resolvedMs,
    omitResolvedAt: at < RESOLVED_AT_FROM_MS,
    hitAccounts: rng.sample(accounts, hits).map((a) => a.name).sort(compareStrings),
  };
}

export interface IncidentResult {
  incidents: DemoIncident[];
  draws: Map<string, OutcomeDraw[]>;
  /** The PR each change-induced incident followed (ground truth, for hotfix placement). */
  causes: Map<DemoIncident, PrDraft | null>;
}

export function generateIncidents(
  rng: Rng,
  months: ReadonlyMap<string, readonly TeamMonth[]>,
  services: readonly DemoService[],
  repos: readonly DemoRepo[],
  accounts: readonly DemoAccount[],
): IncidentResult {
  const effects = outcomeMonthEffects(rng.fork('month-effects'));
  const incidents: DemoIncident[] = [];
  const draws = new Map<string, OutcomeDraw[]>();
  const causes = new Map<DemoIncident, PrDraft | null>();
  for (const team of TEAM_SPECS) {
    const teamRng = rng.fork(team.id);
    const teamMonthList = months.get(team.id)!;
    const teamDraws: OutcomeDraw[] = [];
    for (let t = 0; t < PERIOD_MONTHS; t++) {
      const draw = drawOutcome(teamRng, teamMonthList, t, team.baseIncidentsPerPr, effects[t]!, DEMO_TRUTH.incidents);
      teamDraws.push(draw);
      for (let k = 0; k < draw.count; k++) {
        const { at, cause } = incidentMoment(teamRng, teamMonthList[t]!, t);
        const incident = buildIncident(teamRng, team, services, repos, accounts, at, cause);
        incidents.push(incident);
        causes.set(incident, cause);
      }
    }
    draws.set(team.id, teamDraws);
  }
  incidents.sort((a, b) => a.createdMs - b.createdMs || compareStrings(a.id, b.id));
  incidents.forEach((incident, i) => (incident.number = 2101 + i));
  return { incidents, draws, causes };
}

/** Small human PR: one or two commits, no AI. */
function smallHumanDraft(ctx: GenerationContext, rng: Rng, team: TeamSpec, owner: PrDraft['owner'], repo: string, createdMs: number, kind: 'hotfix' | 'revert', topic: string, additions: number, deletions: number): PrDraft {
  const commits = kind === 'revert' ? 1 : rng.int(1, 2);
  return createDraft(ctx, rng, {
    team, owner, repo, createdMs, kind, topic, additions, deletions, plannedAiShare: 0,
    plans: Array.from({ length: commits }, () => ({ mode: 'none' as const, tool: null, marked: false })),
    bot: null, agentTool: null, labels: kind === 'hotfix' ? ['hotfix'] : [],
  });
}

/** Hotfix PRs within hours of an incident, shipped immediately. */
export function generateHotfixes(ctx: GenerationContext, rng: Rng, result: IncidentResult): { prs: PrDraft[]; deployments: DemoDeployment[] } {
  const prs: PrDraft[] = [];
  const deployments: DemoDeployment[] = [];
  for (const incident of result.incidents) {
    const chance = incident.urgency === 'high' ? DEMO_TRUTH.hotfixes.perHighUrgencyIncident : DEMO_TRUTH.hotfixes.perLowUrgencyIncident;
    if (!rng.bernoulli(chance)) continue;
    const team = TEAM_SPECS.find((t) => t.id === incident.teamId)!;
    const createdMs = toSecond(incident.createdMs + rng.lognormalMedian(2, 0.8) * HOUR_MS);
    const members = activeMembers(ctx, team.id, createdMs);
    if (createdMs >= PERIOD_END_MS || members.length === 0) continue;
    const cause = result.causes.get(incident) ?? null;
    const teamRepos = ctx.reposByTeam.get(team.id)!;
    const repo = cause ? cause.repo : rng.pick(teamRepos.filter((r) => r.hasDeployments).length > 0 ? teamRepos.filter((r) => r.hasDeployments) : teamRepos).repo;
    const additions = Math.max(1, Math.round(rng.lognormalMedian(15, 0.8)));
    const pr = smallHumanDraft(ctx, rng, team, rng.pick(members), repo, createdMs, 'hotfix', cause?.topic ?? rng.pick(team.topics), additions, Math.round(additions * rng.between(0.2, 1)));
    pr.incident = incident;
    scheduleLifecycle(ctx, rng, pr, { closeProbability: 0.03, fast: true, reviewMedianHours: team.reviewMedianHours });
    deployments.push(...deployImmediately(rng, ctx.repos.find((r) => r.repo === repo)!, pr));
    prs.push(pr);
  }
  return { prs, deployments };
}

/**
 * Reverts: drawn per team-month (×1.40 at 100% AI share, lag 0 only); the reverted PRs are picked
 * with weight exp(ln(1.4) · their own AI share), so AI-heavy PRs are reverted more within a team too.
 */
export function generateReverts(ctx: GenerationContext, rng: Rng, months: ReadonlyMap<string, readonly TeamMonth[]>): { prs: PrDraft[]; deployments: DemoDeployment[]; draws: Map<string, OutcomeDraw[]> } {
  const effects = outcomeMonthEffects(rng.fork('month-effects'));
  const prs: PrDraft[] = [];
  const deployments: DemoDeployment[] = [];
  const draws = new Map<string, OutcomeDraw[]>();
  const logRatio = Math.log(DEMO_TRUTH.reverts.rateRatioAt100);
  for (const team of TEAM_SPECS) {
    const teamRng = rng.fork(team.id);
    const teamMonthList = months.get(team.id)!;
    const teamDraws: OutcomeDraw[] = [];
    for (let t = 0; t < PERIOD_MONTHS; t++) {
      const draw = drawOutcome(teamRng, teamMonthList, t, team.baseRevertsPerPr, effects[t]!, DEMO_TRUTH.reverts);
      const candidates = teamMonthList[t]!.prs.slice();
      let made = 0;
      for (let k = 0; k < draw.count && candidates.length > 0; k++) {
        const index = teamRng.weightedIndex(candidates.map((c) => Math.exp(logRatio * (c.additions > 0 ? c.truth.aiLines / c.additions : 0))));
        const target = candidates.splice(index, 1)[0]!;
        const createdMs = toSecond(target.mergedMs! + teamRng.lognormalMedian(18, 1.0) * HOUR_MS);
        const members = activeMembers(ctx, team.id, createdMs);
        if (createdMs >= PERIOD_END_MS || members.length === 0) continue;
        const owner = members.includes(target.owner) && teamRng.bernoulli(0.6) ? target.owner : teamRng.pick(members);
        const pr = smallHumanDraft(ctx, teamRng, team, owner, target.repo, createdMs, 'revert', target.topic, target.deletions, target.additions);
        pr.revertOf = target;
        scheduleLifecycle(ctx, teamRng, pr, { closeProbability: 0.02, fast: true, reviewMedianHours: team.reviewMedianHours });
        deployments.push(...deployImmediately(teamRng, ctx.repos.find((r) => r.repo === target.repo)!, pr));
        prs.push(pr);
        made++;
      }
      teamDraws.push({ expected: draw.expected, count: made });
    }
    draws.set(team.id, teamDraws);
  }
  return { prs, deployments, draws };
}
