/**
 * Jira: per-team projects with epics, stories and tasks behind most PRs, a backlog, and bugs whose
 * rate carries the planted AI effect (×1.25 at 100% share, lags 0–2). Most bugs are fixed by a later
 * PR that mentions the bug's key in its title, branch, body or a commit message.
 */
import type { Rng } from '../../stats/random';
import type { DemoIssue, JiraIssueType, JiraStatusCategory } from '../model';
import { TEAM_SPECS, type TeamSpec } from '../org';
import { DAY_MS, HOUR_MS, PERIOD_END_MS, PERIOD_MONTHS, PERIOD_START_MS, monthLabel, monthStartMs, toSecond } from '../period';
import { DEMO_TRUTH } from '../truth';
import { activeMembers, compareStrings, workingMoment, type GenerationContext, type IssueLinkPlace, type PrDraft } from './context';
import { drawOutcome, outcomeMonthEffects, type OutcomeDraw, type TeamMonth } from './outcomes';
import { bugDescription, bugSummary, epicSummary, storyDescription, storySummary } from './text';

/** An issue while it is being generated: numbered (key, id) only once every issue exists. */
interface IssueDraft extends DemoIssue {
  seq: number;
  prs: PrDraft[];
  /** When work started (first PR or fix attempt), for the sprint fields. */
  startedMs: number | null;
  /** Stories and tasks: the epic they belong to (its key is known only after numbering). */
  epic: IssueDraft | null;
}

/** Creation sequence: the tie-breaker that keeps key order stable for equal timestamps. */
interface Sequence {
  next: number;
}

const SPRINT_ZERO_MS = Date.UTC(2024, 9, 28); // a Monday: two-week sprints from here
const SPRINT_MS = 14 * DAY_MS;
const FIRST_SPRINT_NUMBER = 31;
const EPIC_MONTHS = 2;

function baseIssue(seq: Sequence, team: TeamSpec, type: JiraIssueType, createdMs: number, reporter: string): IssueDraft {
  return {
    key: '',
    id: 0,
    projectKey: team.jiraKey,
    teamId: team.id,
    type,
    summary: '',
    description: '',
    priority: 'Medium',
    status: 'To Do',
    statusCategory: 'To Do',
    resolution: '',
    createdMs,
    updatedMs: createdMs,
    resolvedMs: null,
    storyPoints: null,
    sprints: [],
    epicKey: null,
    components: [],
    labels: [],
    assignee: null,
    reporter,
    devPrCount: 0,
    devLastUpdatedMs: null,
    seq: seq.next++,
    prs: [],
    startedMs: null,
    epic: null,
  };
}

function setStatus(issue: IssueDraft, status: string, category: JiraStatusCategory, resolvedMs: number | null, resolution = ''): void {
  issue.status = status;
  issue.statusCategory = category;
  issue.resolvedMs = resolvedMs;
  issue.resolution = category === 'Done' ? resolution || 'Done' : '';
}

function pickComponents(rng: Rng, team: TeamSpec): string[] {
  return rng.sample(team.components, rng.bernoulli(0.2) ? 2 : 1);
}

function reporterOf(rng: Rng, ctx: GenerationContext, team: TeamSpec, at: number): string {
  const members = activeMembers(ctx, team.id, at);
  const seniors = members.filter((p) => p.seniority === 'senior' || p.seniority === 'staff');
  return rng.pick(seniors.length > 0 ? seniors : members.length > 0 ? members : ctx.peopleByTeam.get(team.id)!).name;
}

function buildEpics(seq: Sequence, rng: Rng, ctx: GenerationContext, team: TeamSpec): IssueDraft[] {
  const epics: IssueDraft[] = [];
  for (let i = 0; i * EPIC_MONTHS < PERIOD_MONTHS; i++) {
    const windowStart = monthStartMs(i * EPIC_MONTHS);
    const createdMs = toSecond(Math.max(PERIOD_START_MS + rng.int(1, 48) * HOUR_MS, windowStart - rng.int(3, 10) * DAY_MS));
    const quarter = `${monthLabel(i * EPIC_MONTHS).slice(0, 4)} Q${Math.floor((new Date(windowStart).getUTCMonth()) / 3) + 1}`;
    const epic = baseIssue(seq, team, 'Epic', createdMs, reporterOf(rng, ctx, team, createdMs));
    epic.summary = epicSummary(rng.pick(team.topics), quarter);
    epic.description = `Goals for ${quarter}. See the roadmap, section "${team.name}".`;
    epic.priority = rng.weighted(['High', 'Medium'] as const, [0.4, 0.6]);
    const doneMs = toSecond(monthStartMs((i + 1) * EPIC_MONTHS) + rng.int(5, 20) * DAY_MS);
    if (doneMs < PERIOD_END_MS) setStatus(epic, 'Done', 'Done', doneMs);
    else setStatus(epic, 'In Progress', 'In Progress', null);
    epics.push(epic);
  }
  return epics;
}

function epicFor(epics: readonly IssueDraft[], ms: number): IssueDraft {
  const index = Math.min(epics.length - 1, Math.max(0, Math.floor(monthIndex(ms) / EPIC_MONTHS)));
  return epics[index]!;
}

function monthIndex(ms: number): number {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 2024) * 12 + d.getUTCMonth() - 10;
}

function linkPlace(rng: Rng, weights: readonly [number, number, number, number]): IssueLinkPlace {
  return rng.weighted(['title', 'branch', 'body', 'commit'] as const, weights);
}

/** Close out an issue from the state of its PRs. */
function settleFromPrs(rng: Rng, issue: IssueDraft): void {
  const prs = issue.prs;
  if (prs.length === 0) return;
  issue.startedMs = Math.min(...prs.map((p) => p.createdMs));
  if (prs.some((p) => p.state === 'open')) {
    setStatus(issue, rng.bernoulli(0.5) ? 'In Progress' : 'In Review', 'In Progress', null);
    return;
  }
  const merged = prs.filter((p) => p.mergedMs !== null);
  const lastMs = Math.max(...prs.map((p) => p.closedMs ?? p.createdMs));
  const resolvedMs = toSecond(lastMs + rng.lognormalMedian(5, 1.0) * HOUR_MS);
  if (resolvedMs >= PERIOD_END_MS) {
    setStatus(issue, 'In Review', 'In Progress', null);
  } else if (merged.length > 0) {
    setStatus(issue, rng.bernoulli(0.8) ? 'Done' : 'Closed', 'Done', resolvedMs, issue.type === 'Bug' ? 'Fixed' : 'Done');
  } else {
    setStatus(issue, 'Closed', 'Done', resolvedMs, "Won't Do");
  }
}

function bugs(seq: Sequence, rng: Rng, ctx: GenerationContext, team: TeamSpec, months: readonly TeamMonth[], effects: readonly number[], teamPrs: readonly PrDraft[]): { issues: IssueDraft[]; draws: OutcomeDraw[]; customerReported: IssueDraft[] } {
  const issues: IssueDraft[] = [];
  const draws: OutcomeDraw[] = [];
  const customerReported: IssueDraft[] = [];
  const fixable = teamPrs.filter((p) => p.kind === 'regular' || p.kind === 'agent-bot' || p.kind === 'agent-branch');
  for (let t = 0; t < PERIOD_MONTHS; t++) {
    const draw = drawOutcome(rng, months, t, team.baseBugsPerPr, effects[t]!, DEMO_TRUTH.bugs);
    draws.push(draw);
    for (let k = 0; k < draw.count; k++) {
      const createdMs = workingMoment(rng, monthStartMs(t), Math.min(monthStartMs(t + 1), PERIOD_END_MS));
      const bug = baseIssue(seq, team, 'Bug', createdMs, reporterOf(rng, ctx, team, createdMs));
      const topic = rng.pick(team.topics);
      bug.summary = bugSummary(rng, topic);
      bug.description = bugDescription(rng, topic, null);
      bug.priority = rng.weighted(['Highest', 'High', 'Medium', 'Low', 'Lowest'] as const, [0.05, 0.25, 0.5, 0.15, 0.05]);
      bug.components = pickComponents(rng, team);
      const isCustomerReported = rng.bernoulli(DEMO_TRUTH.tickets.customerReportedBugShare);
      bug.labels = [...(isCustomerReported ? ['customer-reported'] : []), ...(rng.bernoulli(0.3) ? ['regression'] : []), ...(rng.bernoulli(0.15) ? ['triage'] : [])];
      if (isCustomerReported) customerReported.push(bug);
      // Most bugs get a fix PR: the first unlinked PR of the team opened after a few days' triage.
      if (rng.bernoulli(0.78)) {
        const notBefore = createdMs + 2 * HOUR_MS + rng.lognormalMedian(4, 0.9) * DAY_MS;
        const fix = fixable.find((p) => p.createdMs >= notBefore && p.createdMs < notBefore + 30 * DAY_MS && p.issueLink === null);
        if (fix) {
          fix.issueLink = { issue: bug, place: linkPlace(rng, [0.5, 0.3, 0.1, 0.1]) };
          fix.fixesBug = true;
          bug.prs.push(fix);
          bug.assignee = fix.owner.name;
        }
      }
      if (bug.prs.length > 0) settleFromPrs(rng, bug);
      else {
        const triagedMs = toSecond(createdMs + rng.lognormalMedian(10, 1.0) * DAY_MS);
        if (rng.bernoulli(0.45) && triagedMs < PERIOD_END_MS) setStatus(bug, 'Closed', 'Done', triagedMs, rng.pick(["Won't Do", 'Cannot Reproduce', 'Duplicate']));
        else setStatus(bug, rng.bernoulli(0.6) ? 'To Do' : 'Backlog', 'To Do', null);
      }
      issues.push(bug);
    }
  }
  return { issues, draws, customerReported };
}

/** Stories and tasks behind ~65% of the remaining PRs; one story spans 1–3 PRs of its owner. */
function stories(seq: Sequence, rng: Rng, ctx: GenerationContext, team: TeamSpec, teamPrs: readonly PrDraft[], epics: readonly IssueDraft[]): IssueDraft[] {
  const issues: IssueDraft[] = [];
  const open = new Map<string, { issue: IssueDraft; capacity: number; firstMs: number }>();
  for (const pr of teamPrs) {
    if (pr.issueLink !== null || pr.kind === 'revert' || pr.kind === 'hotfix' || !rng.bernoulli(0.65)) continue;
    let current = open.get(pr.owner.login);
    if (!current || current.issue.prs.length >= current.capacity || pr.createdMs - current.firstMs > 10 * DAY_MS) {
      const createdMs = toSecond(Math.max(PERIOD_START_MS + rng.int(1, 72) * HOUR_MS, pr.createdMs - rng.lognormalMedian(5, 1.0) * DAY_MS));
      const type: JiraIssueType = rng.bernoulli(0.7) ? 'Story' : 'Task';
      const issue = baseIssue(seq, team, type, Math.min(createdMs, pr.createdMs), reporterOf(rng, ctx, team, createdMs));
      issue.summary = type === 'Story' ? storySummary(rng, pr.topic) : `${pr.topic.charAt(0).toUpperCase()}${pr.topic.slice(1)}: ${rng.pick(['clean-up', 'upgrade dependencies', 'add monitoring', 'write runbook'])}`;
      issue.description = storyDescription(rng, pr.topic);
      issue.priority = rng.weighted(['High', 'Medium', 'Low'] as const, [0.2, 0.65, 0.15]);
      issue.storyPoints = type === 'Story' ? rng.weighted([1, 2, 3, 5, 8], [0.1, 0.25, 0.3, 0.25, 0.1]) : null;
      issue.components = pickComponents(rng, team);
      issue.labels = rng.sample(['backend', 'frontend', 'q-goal', 'tech-debt', 'customer-request'], rng.weightedIndex([0.5, 0.35, 0.15]));
      issue.assignee = pr.owner.name;
      issue.epic = epicFor(epics, issue.createdMs);
      current = { issue, capacity: rng.int(1, 3), firstMs: pr.createdMs };
      open.set(pr.owner.login, current);
      issues.push(issue);
    }
    current.issue.prs.push(pr);
    pr.issueLink = { issue: current.issue, place: linkPlace(rng, [0.7, 0.25, 0.05, 0]) };
  }
  for (const issue of issues) settleFromPrs(rng, issue);
  return issues;
}

/** Backlog items nobody picked up (or that were dropped): Jira always has them. */
function backlog(seq: Sequence, rng: Rng, ctx: GenerationContext, team: TeamSpec): IssueDraft[] {
  const issues: IssueDraft[] = [];
  for (let t = 0; t < PERIOD_MONTHS; t++) {
    const count = rng.poisson(3);
    for (let k = 0; k < count; k++) {
      const createdMs = workingMoment(rng, monthStartMs(t), Math.min(monthStartMs(t + 1), PERIOD_END_MS));
      const issue = baseIssue(seq, team, rng.bernoulli(0.6) ? 'Story' : 'Task', createdMs, reporterOf(rng, ctx, team, createdMs));
      const topic = rng.pick(team.topics);
      issue.summary = storySummary(rng, topic);
      issue.description = storyDescription(rng, topic);
      issue.priority = rng.weighted(['Medium', 'Low', 'Lowest'] as const, [0.5, 0.35, 0.15]);
      issue.components = pickComponents(rng, team);
      const droppedMs = toSecond(createdMs + rng.lognormalMedian(40, 0.8) * DAY_MS);
      if (rng.bernoulli(0.4) && droppedMs < PERIOD_END_MS) setStatus(issue, 'Closed', 'Done', droppedMs, "Won't Do");
      else setStatus(issue, 'Backlog', 'To Do', null);
      issues.push(issue);
    }
  }
  return issues;
}

function sprintName(team: TeamSpec, index: number): string {
  return `${team.jiraKey} Sprint ${FIRST_SPRINT_NUMBER + index}`;
}

/** Sprints an issue was in: from when work started to resolution (or the export date); at most 3. */
function sprintsOf(team: TeamSpec, issue: IssueDraft): string[] {
  if (issue.type === 'Epic' || issue.startedMs === null) return [];
  const from = Math.floor((issue.startedMs - SPRINT_ZERO_MS) / SPRINT_MS);
  const to = Math.floor(((issue.resolvedMs ?? PERIOD_END_MS - 1) - SPRINT_ZERO_MS) / SPRINT_MS);
  const names: string[] = [];
  for (let i = Math.max(0, to - 2, from); i <= to; i++) names.push(sprintName(team, i));
  return names;
}

export interface JiraResult {
  issues: DemoIssue[];
  bugDraws: Map<string, OutcomeDraw[]>;
  customerReportedBugs: DemoIssue[];
}

export function generateJira(ctx: GenerationContext, rng: Rng, months: ReadonlyMap<string, readonly TeamMonth[]>, prs: readonly PrDraft[]): JiraResult {
  const seq: Sequence = { next: 0 };
  const effects = outcomeMonthEffects(rng.fork('month-effects'));
  const all: IssueDraft[] = [];
  const bugDraws = new Map<string, OutcomeDraw[]>();
  const customerReportedBugs: DemoIssue[] = [];
  for (const team of TEAM_SPECS) {
    const teamRng = rng.fork(team.id);
    const teamPrs = prs.filter((p) => p.teamId === team.id).sort((a, b) => a.createdMs - b.createdMs || compareStrings(a.githubNodeId, b.githubNodeId));
    const epics = buildEpics(seq, teamRng, ctx, team);
    const bugResult = bugs(seq, teamRng, ctx, team, months.get(team.id)!, effects, teamPrs);
    bugDraws.set(team.id, bugResult.draws);
    customerReportedBugs.push(...bugResult.customerReported);
    const storyIssues = stories(seq, teamRng, ctx, team, teamPrs, epics);
    const backlogIssues = backlog(seq, teamRng, ctx, team);
    const teamIssues = [...epics, ...bugResult.issues, ...storyIssues, ...backlogIssues];

    // Keys follow creation order within the project, continuing from before the period.
    teamIssues.sort((a, b) => a.createdMs - b.createdMs || a.seq - b.seq);
    let number = teamRng.int(120, 900);
    for (const issue of teamIssues) {
      issue.key = `${team.jiraKey}-${number}`;
      number += teamRng.bernoulli(0.05) ? 2 : 1; // deleted or moved issues leave gaps
    }
    for (const issue of storyIssues) issue.epicKey = issue.epic ? issue.epic.key : null;
    for (const issue of teamIssues) {
      if (issue.startedMs === null && issue.type !== 'Epic' && issue.statusCategory !== 'To Do') issue.startedMs = issue.createdMs + DAY_MS;
      issue.sprints = sprintsOf(team, issue);
      issue.updatedMs = toSecond(Math.min(PERIOD_END_MS - 1000, Math.max(issue.createdMs, issue.resolvedMs ?? 0, ...issue.prs.map((p) => p.closedMs ?? p.createdMs)) + teamRng.int(1, 600) * 60_000));
    }
    all.push(...teamIssues);
  }
  // Issue ids are global and increase with creation time across projects.
  all.sort((a, b) => a.createdMs - b.createdMs || a.seq - b.seq);
  all.forEach((issue, i) => (issue.id = 10_240 + i));
  return { issues: all, bugDraws, customerReportedBugs };
}

/** Plain DemoIssue rows (drops generation-only fields). */
export function toIssue(draft: DemoIssue): DemoIssue {
  const { key, id, projectKey, teamId, type, summary, description, priority, status, statusCategory, resolution, createdMs, updatedMs, resolvedMs, storyPoints, sprints, epicKey, components, labels, assignee, reporter, devPrCount, devLastUpdatedMs } = draft;
  return { key, id, projectKey, teamId, type, summary, description, priority, status, statusCategory, resolution, createdMs, updatedMs, resolvedMs, storyPoints, sprints, epicKey, components, labels, assignee, reporter, devPrCount, devLastUpdatedMs };
}
