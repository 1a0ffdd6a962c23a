/** Domain types shared by the engine and the UI. Times are ISO-8601 UTC strings. */

export type ShellMode = 'desktop' | 'browser' | 'cli';
export type WorkspaceKind = 'demo' | 'user';

export interface WorkspaceSummary {
  path: string;
  /** File name without the .duckdb extension. */
  name: string;
  kind: WorkspaceKind;
  schemaVersion: number;
  /** First and last day with data (YYYY-MM-DD), null when the workspace is empty. */
  from: string | null;
  to: string | null;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface AppState {
  mode: ShellMode;
  version: string;
  workspace: WorkspaceSummary | null;
  recent: RecentWorkspace[];
  /** Native open/save dialogs exist only in the desktop shell. */
  nativeDialogs: boolean;
}

/** The canonical tables of product.md §3, in the order `info` lists them. */
export const canonicalTables = [
  'teams',
  'people',
  'repos',
  'services',
  'org_map',
  'pull_requests',
  'commits',
  'reviews',
  'deployments',
  'issues',
  'incidents',
  'tickets',
  'nps_responses',
  'copilot_usage',
  'issue_pr_links',
  'incident_change_links',
  'imports',
  'import_rejects',
  'settings',
  'scenarios',
] as const;
export type CanonicalTable = (typeof canonicalTables)[number];

export interface WorkspaceInfo {
  path: string;
  kind: WorkspaceKind;
  schemaVersion: number;
  tables: Record<CanonicalTable, number>;
  from: string | null;
  to: string | null;
}

/** How much of the data attribution and linking could use: shown next to every estimate. */
export interface Coverage {
  pullRequests: {
    total: number;
    merged: number;
    /** PRs with any AI evidence (confidence high, medium or low). */
    withAiEvidence: number;
    mergedWithAiEvidence: number;
    byConfidence: { high: number; medium: number; low: number; none: number };
    /** AI-attributed added lines / added lines over merged PRs (null without merged lines). */
    mergedAiShare: number | null;
    /** PRs in repos the org map gives to no team (left out of team metrics). */
    inUnmappedRepos: number;
  };
  issues: { total: number; linkedToPr: number };
  bugs: { total: number; linkedToPr: number };
  incidents: {
    total: number;
    linked: number;
    linkedToDeployment: number;
    linkedToPr: number;
    unlinked: number;
    /** Unlinked because of the urgency/priority filters. */
    filtered: number;
    /** Unlinked because the org map gives the service to no team. */
    noTeam: number;
    /** Unlinked because no deployment or merged PR of the team fell in the window. */
    noCandidate: number;
    /** Imported but not yet linked (relink has not run since). */
    notEvaluated: number;
  };
  teams: { mapped: number; withMergedPrs: number; withIncidents: number };
  months: { withMergedPrs: number; from: string | null; to: string | null };
  /** Team × month cells with merged PRs: the statistics' unit (product.md §7). */
  teamMonths: number;
}

export interface DateRange {
  /** Inclusive first day, YYYY-MM-DD. */
  from?: string | undefined;
  /** Inclusive last day, YYYY-MM-DD. */
  to?: string | undefined;
}

/** One month of the Overview: the board story in raw counts and rates. */
export interface OverviewMonth {
  /** YYYY-MM */
  month: string;
  mergedPrs: number;
  /** Line-weighted AI share of merged PRs' added lines, 0..1; null when no lines were merged. */
  aiShare: number | null;
  incidents: number;
  bugs: number;
  tickets: number;
  /** Net Promoter Score −100..100; null when there were no responses. */
  nps: number | null;
  npsResponses: number;
}

export interface Headline {
  key: 'mergedPrs' | 'aiShare' | 'incidents' | 'bugs' | 'tickets' | 'nps';
  label: string;
  /** Value over the latest complete month. */
  value: number | null;
  /** Value over the month before it. */
  previous: number | null;
  unit: 'count' | 'share' | 'score';
  /** Month the value refers to (YYYY-MM). */
  month: string | null;
}

export interface OverviewData {
  months: OverviewMonth[];
  headlines: Headline[];
}

export interface TeamRow {
  teamId: string;
  name: string;
  engineers: number;
  repos: number;
  mergedPrs: number;
  aiShare: number | null;
  incidents: number;
}

/** Progress of a long job (demo build, import, export), pushed as an event. */
export interface JobProgress {
  jobId: string;
  kind: 'demo' | 'import' | 'export' | 'sync';
  label: string;
  /** 0..1, or null when the total is unknown. */
  fraction: number | null;
  done: boolean;
  error?: string;
}

export interface ImportReject {
  /** CSV: spreadsheet row (header = 1); JSON: 1-based record index. */
  line: number;
  field: string | null;
  reason: string;
}

export interface ImportTableCounts {
  table: string;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
}

/** What one file did: counts of its own records, every table it touched, its first rejects. */
export interface ImportFileReport {
  path: string;
  format: string | null;
  formatLabel: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records that repeated a key already in the same file, merged into one. */
  duplicates: number;
  rejected: number;
  /** The first rejects; all of them are stored in the workspace's import_rejects table. */
  rejects: ImportReject[];
  tables: ImportTableCounts[];
  /** The file failed as a whole: nothing from it was stored. */
  error?: string;
}

export interface ImportReport {
  /** Zone applied to timestamps written without one. */
  timeZone: string;
  files: ImportFileReport[];
}
