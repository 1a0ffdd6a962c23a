/**
 * Answers of the analysis calls (metrics, statistics, coverage), cached per request, workspace and
 * data version: switching views or filters back and forth never recomputes an effect fit (a team
 * bootstrap takes seconds), and a change to the data refreshes what is shown while keeping it on screen.
 */
import type { CallName, CallRequest, CallResponse } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { idle, type Loadable } from './loadable';
import type { SliceCreator, Store } from './types';

export const queryCalls = [
  'metrics:series',
  'analysis:effects',
  'analysis:cohorts',
  'analysis:doseResponse',
  'analysis:lagged',
  'data:coverage',
  'teams:list',
] as const satisfies readonly CallName[];
export type QueryCall = (typeof queryCalls)[number];

/** Entries kept; the least recently requested go first. */
export const MAX_QUERIES = 48;

export interface QueryOptions {
  /** Load again even when the answer is current. */
  force?: boolean;
  /**
   * Requests of one tag show the same kind of thing (e.g. the Overview's month series under any
   * filter): the tag remembers the last answer so a view can keep it on screen while the next loads.
   */
  tag?: string;
}

export interface AnalysisSlice {
  /** By `queryKey(call, request)`. */
  queries: Record<string, Loadable<unknown>>;
  /** Tag → key of its latest ready answer. */
  latestByTag: Record<string, string>;
  /** Load unless loaded (or loading) for the current workspace and data version. */
  fetchQuery: <K extends QueryCall>(call: K, request: CallRequest<K>, options?: QueryOptions) => Promise<void>;
}

/** JSON with sorted keys and without undefined values: equal requests, equal keys. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function queryKey<K extends QueryCall>(call: K, request: CallRequest<K>): string {
  return `${call} ${stableJson(request)}`;
}

const IDLE: Loadable<never> = idle();

/**
 * The cached answer for `call`/`request` in the open workspace, or an idle placeholder. The same
 * object is returned until it changes, so it is safe as a zustand selector.
 */
export function selectQuery<K extends QueryCall>(s: Pick<Store, 'queries' | 'app'>, call: K, request: CallRequest<K>): Loadable<CallResponse<K>> {
  return selectQueryByKey(s, queryKey(call, request)) as Loadable<CallResponse<K>>;
}

export function selectQueryByKey(s: Pick<Store, 'queries' | 'app'>, key: string | undefined): Loadable<unknown> {
  const entry = key === undefined ? undefined : s.queries[key];
  return entry && entry.path === (s.app.workspace?.path ?? null) ? entry : IDLE;
}

/** The latest ready answer of `tag` in the open workspace (an idle placeholder when there is none). */
export function selectLatestOfTag(s: Pick<Store, 'queries' | 'app' | 'latestByTag'>, tag: string): Loadable<unknown> {
  return selectQueryByKey(s, s.latestByTag[tag]);
}

/** The request a key was made from (keys are the call name and the request's stable JSON). */
export function requestOfKey<K extends QueryCall>(call: K, key: string): CallRequest<K> {
  return JSON.parse(key.slice(call.length + 1)) as CallRequest<K>;
}

export const createAnalysisSlice: SliceCreator<AnalysisSlice> = ({ api }) => (set, get) => {
  /** Put an entry last (most recent), dropping other workspaces' entries and the oldest beyond the cap. */
  const put = (key: string, value: Loadable<unknown>) =>
    set((s) => {
      const next: Record<string, Loadable<unknown>> = {};
      for (const [k, v] of Object.entries(s.queries)) if (k !== key && v.path === value.path) next[k] = v;
      const keys = Object.keys(next);
      for (const k of keys.slice(0, Math.max(0, keys.length - (MAX_QUERIES - 1)))) delete next[k];
      next[key] = value;
      return { queries: next };
    });

  return {
    queries: {},
    latestByTag: {},
    fetchQuery: async (call, request, { force = false, tag }: QueryOptions = {}) => {
      const workspace = get().app.workspace;
      if (!workspace) return;
      const key = queryKey(call, request);
      const version = get().app.dataVersion;
      const current = get().queries[key];
      const samePath = current?.path === workspace.path;
      if (!force && samePath && current.version === version && current.status !== 'idle') return;
      const keep = samePath ? current.data : null;
      put(key, { status: 'loading', data: keep, error: null, version, path: workspace.path });
      // The contract's typed client, one method per call; K narrows both request and answer.
      const invoke = api[call] as (r: CallRequest<typeof call>) => Promise<Result<CallResponse<typeof call>>>;
      const result = await invoke(request);
      // A newer request for the same key, or a workspace/data change, has taken over.
      const now = get().queries[key];
      if (get().app.dataVersion !== version || get().app.workspace?.path !== workspace.path || now?.version !== version || now.status !== 'loading') return;
      put(
        key,
        result.ok
          ? { status: 'ready', data: result.value, error: null, version, path: workspace.path }
          : { status: 'error', data: keep, error: result.error, version, path: workspace.path },
      );
      if (result.ok && tag) set((s) => ({ latestByTag: { ...s.latestByTag, [tag]: key } }));
    },
  };
};
