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
import type { Result } from './errors';
import type { CallName, EventName } from './channels';

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
        /** Zone for timestamps written without one; defaults to the machine's zone. */
        timeZone: timeZone.optional(),
        /** Generic CSVs: canonical field → the file's column. */
        columnMapping: z.record(z.string().max(64), z.string().max(256)).optional(),
      })
      .strict(),
  ),
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
