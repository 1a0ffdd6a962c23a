/**
 * The one API contract between the UI and the engine. Every call is declared here once:
 * name (`domain:verb`), request schema (validated at runtime by every adapter) and response type.
 * The Electron preload, the browser-mode HTTP client and the CLI are all generated from this list.
 */
import { z } from 'zod';
import type {
  AppState,
  Coverage,
  ImportReport,
  JobProgress,
  OverviewData,
  TeamRow,
  WorkspaceInfo,
  WorkspaceSummary,
} from './domain';
import type { GitHubRepoSummary, GitHubSyncReport, GitHubSyncStatus, GitHubTokenStatus } from './domain';
import type { CohortReport, DoseResponseReport, EffectsReport, EventStudy, LaggedReport } from './domain';
import { drilldownMetrics, type Drilldown, type MetricsSeries } from './domain';
import type { Result } from './errors';
import {
  attributionConfidences,
  attributionRuleKinds,
  orgEntryTypes,
  seniorityLevels,
  type AttributionDraftCount,
  type AttributionRules,
  type ImportHistory,
  type ImportPreview,
  type ImportRejects,
  type OrgChange,
  type OrgMap,
  type OrgUnknowns,
  type SettingsSaved,
  type WorkspaceSettings,
} from './data';
import type { CallName, EventName } from './channels';
import { assumptionKeys, type ReplayResult, type SavedScenario, type ScenarioComparison, type ScenarioDefaults, type ScenarioResult } from './scenarios';
import { canonicalTables } from './domain';
import { deckChartIds, defaultDeckCharts, MAX_DECK_SCENARIOS, type DataExport, type DeckExport, type ExportedFile } from './export';

export { callNames, eventNames, EVENT_CHANNEL, TOKEN_HEADER } from './channels';
export type { CallName, EventName } from './channels';

/** A call: a runtime schema for the request and, at the type level only, its response. */
export interface CallSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type; never set at runtime. */
  readonly response?: Res;
}

function call<Res>() {
  return <Req extends z.ZodType>(request: Req): CallSpec<Req, Res> => ({ request });
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const workspacePath = z
  .string()
  .min(1, 'a workspace path is required')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL');
const dateRange = z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict();
const empty = z.object({}).strict();
/** An IANA zone name the runtime knows, e.g. Europe/Berlin. */
const timeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Europe/Berlin or UTC');

/** A GitHub organisation login. */
const githubOrg = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a GitHub organisation name such as acme');
/** NAME or OWNER/NAME. */
const githubRepo = z.string().regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/)?[A-Za-z0-9._-]{1,100}$/, 'expected a repository name such as api or acme/api');
const githubBaseUrl = z.string().max(2048).regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'expected an http(s) address such as https://github.example.com/api/v3');
/** Printable ASCII without spaces; the schema's messages never echo the value. */
const githubToken = z.string().min(1, 'the token is empty').max(1024, 'the token is too long').regex(/^[\x21-\x7e]+$/, 'a token has no spaces or special characters; paste it again');

/** An org-map key: a login, owner/name, service, Jira project key or component. */
const orgKey = z.string().trim().min(1, 'the key is empty').max(300);
const attributionRule = z
  .object({
    ruleId: z.string().min(1).max(64).optional(),
    kind: z.enum(attributionRuleKinds),
    pattern: z.string().max(500),
    tool: z.string().max(40).nullable().optional(),
    confidence: z.enum(attributionConfidences),
    enabled: z.boolean().optional(),
    description: z.string().max(500).nullable().optional(),
  })
  .strict();

/** Seeds of the statistics: any non-negative integer a user can type. */
const analysisSeed = z.number().int().min(0).max(2 ** 31 - 1);
/** Bootstrap resamples: at least 20 for a percentile interval to mean anything, at most 5,000. */
const bootstrapReps = z.number().int().min(20).max(5000);
const share01 = z.number().min(0).max(1);
const scenarioLevers = z
  .object({
    capAi: z.object({ share: share01, teams: z.array(z.string().min(1)).max(500).optional() }).strict().optional(),
    refactor: z
      .object({ everyNthSprint: z.number().int().min(1).max(12), capacity: share01, sprintWeeks: z.number().min(1).max(6) })
      .strict()
      .optional(),
    tieredReview: z.object({ aboveShare: share01 }).strict().optional(),
    aiFreeRepos: z.array(z.string().min(1)).max(2000).optional(),
  })
  .strict();
const scenarioAssumptions = z.partialRecord(z.enum(assumptionKeys), z.number().finite());
const scenarioQuarters = z.number().int().min(1).max(8);
const scenarioSpec = z
  .object({
    levers: scenarioLevers,
    assumptions: scenarioAssumptions.optional(),
    quarters: scenarioQuarters,
    seed: analysisSeed,
    /** Monte Carlo draws: 2,000 by default; fewer (≥ 200) for a quick preview while a slider moves. */
    draws: z.number().int().min(200).max(20000).optional(),
  })
  .strict();

export const calls = {
  /** Shell mode, open workspace and recent list: what the UI needs at start-up. */
  'app:state': call<AppState>()(empty),
  /** Open the bundled demo workspace, building it on first use (progress via `job:progress`). */
  'workspace:openDemo': call<WorkspaceSummary>()(empty),
  /** Open an existing workspace file. */
  'workspace:open': call<WorkspaceSummary>()(z.object({ path: workspacePath }).strict()),
  /** Create a new, empty workspace file (refuses to overwrite an existing file). */
  'workspace:create': call<WorkspaceSummary>()(z.object({ path: workspacePath }).strict()),
  'workspace:close': call<null>()(empty),
  /** Schema version, row counts of every canonical table and the data's date range. */
  'workspace:info': call<WorkspaceInfo>()(empty),
  /** Remove a path from the recent list (the file itself is untouched). */
  'workspace:forgetRecent': call<AppState>()(z.object({ path: workspacePath }).strict()),
  /** Desktop only: the native file dialog. Browser mode answers `unsupported`. */
  'dialog:pickWorkspace': call<{ path: string | null }>()(
    z.object({ purpose: z.enum(['open', 'create']) }).strict(),
  ),
  /** Monthly board story for the Overview (merged PRs, AI share, incidents, bugs, tickets, NPS). */
  'metrics:overview': call<OverviewData>()(dateRange),
  /**
   * Every metric of docs/metrics.md by week or month (ISO weeks, Monday first) over [from, to]:
   * for the whole org, one team or one repo, or one row per team (`by: 'team'`) or repo (`by: 'repo'`).
   * `team` is a team id or name, `repo` owner/name (or a unique name). Includes DORA 2023 levels.
   */
  'metrics:series': call<MetricsSeries>()(
    dateRange.extend({
      grain: z.enum(['week', 'month']),
      by: z.enum(['none', 'team', 'repo']).optional(),
      team: z.string().min(1).max(200).nullable().optional(),
      repo: z.string().min(1).max(300).nullable().optional(),
    }).strict(),
  ),
  /** The rows behind one cell of metrics:series (PRs, changes, incidents, bugs, reviews, tickets, NPS responses), capped. */
  'metrics:drilldown': call<Drilldown>()(
    dateRange.extend({
      metric: z.enum(drilldownMetrics),
      /** YYYY-MM or YYYY-Www (ISO week). */
      period: z.string().regex(/^\d{4}-(\d{2}|W\d{2})$/, 'expected a month as YYYY-MM or an ISO week as YYYY-Www'),
      team: z.string().min(1).max(200).nullable().optional(),
      repo: z.string().min(1).max(300).nullable().optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }).strict(),
  ),
  /** One row per team with its headcount and activity in the range. */
  'teams:list': call<TeamRow[]>()(dateRange),
  /** Share of PRs with AI evidence, bugs and incidents linked to changes, teams and months covered. */
  'data:coverage': call<Coverage>()(empty),
  /**
   * Import export files into the open workspace, each file in one transaction (progress via
   * `job:progress`). Files that fail as a whole are reported and the others still import.
   */
  'import:files': call<ImportReport>()(
    z
      .object({
        paths: z.array(workspacePath).min(1, 'choose at least one file').max(1000),
        /** Zone for timestamps written without one; defaults to the workspace's setting, else the machine's zone. */
        timeZone: timeZone.optional(),
        /** Generic CSVs: canonical field → the file's column. */
        columnMapping: z.record(z.string().max(64), z.string().max(256)).optional(),
        /** Per file (by path): its own zone and column mapping, over the ones above (the import wizard). */
        perFile: z
          .record(workspacePath, z.object({ timeZone: timeZone.optional(), columnMapping: z.record(z.string().max(64), z.string().max(256)).optional() }).strict())
          .optional(),
      })
      .strict(),
  ),
  // ── Data and Settings views (docs/importing.md): preview, history, org map, attribution rules, settings.
  /** Per file: detected format, first records, whether its times need a zone, the column mapping step (reads samples only). */
  'import:preview': call<ImportPreview>()(z.object({ paths: z.array(workspacePath).min(1, 'choose at least one file').max(1000) }).strict()),
  /** The workspace's imports, newest first. */
  'imports:list': call<ImportHistory>()(
    z.object({ limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() }).strict(),
  ),
  /** The stored rejects (line, field, reason, raw record) of one import. */
  'imports:rejects': call<ImportRejects>()(
    z.object({ importId: z.number().int().min(1), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
  ),
  /** The org map and its teams. */
  'org:list': call<OrgMap>()(empty),
  /** People, repos, services, Jira projects and components seen in the data that no team owns. */
  'org:unknowns': call<OrgUnknowns>()(z.object({ limit: z.number().int().min(1).max(5000).optional() }).strict()),
  /** Add or change org-map rows (team by name; created when new), then recompute attribution and links. */
  'org:upsert': call<OrgChange>()(
    z
      .object({
        entries: z
          .array(
            z
              .object({
                type: z.enum(orgEntryTypes),
                key: orgKey,
                team: z.string().trim().min(1, 'name a team').max(200),
                seniority: z.enum(seniorityLevels).nullable().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(20_000),
      })
      .strict(),
  ),
  /** Remove org-map rows (a team left without rows goes too), then recompute attribution and links. */
  'org:remove': call<OrgChange>()(
    z.object({ entries: z.array(z.object({ type: z.enum(orgEntryTypes), key: orgKey }).strict()).min(1).max(20_000) }).strict(),
  ),
  /** The org map as one CSV (type,key,team,seniority), the format the import wizard and `cli org` read. */
  'org:export': call<{ csv: string; rows: number }>()(empty),
  /** Every rule with the PRs and commits it matches, and how many PRs have any AI evidence. */
  'attribution:rules': call<AttributionRules>()(empty),
  /** Create (no ruleId) or update a rule, then recompute every PR's attribution. */
  'attribution:saveRule': call<AttributionRules & { savedRuleId: string }>()(z.object({ rule: attributionRule }).strict()),
  /** Delete a user rule (built-in rules can only be disabled), then recompute. */
  'attribution:deleteRule': call<AttributionRules>()(z.object({ ruleId: z.string().min(1).max(64) }).strict()),
  /** Live PR and commit counts of unsaved rules, in order (an invalid draft answers its error). Writes nothing. */
  'attribution:preview': call<AttributionDraftCount[]>()(z.object({ drafts: z.array(attributionRule).min(1).max(20) }).strict()),
  /** Linking settings, Jira bug type map and default time zone, with the values seen in the data. */
  'settings:get': call<WorkspaceSettings>()(empty),
  /** Save any part of the settings, rebuilding links or bug flags that depend on it, in one transaction. */
  'settings:save': call<SettingsSaved>()(
    z
      .object({
        linking: z
          .object({
            incidentWindowHours: z.number().positive().max(24 * 90).optional(),
            incidentUrgencies: z.array(z.string().max(100)).max(50).nullable().optional(),
            incidentPriorities: z.array(z.string().max(100)).max(50).nullable().optional(),
            hotfixBranchPrefixes: z.array(z.string().max(100)).max(50).optional(),
            productionEnvironments: z.array(z.string().max(100)).max(50).optional(),
          })
          .strict()
          .optional(),
        /** null: back to the built-in list. */
        jiraBugTypes: z.array(z.string().max(100)).max(200).nullable().optional(),
        /** null: the machine's zone. */
        timeZone: timeZone.nullable().optional(),
      })
      .strict(),
  ),
  // ── Live GitHub sync (docs/github-sync.md). No network request is made except by sync and listRepos.
  /** Where the token is kept and whether one is set (never the token itself). */
  'github:tokenStatus': call<GitHubTokenStatus>()(empty),
  /** Store the token: OS keychain (desktop), host memory for this session (browser mode); CLI: GITHUB_TOKEN. */
  'github:setToken': call<GitHubTokenStatus>()(z.object({ token: githubToken }).strict()),
  'github:clearToken': call<GitHubTokenStatus>()(empty),
  /** The org's repositories the token can read, for the repo picker. */
  'github:listRepos': call<GitHubRepoSummary[]>()(z.object({ org: githubOrg, baseUrl: githubBaseUrl.optional() }).strict()),
  /**
   * Sync the org's repos (all of them when `repos` is omitted) and its Copilot usage reports into the
   * open workspace: only what changed since the last sync, resuming an interrupted one. Progress via
   * `job:progress` (kind 'sync', with `sync` details). Answers a report even when the sync stopped early.
   */
  'github:sync': call<GitHubSyncReport>()(
    z
      .object({
        org: githubOrg,
        /** Repo names (NAME or ORG/NAME); all the org's repos except forks when omitted. */
        repos: z.array(githubRepo).min(1).max(1000).optional(),
        /** API base: https://api.github.com (default), Enterprise Server https://HOST/api/v3. */
        baseUrl: githubBaseUrl.optional(),
        /** First sync of a stream: history from this day on (default: everything). */
        since: isoDay.optional(),
        /** Also fetch the org's Copilot usage-metrics reports (default true). */
        copilot: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Per repo and stream: last synced, cursor, whether an interrupted pass will resume. */
  'github:status': call<GitHubSyncStatus>()(empty),
  /** Stop the running sync after the current request; what was imported is kept. */
  'github:cancelSync': call<{ cancelled: boolean }>()(empty),
  // ── Statistics (product.md §7, docs/methods.md). Deterministic for a given seed.
  /**
   * Rate ratio at 100% vs 0% AI share per outcome (incidents, bugs, reverts, change failures) from the
   * Poisson team × month model, with team-bootstrap 90% intervals, optional published priors, the
   * event-study check and the data coverage behind them.
   */
  'analysis:effects': call<EffectsReport>()(
    dateRange.extend({
      seed: analysisSeed.optional(),
      /** Team-bootstrap resamples (default 200). */
      bootstrap: bootstrapReps.optional(),
      /** Shrink towards the published figures of product.md §1 and show prior and posterior. */
      priors: z.boolean().optional(),
    }).strict(),
  ),
  /** Staggered-adoption event study (adoption = first month with AI share above `threshold`, default 10%). */
  'analysis:eventStudy': call<EventStudy>()(dateRange.extend({ threshold: z.number().min(0.01).max(0.9).optional() }).strict()),
  /** AI-assisted vs non-AI merged PRs: review wait, time to merge, size, revert/bug/incident rates. */
  'analysis:cohorts': call<CohortReport>()(dateRange.extend({ seed: analysisSeed.optional(), bootstrap: bootstrapReps.optional() }).strict()),
  /** Outcome rates per 100 merged PRs by AI-share bucket of team-months. */
  'analysis:doseResponse': call<DoseResponseReport>()(dateRange),
  /** AI share in month t against outcome rates in months t … t+3. */
  'analysis:lagged': call<LaggedReport>()(dateRange),
  // ── Scenarios (product.md §8, docs/scenarios.md). Reproducible from levers, assumptions and seed.
  /** What the builder needs: first projected month, every assumption (value, range, source), the fitted parameters, teams and repos. */
  'scenario:defaults': call<ScenarioDefaults>()(empty),
  /** Baseline vs one scenario, monthly and quarterly bands (Monte Carlo). */
  'scenario:run': call<ScenarioResult>()(scenarioSpec),
  /** Up to four scenarios against one baseline (the first's seed; the longest horizon). */
  'scenario:compare': call<ScenarioComparison>()(
    z.object({ items: z.array(z.object({ name: z.string().min(1).max(120), spec: scenarioSpec }).strict()).min(1).max(4) }).strict(),
  ),
  /** A policy applied to the last complete quarter's actual merged PRs. */
  'scenario:replay': call<ReplayResult>()(z.object({ levers: scenarioLevers, assumptions: scenarioAssumptions.optional() }).strict()),
  'scenario:list': call<SavedScenario[]>()(empty),
  /** Save a new scenario, or update the one with `id`. Names are unique per workspace. */
  'scenario:save': call<SavedScenario>()(
    z.object({ id: z.string().uuid().optional(), name: z.string().trim().min(1).max(120), levers: scenarioLevers, assumptions: scenarioAssumptions.optional(), quarters: scenarioQuarters, seed: analysisSeed }).strict(),
  ),
  'scenario:rename': call<SavedScenario>()(z.object({ id: z.string().uuid(), name: z.string().trim().min(1).max(120) }).strict()),
  'scenario:duplicate': call<SavedScenario>()(z.object({ id: z.string().uuid() }).strict()),
  'scenario:delete': call<null>()(z.object({ id: z.string().uuid() }).strict()),
  // ── Exports (docs/exporting.md, docs/data-export.md). Progress via `job:progress` (kind 'export'); files are written atomically.
  /**
   * A board deck (PPTX, and a PDF of the same slides): title, headline numbers, one slide per chart,
   * a comparison of saved scenarios (all saved, up to four, when `scenarios` is omitted) and a
   * methods appendix. A format with a path in `out` is written there; otherwise it comes back inline.
   */
  'export:deck': call<DeckExport>()(
    dateRange.extend({
      charts: z.array(z.enum(deckChartIds)).min(1, 'choose at least one chart').max(deckChartIds.length).default([...defaultDeckCharts]),
      scenarios: z.array(z.string().min(1).max(120)).max(MAX_DECK_SCENARIOS, `a deck compares at most ${MAX_DECK_SCENARIOS} scenarios`).optional(),
      title: z.string().trim().max(200).optional(),
      org: z.string().trim().max(200).optional(),
      formats: z.array(z.enum(['pptx', 'pdf'])).min(1, 'choose PPTX, PDF or both').default(['pptx']),
      out: z.object({ pptx: workspacePath.optional(), pdf: workspacePath.optional() }).strict().optional(),
    }).strict(),
  ),
  /** The canonical tables as Parquet or CSV files (DuckDB COPY) in a folder, plus a manifest. */
  'export:data': call<DataExport>()(
    z.object({ format: z.enum(['parquet', 'csv']), dir: workspacePath, tables: z.array(z.enum(canonicalTables)).min(1).optional() }).strict(),
  ),
  /** Desktop only: the current view printed to PDF (Electron printToPDF); written to `path` or returned inline. */
  'export:viewPdf': call<ExportedFile>()(z.object({ name: z.string().regex(/^[\w.-]{1,80}$/, 'a file name without a folder'), path: workspacePath.optional() }).strict()),
  /** Desktop only: a PNG (base64) onto the system clipboard. */
  'clipboard:writeImage': call<null>()(z.object({ png: z.string().min(8).max(40_000_000) }).strict()),
} as const satisfies Record<CallName, CallSpec<z.ZodType, unknown>>;

export type Calls = typeof calls;

export type CallRequest<K extends CallName> = z.input<Calls[K]['request']>;
export type CallRequestParsed<K extends CallName> = z.output<Calls[K]['request']>;
export type CallResponse<K extends CallName> = Calls[K] extends CallSpec<z.ZodType, infer R> ? R : never;

/** Events pushed from the engine to the UI (IPC events in Electron, server-sent events in browser mode). */
export interface Events {
  'job:progress': JobProgress;
  /** The open workspace changed (opened, closed, or its data changed). */
  'workspace:changed': WorkspaceSummary | null;
}
// Every event name has a payload type and vice versa.
type _EventsComplete = [EventName] extends [keyof Events] ? ([keyof Events] extends [EventName] ? true : never) : never;
export const eventsComplete: _EventsComplete = true;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** The typed client every UI transport implements: one method per call, plus event subscription. */
export type Api = {
  [K in CallName]: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};
