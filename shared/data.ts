/**
 * Types of the Data and Settings views' calls: import preview and history, the org map, the
 * AI-attribution rules and the workspace settings (docs/importing.md, docs/attribution-and-linking.md).
 * Shared by the engine (analytics/app) and the UI; the request schemas are in contract.ts.
 */
import type { ImportReject } from './domain';

// ── Import preview (`import:preview`) ────────────────────────────────────────────────────────────

/** A generic export whose columns are matched to canonical fields (tickets, NPS responses). */
export interface ColumnMappingNeed {
  /** What one record is, in words: "ticket", "NPS response". */
  entity: string;
  fields: Array<{ field: string; required: boolean }>;
  /** The column guessed for each field (header synonyms); a field without a guess is absent. */
  proposed: Record<string, string>;
  /** Required fields without a guess: the import fails until they are mapped. */
  unresolved: string[];
  /** The file's columns, the candidates for every field. */
  columns: string[];
}

export interface TimeZoneNeed {
  /** The file holds times written without a zone or offset: they are read in the chosen zone. */
  needed: boolean;
  /** Why (or why not), in words. */
  reason: string;
  /** A few of the zone-less times found, as written. */
  examples: string[];
}

export interface ImportFilePreview {
  path: string;
  /** File name without directories. */
  name: string;
  size: number;
  /** null when the file cannot be read or no importer recognises it (see `error`). */
  format: string | null;
  formatLabel: string | null;
  /** The source family: github, jira, pagerduty, copilot, helpdesk, nps, org. */
  source: string | null;
  shape: 'json' | 'csv' | 'text' | null;
  /** Why the file cannot be imported as it is (empty, not UTF-8, no known format…). */
  error?: string;
  /** The first records as a table of text cells. */
  columns: string[];
  rows: string[][];
  /** More records follow the ones shown. */
  truncated: boolean;
  timeZone: TimeZoneNeed;
  /** Generic formats only: the column mapping step. */
  mapping: ColumnMappingNeed | null;
}

export interface ImportPreview {
  files: ImportFilePreview[];
  /** The zone used for files that need one unless the user picks another (workspace setting, else the machine's). */
  defaultTimeZone: string;
}

// ── Import history (`imports:list`, `imports:rejects`) ───────────────────────────────────────────

export interface ImportHistoryEntry {
  importId: number;
  fileName: string;
  filePath: string;
  format: string;
  formatLabel: string | null;
  /** github, jira, …, github-api (live sync), demo. */
  source: string;
  /** ISO-8601 UTC. */
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
}

export interface ImportHistory {
  /** All imports of the workspace; `entries` holds the newest `limit` from `offset`. */
  total: number;
  entries: ImportHistoryEntry[];
}

export interface StoredReject extends ImportReject {
  /** The rejected record as read from the file (CSV row or JSON text), when kept. */
  raw: string | null;
}

export interface ImportRejects {
  importId: number;
  fileName: string;
  total: number;
  limit: number;
  rejects: StoredReject[];
}

// ── Org map (`org:*`) ────────────────────────────────────────────────────────────────────────────

export const orgEntryTypes = ['person', 'repo', 'service', 'jira_project', 'jira_component'] as const;
export type OrgEntryType = (typeof orgEntryTypes)[number];

export const seniorityLevels = ['junior', 'mid', 'senior', 'staff', 'principal'] as const;
export type Seniority = (typeof seniorityLevels)[number];

/** One row of the org map: who or what belongs to which team. */
export interface OrgEntry {
  type: OrgEntryType;
  /** Login, owner/name, PagerDuty service id or name, Jira project key or component name. */
  key: string;
  teamId: string;
  teamName: string;
  /** People only. */
  seniority: Seniority | null;
}

export interface OrgTeam {
  teamId: string;
  name: string;
  /** Org-map rows per type. */
  counts: Record<OrgEntryType, number>;
}

export interface OrgMap {
  entries: OrgEntry[];
  teams: OrgTeam[];
}

/** Something seen in the data that the org map gives to no team. */
export interface OrgUnknown {
  type: OrgEntryType;
  key: string;
  /** How much data it carries: PRs (people, repos), incidents (services), issues (Jira). */
  rows: number;
  /** Last time it appears in the data (ISO-8601 UTC), when known. */
  lastSeen: string | null;
}

export interface OrgUnknowns {
  items: OrgUnknown[];
  /** Unmapped items per type (items lists at most `limit` per type, the biggest first). */
  totals: Record<OrgEntryType, number>;
}

export interface OrgChange {
  map: OrgMap;
  /** Org-map rows inserted, changed or removed. */
  changed: number;
}

// ── AI-attribution rules (`attribution:*`) ───────────────────────────────────────────────────────

export const attributionRuleKinds = ['trailer', 'body_marker', 'bot_author', 'label', 'branch_prefix', 'copilot_usage'] as const;
export type AttributionRuleKind = (typeof attributionRuleKinds)[number];
export const attributionConfidences = ['high', 'medium', 'low'] as const;
export type AttributionConfidence = (typeof attributionConfidences)[number];

export interface AttributionRuleInput {
  /** Omit to create a rule. */
  ruleId?: string | undefined;
  kind: AttributionRuleKind;
  pattern: string;
  tool?: string | null | undefined;
  confidence: AttributionConfidence;
  enabled?: boolean | undefined;
  description?: string | null | undefined;
}

export interface AttributionRuleView {
  ruleId: string;
  kind: AttributionRuleKind;
  pattern: string;
  tool: string | null;
  confidence: AttributionConfidence;
  enabled: boolean;
  /** Seeded by Undertow: can be edited or disabled, never deleted. */
  builtin: boolean;
  position: number;
  description: string | null;
  /** PRs the rule matches, whatever else matches them. */
  prs: number;
  commits: number;
  /** PRs whose only evidence is this rule: disabling it makes them non-AI. */
  soleEvidence: number;
}

export interface AttributionRules {
  rules: AttributionRuleView[];
  pullRequests: number;
  /** PRs with any AI evidence under the enabled rules. */
  withEvidence: number;
}

/** Live count of an unsaved rule, or why it cannot be saved. */
export type AttributionDraftCount = { ok: true; prs: number; commits: number } | { ok: false; error: string; field: string | null };

// ── Workspace settings (`settings:*`) ────────────────────────────────────────────────────────────

export interface LinkingSettings {
  /** Hours before an incident in which a deployment or merge can be blamed for it. */
  incidentWindowHours: number;
  /** Urgencies an incident must have to be linked; null = every urgency. */
  incidentUrgencies: string[] | null;
  /** Priorities an incident must have to be linked; null = every priority. */
  incidentPriorities: string[] | null;
  hotfixBranchPrefixes: string[];
  productionEnvironments: string[];
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface WorkspaceSettings {
  linking: LinkingSettings;
  linkingDefaults: LinkingSettings;
  /** Values found in the data, for the pickers. */
  seen: {
    urgencies: ValueCount[];
    priorities: ValueCount[];
    environments: ValueCount[];
    /** Jira issue types with their issue counts and whether the map counts them as bugs. */
    issueTypes: Array<ValueCount & { isBug: boolean }>;
  };
  jiraBugTypes: {
    /** The names in force, as entered. */
    types: string[];
    /** No workspace setting: the built-in list applies. */
    isDefault: boolean;
    defaults: string[];
  };
  timeZone: {
    /** The workspace's default zone for times written without one; null = the machine's. */
    value: string | null;
    machine: string;
  };
}

export interface SettingsSaved {
  settings: WorkspaceSettings;
  /** Incident links and revert/hotfix flags were rebuilt. */
  relinked: boolean;
  /** Jira issues whose bug classification changed. */
  reclassified: number;
}

// ── Desktop file paths ───────────────────────────────────────────────────────────────────────────

/**
 * Exposed by the desktop preload as `window.undertowFiles`: the local path of a file the user dropped
 * or picked (Electron's webUtils.getPathForFile). Absent in browser mode, where files are uploaded.
 */
export interface FilePathBridge {
  /** '' when the file has no path on disk (e.g. dragged from another app's memory). */
  pathForFile(file: File): string;
}

/** Browser mode: `POST /api/upload?name=<file name>` with the raw bytes answers a Result of this. */
export interface UploadedFile {
  path: string;
  name: string;
  size: number;
}

export const UPLOAD_PATH = '/api/upload';
