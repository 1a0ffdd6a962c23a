/**
 * Calibration of the scenario model from a workspace: the recent level of every team (last 3
 * complete months), rates per merged PR (last 12, shrunk towards the org's rate), the fitted AI
 * effects (or the published priors when the workspace cannot support a fit), and the customer
 * links (tickets per incident, NPS of accounts hit by incidents) where the data allow.
 */
import type { AssumptionInfo, AssumptionKey } from '../../shared/scenarios';
import { lastCompleteMonth } from '../metrics/overview';
import { teamMonthPanel, type TeamMonthRow } from '../metrics/panel';
import { metricBounds, runMetricQuery } from '../metrics/query';
import type { Workspace } from '../workspace/workspace';
import calibrateOrgSql from './calibrate-org.sql';
import calibrateTeamsSql from './calibrate-teams.sql';
import { addMonths, OUTCOMES, type Calibration, type EffectParameter, type Outcome, type TeamCalibration } from './model';
import { PUBLISHED_PRIORS, defaultAssumptions } from './priors';

/** What the effect estimator reports per outcome, as the scenario model needs it. */
export interface FittedEffect {
  outcome: Outcome;
  /** Log rate ratio at 100% vs 0% AI share (sum of the lag terms). */
  logRr: number;
  /** Its standard error (from the cluster bootstrap interval). */
  se: number;
  /** Pearson dispersion of the fit. */
  dispersion: number;
  /** False when the estimator warned that the data are too thin for a confident number. */
  reliable: boolean;
  /** Lag 0..2 coefficients, when available (for the lag weights). */
  lagCoefficients?: readonly number[] | undefined;
}

export interface FittedThroughput {
  logRatio: number;
  se: number;
  reliable: boolean;
}

const RECENT_MONTHS = 3;
const RATE_MONTHS = 12;
/** Pseudo-PRs pulling a small team's rate towards the org's (empirical-Bayes style shrinkage). */
const SHRINK_PRS = 200;
const MIN_NPS_GROUP = 30;
const MIN_MONTHS_FOR_TICKET_FIT = 9;

interface TeamSqlRow {
  team: string;
  fte: number;
  seniors: number;
  repos: string[];
  shares: number[];
}

interface Tally {
  n: number;
  promoters: number;
  detractors: number;
}

interface OrgSqlRow {
  months: Array<{ month: string; tickets: number; incidents: number; hit_accounts: number; active_accounts: number; restore_hours: number | null }> | null;
  nps_hit: Tally;
  nps_other: Tally;
  nps_recent: Tally;
  pr_ai_shares: number[] | null;
  pr_ai_line_share: number | null;
}

const nps = (t: Tally) => (t.n > 0 ? (100 * (t.promoters - t.detractors)) / t.n : null);

function lineShare(rows: readonly TeamMonthRow[]): number {
  const lines = rows.reduce((s, r) => s + r.addedLines, 0);
  return lines > 0 ? rows.reduce((s, r) => s + r.aiShare * r.addedLines, 0) / lines : 0;
}

/** Least-squares slope of y over 0..n−1. */
function slope(y: readonly number[]): number {
  const n = y.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  y.forEach((v, i) => {
    sxy += (i - mx) * (v - my);
    sxx += (i - mx) ** 2;
  });
  return sxy / sxx;
}

function effectParameter(outcome: Outcome, fitted: FittedEffect | undefined): EffectParameter {
  if (fitted && fitted.reliable && Number.isFinite(fitted.logRr) && fitted.se > 0) {
    return { logRr: fitted.logRr, sd: fitted.se, source: 'Fitted on this workspace (Poisson, team and month fixed effects, lags 0–2; team-cluster bootstrap)', fromWorkspace: true };
  }
  const prior = PUBLISHED_PRIORS[outcome];
  return { logRr: prior.logRr, sd: prior.sd, source: prior.source, fromWorkspace: false };
}

/** The last complete month of data and the months before it. */
export async function calibrationWindow(ws: Workspace, asOf?: string): Promise<{ lastMonth: string; startMonth: string } | null> {
  const bounds = await metricBounds(ws);
  if (!bounds) return null;
  const dataLast = lastCompleteMonth(bounds.to);
  const lastMonth = asOf && asOf < dataLast ? asOf : dataLast;
  return { lastMonth, startMonth: addMonths(lastMonth, 1) };
}

export async function calibrate(
  ws: Workspace,
  fitted: { effects: readonly FittedEffect[]; throughput?: FittedThroughput | undefined } = { effects: [] },
  /** Calibrate as if the data ended with this month (YYYY-MM): the backtest. */
  asOf?: string,
): Promise<Calibration | null> {
  const window = await calibrationWindow(ws, asOf);
  if (!window) return null;
  const warnings: string[] = [];
  const rateFrom = `${addMonths(window.lastMonth, 1 - RATE_MONTHS)}-01`;
  const recentFrom = `${addMonths(window.lastMonth, 1 - RECENT_MONTHS)}-01`;
  const [y, m] = window.lastMonth.split('-').map(Number) as [number, number];
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const panel = (await teamMonthPanel(ws, { from: rateFrom, to })).filter((r) => r.month <= window.lastMonth);
  const months = [...new Set(panel.map((r) => r.month))].sort();
  if (months.length < RECENT_MONTHS) warnings.push(`Only ${months.length} complete month(s) of data: the starting level of the projection is uncertain.`);

  const effects = Object.fromEntries(OUTCOMES.map((o) => [o, effectParameter(o, fitted.effects.find((e) => e.outcome === o))])) as Record<Outcome, EffectParameter>;
  for (const o of OUTCOMES) if (!effects[o].fromWorkspace) warnings.push(`The ${o === 'changeFailures' ? 'change failure' : o.replace(/s$/, '')} effect uses the published prior (${effects[o].source}): this workspace's data are too thin for its own estimate.`);
  const theta: EffectParameter =
    fitted.throughput && fitted.throughput.reliable
      ? { logRr: fitted.throughput.logRatio, sd: fitted.throughput.se, source: 'Fitted on this workspace (merged PRs, team and month fixed effects)', fromWorkspace: true }
      : { ...PUBLISHED_PRIORS.throughput, fromWorkspace: false };
  const incidentsFit = fitted.effects.find((e) => e.outcome === 'incidents');
  const lags = incidentsFit?.lagCoefficients;
  const lagWeights: [number, number, number] =
    lags && lags.length === 3 && lags.every((b) => b > 0) ? (lags.map((b) => b / lags.reduce((s, x) => s + x, 0)) as [number, number, number]) : [1 / 3, 1 / 3, 1 / 3];

  const bounds = { from: rateFrom, to };
  const teamRows = await runMetricQuery<TeamSqlRow>(ws, calibrateTeamsSql, { bounds, grain: 'month' });
  const [org] = await runMetricQuery<OrgSqlRow>(ws, calibrateOrgSql, { bounds, grain: 'month' }, { recent_from: recentFrom });

  const orgMerged = panel.reduce((s, r) => s + r.mergedPrs, 0);
  const orgRate = Object.fromEntries(OUTCOMES.map((o) => [o, orgMerged > 0 ? panel.reduce((s, r) => s + r[o], 0) / orgMerged : 0])) as Record<Outcome, number>;
  const teams: TeamCalibration[] = [];
  for (const row of teamRows) {
    const rows = panel.filter((r) => r.team === row.team).sort((a, b) => a.month.localeCompare(b.month));
    const recent = rows.slice(-RECENT_MONTHS);
    const mergedPerMonth = recent.length ? recent.reduce((s, r) => s + r.mergedPrs, 0) / recent.length : 0;
    if (mergedPerMonth === 0) continue;
    const merged = rows.reduce((s, r) => s + r.mergedPrs, 0);
    const aiRecent = lineShare(recent);
    // Rates were observed at the window's average lagged AI share, not today's: move them to today's.
    const aiWindow = lineShare(rows);
    const ratePerPr = Object.fromEntries(
      OUTCOMES.map((o) => {
        const shrunk = (rows.reduce((s, r) => s + r[o], 0) + SHRINK_PRS * orgRate[o]) / (merged + SHRINK_PRS);
        return [o, shrunk * Math.exp(effects[o].logRr * (aiRecent - aiWindow))];
      }),
    ) as Record<Outcome, number>;
    const shares = rows.slice(-6).map((r) => r.aiShare);
    teams.push({
      team: row.team,
      fte: row.fte,
      seniors: row.seniors,
      mergedPerMonth,
      aiRecent,
      aiLag1: rows.at(-1)?.aiShare ?? aiRecent,
      aiLag2: rows.at(-2)?.aiShare ?? aiRecent,
      aiSlope: slope(shares),
      ratePerPr,
      repoShares: Object.fromEntries(row.repos.map((r, i) => [r, row.shares[i]!])),
    });
  }
  if (teams.length === 0) warnings.push('No team merged a PR in the last three complete months: there is nothing to project.');

  // Overdispersion: the fit's, else Pearson's X²/(n − teams) of team-month counts around merged × team rate.
  const dispersion = Object.fromEntries(
    OUTCOMES.map((o) => {
      const fromFit = fitted.effects.find((e) => e.outcome === o)?.dispersion;
      if (fromFit !== undefined) return [o, Math.max(1, fromFit)];
      let x2 = 0;
      let n = 0;
      const teamIds = new Set<string>();
      for (const team of new Set(panel.map((r) => r.team))) {
        const rows = panel.filter((r) => r.team === team && r.mergedPrs > 0);
        const merged = rows.reduce((s, r) => s + r.mergedPrs, 0);
        const rate = merged > 0 ? rows.reduce((s, r) => s + r[o], 0) / merged : 0;
        if (rate <= 0) continue;
        teamIds.add(team);
        for (const r of rows) {
          const mu = r.mergedPrs * rate;
          x2 += (r[o] - mu) ** 2 / mu;
          n++;
        }
      }
      return [o, n > teamIds.size ? Math.max(1, x2 / (n - teamIds.size)) : 1];
    }),
  ) as Record<Outcome, number>;
  // Month-to-month swing of the org's merged PRs (SD of log around the window's mean, trend removed).
  const orgByMonth = months.map((month) => panel.filter((r) => r.month === month).reduce((s, r) => s + r.mergedPrs, 0)).filter((n) => n > 0);
  const logs = orgByMonth.map((n) => Math.log(n));
  const trend = slope(logs);
  const detrended = logs.map((v, i) => v - trend * i);
  const centre = detrended.reduce((a, b) => a + b, 0) / Math.max(1, detrended.length);
  const throughputVolatility = detrended.length >= 3 ? Math.sqrt(detrended.reduce((s, v) => s + (v - centre) ** 2, 0) / (detrended.length - 1)) : 0;

  const orgMonths = (org?.months ?? []).filter((x) => x.month <= window.lastMonth);
  const recentOrg = orgMonths.slice(-RECENT_MONTHS);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const ticketsPerMonth = mean(recentOrg.map((x) => x.tickets));
  const incidentsPerMonth = mean(recentOrg.map((x) => x.incidents));
  const hitShares = orgMonths.filter((x) => x.active_accounts > 0).map((x) => x.hit_accounts / x.active_accounts);
  const restoreHours = orgMonths.map((x) => x.restore_hours).filter((h): h is number => h !== null && Number.isFinite(h));

  const assumptions = defaultAssumptions();
  // Tickets per incident: monthly tickets regressed on incidents over the window.
  if (orgMonths.length >= MIN_MONTHS_FOR_TICKET_FIT && ticketsPerMonth > 0) {
    const xs = orgMonths.map((x) => x.incidents);
    const ys = orgMonths.map((x) => x.tickets);
    const mx = mean(xs);
    const my = mean(ys);
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    if (sxx > 0) {
      const b = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / sxx;
      const p = Math.min(1, Math.max(0, (b * mx) / my));
      assumptions.ticketShareFromIncidents = {
        ...assumptions.ticketShareFromIncidents,
        value: Math.round(p * 1000) / 1000,
        source: `Calibrated on this workspace: monthly tickets vs incidents over ${orgMonths.length} months (${b.toFixed(1)} extra tickets per incident)`,
        calibrated: true,
      };
    }
  }
  // NPS sensitivity: NPS of accounts hit by an incident in the 90 days before responding vs others.
  if (org && org.nps_hit.n >= MIN_NPS_GROUP && org.nps_other.n >= MIN_NPS_GROUP) {
    const gap = nps(org.nps_other)! - nps(org.nps_hit)!;
    const value = Math.min(assumptions.npsSensitivity.max, Math.max(0, Math.round(gap * 10) / 10));
    assumptions.npsSensitivity = {
      ...assumptions.npsSensitivity,
      value,
      source: `Calibrated on this workspace: NPS ${nps(org.nps_other)!.toFixed(0)} for other accounts vs ${nps(org.nps_hit)!.toFixed(0)} for accounts hit by an incident in the 90 days before responding (n = ${org.nps_other.n} / ${org.nps_hit.n})`,
      calibrated: true,
    };
  }
  const npsBase = org ? nps(org.nps_recent) : null;
  if (npsBase === null) warnings.push('No NPS responses in the last three months: NPS is projected from 0.');

  const shares = Float64Array.from(org?.pr_ai_shares ?? []);
  return {
    startMonth: window.startMonth,
    teams,
    effects,
    theta,
    lagWeights,
    dispersion,
    throughputVolatility,
    changesPerMergedPr: (() => {
      const changes = panel.reduce((s, r) => s + r.deployments, 0);
      return orgMerged > 0 && changes > 0 ? changes / orgMerged : 1;
    })(),
    ticketsPerMonth,
    incidentsPerMonth,
    npsBase: npsBase ?? 0,
    hitShareBase: hitShares.length ? mean(hitShares) : 0,
    restoreHours: restoreHours.length ? restoreHours : [],
    prAiShares: shares,
    // Rounded: a parallel sum may differ in its last bit between reads (see metrics/panel.ts).
    prAiLineShare: Math.round((org?.pr_ai_line_share ?? 0) * 1e12) / 1e12,
    assumptions: assumptions as Record<AssumptionKey, AssumptionInfo>,
    warnings,
  };
}

