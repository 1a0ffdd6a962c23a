/**
 * generateDemoOrg: the whole synthetic org from one seed, deterministic down to the byte. Stages run
 * in causal order — people and AI adoption, PRs, deployments, then the outcomes that respond to the
 * realised AI share (incidents, hotfixes, reverts, bugs), then wording, customers and Copilot usage.
 * Each stage draws from its own named stream, so changing one never shifts another's numbers.
 */
import { Rng } from '../../stats/random';
import type { DemoOrg, DemoTeamMonthTruth } from '../model';
import { TEAM_SPECS, buildAccounts, buildPeople, buildRepos, buildServices, buildTeams, DEMO_BOTS } from '../org';
import { PERIOD_MONTHS, monthLabel, monthStartMs } from '../period';
import { DEMO_SEED } from '../truth';
import { generatePullRequests, personTraits, targetSharesFor } from './activity';
import { compareStrings, type GenerationContext, type PersonTraits } from './context';
import { generateCopilotUsage } from './copilot';
import { generateNps, generateTickets } from './customers';
import { assignDeploymentIds, generateReleaseTrains } from './deployments';
import { assignNumbers, countDevelopmentPrs, toPullRequest, wordPullRequests } from './finalize';
import { generateJira, toIssue } from './jira';
import { generateHotfixes, generateIncidents, generateReverts, teamMonths, type OutcomeDraw } from './outcomes';

export type ProgressFn = (fraction: number, label: string) => void;

export function generateDemoOrg(seed: number = DEMO_SEED, onProgress: ProgressFn = () => undefined): DemoOrg {
  const rng = new Rng(`undertow-demo/${seed}`);
  onProgress(0, 'Hiring the demo org');
  const teams = buildTeams();
  const services = buildServices();
  const repos = buildRepos(rng.fork('repos'));
  const people = buildPeople(rng.fork('people'));
  const accounts = buildAccounts(rng.fork('accounts'));
  const traits = new Map<string, PersonTraits>(people.map((p) => [p.login, personTraits(rng, p)]));
  const targetShares = new Map(TEAM_SPECS.map((t) => [t.id, targetSharesFor(t, rng.fork(`targets/${t.id}`))]));
  const ctx: GenerationContext = {
    rng,
    teams: TEAM_SPECS,
    people,
    peopleByTeam: new Map(TEAM_SPECS.map((t) => [t.id, people.filter((p) => p.teamId === t.id)])),
    repos,
    reposByTeam: new Map(TEAM_SPECS.map((t) => [t.id, repos.filter((r) => r.teamId === t.id)])),
    traits,
    targetShares,
  };

  onProgress(0.05, 'Opening pull requests');
  const prs = generatePullRequests(ctx);
  const trains = generateReleaseTrains(rng.fork('release-trains'), repos, prs);
  const months = teamMonths(prs);

  onProgress(0.25, 'Paging on-call');
  const incidentResult = generateIncidents(rng.fork('incidents'), months, services, repos, accounts);
  const hotfixes = generateHotfixes(ctx, rng.fork('hotfixes'), incidentResult);
  const reverts = generateReverts(ctx, rng.fork('reverts'), months);
  const allPrs = [...prs, ...hotfixes.prs, ...reverts.prs];
  assignNumbers(rng.fork('numbers'), allPrs);

  onProgress(0.35, 'Filing Jira issues');
  const jira = generateJira(ctx, rng.fork('jira'), months, allPrs);
  wordPullRequests(rng.fork('wording'), allPrs);
  countDevelopmentPrs(jira.issues, allPrs);

  onProgress(0.45, 'Hearing from customers');
  const tickets = generateTickets(rng.fork('tickets'), accounts, incidentResult.incidents, services, jira.customerReportedBugs);
  const npsResponses = generateNps(rng.fork('nps'), accounts, incidentResult.incidents);
  const copilotUsage = generateCopilotUsage(rng.fork('copilot'), people, allPrs, targetShares);
  const deployments = assignDeploymentIds([...trains, ...hotfixes.deployments, ...reverts.deployments]);

  const truthMonths: DemoTeamMonthTruth[] = [];
  for (const team of TEAM_SPECS) {
    const draw = (map: ReadonlyMap<string, OutcomeDraw[]>, t: number): OutcomeDraw => map.get(team.id)![t]!;
    for (let t = 0; t < PERIOD_MONTHS; t++) {
      const month = months.get(team.id)![t]!;
      const lo = monthStartMs(t);
      const hi = monthStartMs(t + 1);
      const engineers = ctx.peopleByTeam.get(team.id)!.reduce((sum, p) => sum + Math.max(0, Math.min(hi, p.endMs) - Math.max(lo, p.startMs)) / (hi - lo), 0);
      truthMonths.push({
        teamId: team.id,
        month: monthLabel(t),
        monthIndex: t,
        engineers: Math.round(engineers * 100) / 100,
        targetAiShare: targetShares.get(team.id)![t]!,
        trueAiShare: month.share,
        mergedPrs: month.merged,
        expectedIncidents: draw(incidentResult.draws, t).expected,
        incidents: draw(incidentResult.draws, t).count,
        expectedBugs: draw(jira.bugDraws, t).expected,
        bugs: draw(jira.bugDraws, t).count,
        expectedReverts: draw(reverts.draws, t).expected,
        reverts: draw(reverts.draws, t).count,
      });
    }
  }

  const pullRequests = allPrs.map(toPullRequest).sort((a, b) => compareStrings(a.repo, b.repo) || a.number - b.number);
  onProgress(0.5, 'Demo org generated');
  return {
    seed,
    teams,
    people,
    bots: [...DEMO_BOTS],
    repos,
    services,
    accounts,
    pullRequests,
    deployments,
    issues: jira.issues.map(toIssue),
    incidents: incidentResult.incidents,
    tickets,
    npsResponses,
    copilotUsage,
    truth: { teamMonths: truthMonths },
  };
}
