/**
 * Effect estimates and data coverage in plain words (docs/methods.md): a confident sentence only for
 * an estimate with enough data, an honest "cannot tell" for thin data, and no number at all when the
 * data are insufficient. Pure.
 */
import type { Coverage, EffectEstimate, EffectOutcome, Interval90 } from '../../../shared/domain';
import { formatCount, formatShare } from './format';

export const outcomeLabel: Record<EffectOutcome, string> = {
  incidents: 'Incidents',
  bugs: 'Bugs',
  reverts: 'Reverts',
  change_failures: 'Change failures',
};

/** "incidents", "change failures": for the middle of a sentence. */
export const outcomeNoun: Record<EffectOutcome, string> = {
  incidents: 'incidents',
  bugs: 'bugs',
  reverts: 'reverts',
  change_failures: 'change failures',
};

/** A rate ratio with two significant digits: 1.2345 → "1.2", 0.4849 → "0.48", 0.0835 → "0.084", 123 → "123". */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 100) return String(Math.round(value));
  return value.toPrecision(2);
}

/** A p-value as written in a sentence: "p = 0.004", "p < 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : p < 0.01 ? `p = ${p.toFixed(3)}` : `p = ${p.toFixed(2)}`;
}

/** "1.3x (1.1–1.5)". */
export function formatRatioInterval(value: number, ci: Interval90 | null): string {
  return ci ? `${formatRatio(value)}x (${formatRatio(ci[0])}–${formatRatio(ci[1])})` : `${formatRatio(value)}x`;
}

export type EffectTone = 'harm' | 'benefit' | 'unclear' | 'none';

export interface EffectStatement {
  outcome: EffectOutcome;
  status: EffectEstimate['status'];
  /** The plain-words sentence shown first. */
  sentence: string;
  /** What an honest reader should add (too wide, too few teams, …), or null. */
  caveat: string | null;
  /** With priors: what the published figure and this data say together, or null. */
  posterior: string | null;
  tone: EffectTone;
}

/** Which way the 90% interval points: both ends above 1 (more per PR), both below, or it spans 1. */
export function intervalDirection(ci: Interval90 | null): EffectTone {
  if (!ci) return 'none';
  if (ci[0] > 1) return 'harm';
  if (ci[1] < 1) return 'benefit';
  return 'unclear';
}

/**
 * One outcome's estimate in words. `ok`: "Incidents per PR are 1.3x (1.1–1.5) at 100% AI share than
 * at 0%." `thin`: the same numbers, said to be uncertain, with the first warning. `insufficient`: no
 * number, the reason instead.
 */
export function effectStatement(e: EffectEstimate): EffectStatement {
  const label = outcomeLabel[e.outcome];
  const noun = outcomeNoun[e.outcome];
  const posterior =
    e.prior && e.posterior
      ? `With the published prior (${formatRatio(e.prior.rateRatio)}x, ${shortSource(e.prior.source)}): ${formatRatioInterval(e.posterior.estimate, e.posterior.ci90)}; your data carry ${formatShare(e.posterior.dataWeight, 0)} of the weight.`
      : null;
  if (e.status === 'insufficient' || e.estimate === null) {
    return {
      outcome: e.outcome,
      status: 'insufficient',
      sentence: `Not enough data to estimate how AI share moves ${noun} per PR.`,
      caveat: e.warnings[0] ?? null,
      posterior: e.prior ? `Until there is, the published prior says ${formatRatio(e.prior.rateRatio)}x (${shortSource(e.prior.source)}).` : null,
      tone: 'none',
    };
  }
  const numbers = formatRatioInterval(e.estimate, e.ci90);
  const tone = intervalDirection(e.ci90);
  if (e.status === 'thin') {
    return {
      outcome: e.outcome,
      status: 'thin',
      sentence: `${label} per PR: ${numbers} at 100% AI share vs 0%, an uncertain estimate.`,
      caveat: e.warnings[0] ?? 'The data behind this estimate are thin.',
      posterior,
      tone: tone === 'none' ? 'unclear' : tone,
    };
  }
  return {
    outcome: e.outcome,
    status: 'ok',
    sentence: `${label} per PR are ${numbers} at 100% AI share than at 0%.`,
    caveat: tone === 'unclear' ? `The 90% interval includes 1x: the data cannot tell a rise from a fall.` : null,
    posterior,
    tone,
  };
}

/** "Cortex, Engineering in the Age of AI: 2026 Benchmark Report (+23.5% …)" → "Cortex 2026". */
export function shortSource(source: string): string {
  const publisher = source.split(/[,(:]/)[0]!.trim();
  const year = /\b(20\d{2})\b/.exec(source)?.[1];
  return year ? `${publisher} ${year}` : publisher;
}

export interface CoverageNote {
  level: 'warning' | 'info';
  text: string;
}

/**
 * What the estimates rest on, worst first: little AI evidence, unlinked bugs or incidents, unmapped
 * repos, few teams or months. Always at least the AI-evidence line, so the reader sees the base.
 */
export function coverageNotes(c: Coverage): CoverageNote[] {
  const warnings: CoverageNote[] = [];
  const info: CoverageNote[] = [];
  const pr = c.pullRequests;
  if (pr.merged === 0) return [{ level: 'warning', text: 'No merged pull requests: import a GitHub export to estimate anything.' }];
  const aiShare = pr.mergedWithAiEvidence / pr.merged;
  const conf = pr.byConfidence;
  const evidence = `${formatShare(aiShare, 0)} of merged PRs have AI evidence (${formatCount(conf.high)} high, ${formatCount(conf.medium)} medium, ${formatCount(conf.low)} low confidence).`;
  if (aiShare < 0.05) warnings.push({ level: 'warning', text: `Only ${evidence} Check the AI-attribution rules: without evidence every PR counts as non-AI.` });
  else info.push({ level: 'info', text: evidence });
  const lowShare = pr.withAiEvidence > 0 ? conf.low / pr.withAiEvidence : 0;
  if (lowShare > 0.5) warnings.push({ level: 'warning', text: `${formatShare(lowShare, 0)} of the AI evidence is low confidence (Copilot usage joined on author and day), not a marker on the PR.` });

  if (c.incidents.total === 0) warnings.push({ level: 'warning', text: 'No incidents imported: import a PagerDuty export to estimate incident effects.' });
  else {
    const linked = c.incidents.linked / c.incidents.total;
    const text = `${formatShare(linked, 0)} of incidents are linked to a change (${formatCount(c.incidents.unlinked)} unlinked${unlinkedReasons(c)}).`;
    (linked < 0.5 ? warnings : info).push({ level: linked < 0.5 ? 'warning' : 'info', text });
  }
  if (c.bugs.total === 0) warnings.push({ level: 'warning', text: 'No Jira bugs imported: import a Jira export to estimate bug effects.' });
  else {
    const linked = c.bugs.linkedToPr / c.bugs.total;
    const text = `${formatShare(linked, 0)} of bugs are linked to a PR.`;
    (linked < 0.5 ? warnings : info).push({ level: linked < 0.5 ? 'warning' : 'info', text });
  }
  if (pr.inUnmappedRepos > 0)
    warnings.push({ level: 'warning', text: `${formatCount(pr.inUnmappedRepos)} PRs are in repos the org map gives to no team: they are left out of team metrics and the estimates.` });
  const teams = c.teams.withMergedPrs;
  const months = c.months.withMergedPrs;
  const base = `${formatCount(teams)} teams × ${formatCount(months)} months (${formatCount(c.teamMonths)} team-months).`;
  if (teams < 4 || months < 12) warnings.push({ level: 'warning', text: `Only ${base} Estimates need at least 4 teams and 12 months.` });
  else info.push({ level: 'info', text: `Based on ${base}` });
  return [...warnings, ...info];
}

function unlinkedReasons(c: Coverage): string {
  const i = c.incidents;
  const parts = [
    i.filtered > 0 ? `${formatCount(i.filtered)} filtered by urgency or priority` : null,
    i.noTeam > 0 ? `${formatCount(i.noTeam)} on services of no team` : null,
    i.noCandidate > 0 ? `${formatCount(i.noCandidate)} with no change in the window` : null,
    i.notEvaluated > 0 ? `${formatCount(i.notEvaluated)} not linked yet` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(', ')}` : '';
}
