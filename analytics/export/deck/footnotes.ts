/**
 * The footnote under each chart: the metric's definition (docs/metrics.md, with the workspace's own
 * settings filled in) and the data coverage behind it. The statistics footnote is the estimator's own
 * method text, so it cannot drift from the code.
 */
import type { Coverage, EffectEstimate } from '../../../shared/domain';
import type { DeckChartId } from '../../../shared/export';
import { dayLabel, percent } from './numbers';

export function definition(chart: DeckChartId, context: { windowHours: number; effects: readonly EffectEstimate[] }): string {
  switch (chart) {
    case 'throughput-ai':
      return 'Merged PRs per engineer-week = merged PRs ÷ (engineers in the org map × days ÷ 7); quality-weighted leaves out reverted, hotfix and incident-linked PRs. AI share = AI-attributed added lines ÷ added lines of merged PRs.';
    case 'incidents-cfr':
      return `Incidents by the month they were opened. Change failure rate = production changes followed within ${context.windowHours} h by a linked incident, a revert or a hotfix ÷ all production changes (merged PRs where a repo has no deployments).`;
    case 'quality-rates':
      return 'Incidents and Jira bugs opened in a month per 100 PRs merged in that month; AI share = AI-attributed added lines ÷ added lines of merged PRs.';
    case 'review-load':
      return 'Review hours estimate reading time: changed lines at 400 lines an hour, 15–90 minutes per review (SmartBear/Cisco study); senior share = reviews by senior, staff or principal reviewers.';
    case 'tickets-nps':
      return 'Help-desk tickets by the month they were opened. NPS = % promoters (9–10) − % detractors (0–6) of the month\'s responses, with its 90% interval.';
    case 'effects':
      return context.effects[0]?.method ?? 'Poisson regression with team and month fixed effects and a team bootstrap (docs/methods.md).';
  }
}

export function coverageLine(coverage: Coverage, dataAsOf: string): string {
  const prs = coverage.pullRequests;
  const aiEvidence = prs.merged > 0 ? prs.mergedWithAiEvidence / prs.merged : null;
  const linked = coverage.incidents.total > 0 ? coverage.incidents.linked / coverage.incidents.total : null;
  const bugs = coverage.bugs.total > 0 ? coverage.bugs.linkedToPr / coverage.bugs.total : null;
  return (
    `Coverage: ${percent(aiEvidence)} of ${prs.merged.toLocaleString('en-US')} merged PRs carry AI evidence; ` +
    `${percent(linked)} of incidents and ${percent(bugs)} of bugs are linked to a change; ` +
    `${coverage.teams.withMergedPrs} teams, ${coverage.months.withMergedPrs} months. Data as of ${dayLabel(dataAsOf)}.`
  );
}
