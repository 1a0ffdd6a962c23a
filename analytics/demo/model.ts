/**
 * The generated demo org, held in memory. Each entity carries what the canonical tables need plus
 * what only a real export carries (GitHub node ids, co-author lists, PagerDuty quirks), and —
 * separately — the ground truth the generator used, which no export reveals.
 * Instants are epoch milliseconds (UTC, whole seconds).
 */

export type Seniority = 'junior' | 'mid' | 'senior' | 'staff';

export interface DemoTeam {
  id: string;
  name: string;
  jiraKey: string;
  jiraProjectName: string;
  /** Month index (0 = 2024-11) when the team switched AI tools on; null = never adopts. */
  adoptionMonth: number | null;
  /** Long-run AI line share the team ramps towards after adoption. */
  plateau: number;
}

export interface DemoPerson {
  login: string;
  name: string;
  /** Corporate address, used in Jira and by most commits. */
  email: string;
  /** GitHub's `id+login@users.noreply.github.com`, used by some commits. */
  noreplyEmail: string;
  githubNodeId: string;
  teamId: string;
  seniority: Seniority;
  /** First and last instant the person works here (end exclusive). */
  startMs: number;
  endMs: number;
}

export interface DemoBot {
  /** Canonical login, as GitHub's REST API spells it: `name[bot]`. */
  login: string;
  /** `gh pr list --json author` spelling: `app/name`. */
  ghLogin: string;
  /** The name and email the agent commits under. */
  commitName: string;
  commitEmail: string;
  commitLogin: string;
  githubNodeId: string;
  tool: AiTool;
}

export interface DemoRepo {
  /** owner/name */
  repo: string;
  name: string;
  teamId: string;
  hasDeployments: boolean;
  /** PagerDuty service the repo runs as (null for libraries, apps, infra code). */
  serviceId: string | null;
  githubId: number;
}

export interface DemoService {
  id: string;
  name: string;
  teamId: string;
}

export type CustomerSegment = 'Enterprise' | 'Mid-Market' | 'SMB';

export interface DemoAccount {
  name: string;
  segment: CustomerSegment;
}

/** How an AI-written commit shows itself (ground truth, not visible in the exports). */
/**
 * 'trailer': the commit names its assistant; 'agent': written by an agent on an agent PR (the PR
 * shows it); 'ide': Copilot completions (only the usage report shows them); 'invisible': pasted from a
 * chat window, no trace anywhere.
 */
export type AiCommitMode = 'none' | 'trailer' | 'agent' | 'ide' | 'invisible';
export type AiTool = 'copilot' | 'claude' | 'cursor' | 'devin' | 'chatgpt';

export interface CommitAuthor {
  login: string;
  name: string;
  email: string;
}

export interface DemoCommit {
  sha: string;
  authoredMs: number;
  committedMs: number;
  /** First entry is the git author; the rest are co-authors GitHub resolves from trailers. */
  authors: CommitAuthor[];
  headline: string;
  body: string;
  additions: number;
  deletions: number;
  truth: { mode: AiCommitMode; tool: AiTool | null; aiLines: number };
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';

export interface DemoReview {
  id: string;
  reviewer: string;
  state: ReviewState;
  submittedMs: number;
  commitSha: string;
}

export type PullRequestKind = 'regular' | 'agent-bot' | 'agent-branch' | 'revert' | 'hotfix';

export interface DemoPullRequest {
  repo: string;
  number: number;
  teamId: string;
  githubNodeId: string;
  /** Canonical author login (bots as `name[bot]`). */
  author: string;
  /** For agent PRs opened by a bot: the engineer who asked for it. */
  requestedBy: string | null;
  kind: PullRequestKind;
  title: string;
  body: string;
  headRef: string;
  baseRef: string;
  state: 'open' | 'closed' | 'merged';
  isDraft: boolean;
  createdMs: number;
  mergedMs: number | null;
  closedMs: number | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  labels: string[];
  mergeCommitSha: string | null;
  commits: DemoCommit[];
  reviews: DemoReview[];
  revertsNumber: number | null;
  isHotfix: boolean;
  /** Topic phrase used to word the title, branch and commits. */
  topic: string;
  truth: { aiLines: number; plannedAiShare: number };
}

export interface DeploymentStatus {
  id: number;
  state: 'in_progress' | 'success' | 'failure' | 'error';
  createdMs: number;
}

export interface DemoDeployment {
  id: number;
  repo: string;
  serviceId: string | null;
  sha: string;
  ref: string;
  environment: 'production' | 'staging';
  createdMs: number;
  /** Final state (the last status). */
  status: 'success' | 'failure' | 'error';
  finishedMs: number;
  statuses: DeploymentStatus[];
}

export type JiraIssueType = 'Epic' | 'Story' | 'Task' | 'Bug';
export type JiraStatusCategory = 'To Do' | 'In Progress' | 'Done';

export interface DemoIssue {
  key: string;
  id: number;
  projectKey: string;
  teamId: string;
  type: JiraIssueType;
  summary: string;
  description: string;
  priority: 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';
  status: string;
  statusCategory: JiraStatusCategory;
  resolution: string;
  createdMs: number;
  updatedMs: number;
  resolvedMs: number | null;
  storyPoints: number | null;
  sprints: string[];
  epicKey: string | null;
  components: string[];
  labels: string[];
  assignee: string | null;
  reporter: string;
  /** PRs Jira's GitHub integration knows about (Custom field (Development)). */
  devPrCount: number;
  devLastUpdatedMs: number | null;
}

export interface DemoIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  teamId: string;
  urgency: 'high' | 'low';
  /** P1..P5 once the account started using priorities; null = field present but unset. */
  priority: string | null;
  /** Older incidents predate priorities: the export omits the field entirely. */
  hasPriorityField: boolean;
  status: 'triggered' | 'acknowledged' | 'resolved';
  createdMs: number;
  resolvedMs: number | null;
  lastStatusChangeMs: number;
  /** Older exports carry only last_status_change_at, not resolved_at. */
  omitResolvedAt: boolean;
  /** Customer accounts that felt it (drives tickets and NPS). */
  hitAccounts: string[];
}

export interface DemoTicket {
  id: number;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  type: 'question' | 'incident' | 'problem' | 'task';
  tags: string[];
  account: string;
  createdMs: number;
  solvedMs: number | null;
}

export interface DemoNpsResponse {
  id: string;
  /** Survey tools export the response date; the canonical row is midnight UTC of it. */
  dayMs: number;
  score: number;
  account: string;
  segment: string;
  comment: string;
}

export interface DemoCopilotDay {
  login: string;
  dayMs: number;
  locAdded: number;
  locSuggested: number;
  locDeleted: number;
  interactions: number;
  generations: number;
  acceptances: number;
  usedChat: boolean;
  usedAgent: boolean;
}

/** The generator's ground truth per team × month: what the estimators should recover. */
export interface DemoTeamMonthTruth {
  teamId: string;
  /** 'YYYY-MM' */
  month: string;
  monthIndex: number;
  engineers: number;
  /** Share the team aimed for that month (drives throughput). */
  targetAiShare: number;
  /** AI-written added lines / added lines of PRs merged that month, counting every AI line (drives outcomes). */
  trueAiShare: number;
  /** Merged PRs used as exposure for the outcome draws (regular + agent PRs). */
  mergedPrs: number;
  /** Expected counts (before gamma–Poisson noise) and the drawn counts. */
  expectedIncidents: number;
  incidents: number;
  expectedBugs: number;
  bugs: number;
  expectedReverts: number;
  reverts: number;
}

export interface DemoOrg {
  seed: number;
  teams: DemoTeam[];
  people: DemoPerson[];
  bots: DemoBot[];
  repos: DemoRepo[];
  services: DemoService[];
  accounts: DemoAccount[];
  pullRequests: DemoPullRequest[];
  deployments: DemoDeployment[];
  issues: DemoIssue[];
  incidents: DemoIncident[];
  tickets: DemoTicket[];
  npsResponses: DemoNpsResponse[];
  copilotUsage: DemoCopilotDay[];
  truth: { teamMonths: DemoTeamMonthTruth[] };
}
