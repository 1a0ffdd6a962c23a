import { describe, expect, it, vi } from 'vitest';
import type { Api, CallName, CallRequest, CallResponse } from '../../shared/contract';
import type { AppState, Drilldown, MetricsSeries, WorkspaceSummary } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { createAppStore, type AppStore } from '../../renderer/src/store';
import { MAX_QUERIES, queryKey, requestOfKey, selectLatestOfTag, selectQuery, stableJson } from '../../renderer/src/store/analysis-slice';
import { DRILLDOWN_LIMIT } from '../../renderer/src/store/drilldown-slice';
import { monthsBackStart, resolveRange, selectTeam } from '../../renderer/src/store/filters-slice';

const demo: WorkspaceSummary = { path: '/state/demo.duckdb', name: 'demo', kind: 'demo', schemaVersion: 1, from: '2024-11-01', to: '2026-10-31' };
const acme: WorkspaceSummary = { path: '/w/acme.duckdb', name: 'acme', kind: 'user', schemaVersion: 1, from: '2025-01-01', to: '2025-06-15' };

type Handlers = { [K in CallName]?: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>> };

function fakeApi(handlers: Handlers) {
  const calls: { name: string; request: unknown }[] = [];
  const api = new Proxy({} as Api, {
    get(_target, prop: string) {
      if (prop === 'on') return () => () => undefined;
      return (request: unknown) => {
        calls.push({ name: prop, request });
        const handler = handlers[prop as CallName] as ((r: unknown) => Promise<Result<unknown>>) | undefined;
        return handler ? handler(request) : Promise.resolve({ ok: false, error: { code: 'internal', message: `no handler for ${prop}` } });
      };
    },
  });
  return { api, calls };
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const state = (workspace: WorkspaceSummary | null): AppState => ({ mode: 'browser', version: '0.1.0', workspace, recent: [], nativeDialogs: false });
const series = (team: string | null, n = 1): MetricsSeries => ({ grain: 'month', by: 'none', team, repo: null, from: '2024-11-01', to: '2026-10-31', windowHours: 72, rows: Array.from({ length: n }, () => ({}) as never) });

/** A store with `workspace` open (app:state answers it). */
async function openStore(handlers: Handlers, workspace: WorkspaceSummary = demo): Promise<{ store: AppStore; calls: { name: string; request: unknown }[] }> {
  const { api, calls } = fakeApi({ 'app:state': () => ok(state(workspace)), ...handlers });
  const store = createAppStore({ api });
  await store.getState().start();
  return { store, calls };
}

/** A promise with its resolver, for answers that arrive when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('global filters', () => {
  it('turns presets into a range ending at the data’s last day', () => {
    expect(resolveRange({ preset: 'all', fromMonth: null, toMonth: null }, demo)).toEqual({});
    expect(resolveRange({ preset: 'last12', fromMonth: null, toMonth: null }, demo)).toEqual({ from: '2025-11-01' });
    expect(resolveRange({ preset: 'last3', fromMonth: null, toMonth: null }, demo)).toEqual({ from: '2026-08-01' });
    // A preset longer than the data is all the data.
    expect(resolveRange({ preset: 'last12', fromMonth: null, toMonth: null }, acme)).toEqual({});
    expect(resolveRange({ preset: 'last6', fromMonth: null, toMonth: null }, { from: null, to: null })).toEqual({});
  });

  it('covers whole months for a custom range, put in order', async () => {
    const { store } = await openStore({});
    store.getState().setCustomRange('2026-02', '2025-12');
    expect(store.getState().filters).toMatchObject({ preset: 'custom', fromMonth: '2025-12', toMonth: '2026-02' });
    expect(resolveRange(store.getState().filters, demo)).toEqual({ from: '2025-12-01', to: '2026-02-28' });
    expect(monthsBackStart('2026-02', 3)).toBe('2025-12-01');
  });

  it('starts a custom range from what is shown, so the month inputs are never blank', async () => {
    const { store } = await openStore({});
    store.getState().setRangePreset('last6');
    store.getState().setRangePreset('custom');
    expect(store.getState().filters).toMatchObject({ preset: 'custom', fromMonth: '2026-05', toMonth: '2026-10' });
  });

  it('filters to a team from the Teams view and shows the Overview; the team never leaks into another workspace', async () => {
    const { store } = await openStore({ 'workspace:open': () => ok(acme) });
    store.getState().setView('teams');
    store.getState().focusTeam('payments');
    expect(store.getState().ui.view).toBe('overview');
    expect(selectTeam(store.getState())).toBe('payments');
    await store.getState().openWorkspace(acme.path);
    expect(selectTeam(store.getState())).toBeNull();
    store.getState().setTeam(null);
    expect(store.getState().filters.team).toBeNull();
  });
});

describe('analysis query cache', () => {
  it('keys requests by their content, whatever the key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
    const key = queryKey('analysis:effects', { priors: true, from: '2025-01-01' });
    expect(key).toBe(queryKey('analysis:effects', { from: '2025-01-01', priors: true }));
    expect(requestOfKey('analysis:effects', key)).toEqual({ from: '2025-01-01', priors: true });
  });

  it('loads once per data version and serves the cache after that', async () => {
    const effects = vi.fn(() => ok({ unit: 'team-month' } as CallResponse<'analysis:effects'>));
    const { store } = await openStore({ 'analysis:effects': effects });
    const request = { priors: true };
    await store.getState().fetchQuery('analysis:effects', request);
    await store.getState().fetchQuery('analysis:effects', request);
    expect(effects).toHaveBeenCalledTimes(1);
    expect(selectQuery(store.getState(), 'analysis:effects', request)).toMatchObject({ status: 'ready', data: { unit: 'team-month' } });
    // New data (an import): loaded again, and the old answer stays on screen meanwhile.
    store.getState().workspaceChanged({ ...demo, to: '2026-11-30' });
    const pending = store.getState().fetchQuery('analysis:effects', request);
    expect(selectQuery(store.getState(), 'analysis:effects', request)).toMatchObject({ status: 'loading', data: { unit: 'team-month' } });
    await pending;
    expect(effects).toHaveBeenCalledTimes(2);
    await store.getState().fetchQuery('analysis:effects', request, { force: true });
    expect(effects).toHaveBeenCalledTimes(3);
  });

  it('keeps each filter’s answer apart and remembers the latest answer of a tag', async () => {
    const { store, calls } = await openStore({ 'metrics:series': (r) => ok(series(r.team ?? null)) });
    await store.getState().fetchQuery('metrics:series', { grain: 'month' }, { tag: 'month' });
    await store.getState().fetchQuery('metrics:series', { grain: 'month', team: 'payments' }, { tag: 'month' });
    expect(selectQuery(store.getState(), 'metrics:series', { grain: 'month' }).data?.team).toBeNull();
    expect(selectQuery(store.getState(), 'metrics:series', { grain: 'month', team: 'payments' }).data?.team).toBe('payments');
    expect((selectLatestOfTag(store.getState(), 'month').data as MetricsSeries).team).toBe('payments');
    expect(calls.filter((c) => c.name === 'metrics:series').map((c) => c.request)).toEqual([{ grain: 'month' }, { grain: 'month', team: 'payments' }]);
  });

  it('drops an answer that arrives after the workspace changed', async () => {
    const slow = deferred<Result<CallResponse<'data:coverage'>>>();
    const { store } = await openStore({ 'data:coverage': () => slow.promise, 'workspace:open': () => ok(acme) });
    const pending = store.getState().fetchQuery('data:coverage', {});
    await store.getState().openWorkspace(acme.path);
    slow.resolve({ ok: true, value: { teamMonths: 192 } as CallResponse<'data:coverage'> });
    await pending;
    expect(selectQuery(store.getState(), 'data:coverage', {}).status).toBe('idle');
  });

  it('keeps an error with the earlier data, and retries only when asked', async () => {
    let fail = false;
    const cohorts = vi.fn(() => (fail ? Promise.resolve({ ok: false as const, error: { code: 'internal' as const, message: 'fit failed' } }) : ok({ seed: 1 } as CallResponse<'analysis:cohorts'>)));
    const { store } = await openStore({ 'analysis:cohorts': cohorts });
    await store.getState().fetchQuery('analysis:cohorts', {});
    fail = true;
    await store.getState().fetchQuery('analysis:cohorts', {}, { force: true });
    expect(selectQuery(store.getState(), 'analysis:cohorts', {})).toMatchObject({ status: 'error', data: { seed: 1 }, error: { message: 'fit failed' } });
    await store.getState().fetchQuery('analysis:cohorts', {});
    expect(cohorts).toHaveBeenCalledTimes(2);
  });

  it('keeps at most MAX_QUERIES answers, dropping the oldest', async () => {
    const { store } = await openStore({ 'teams:list': () => ok([]) });
    for (let i = 0; i < MAX_QUERIES + 5; i++) await store.getState().fetchQuery('teams:list', { from: `2025-01-${String(i + 1).padStart(2, '0')}` });
    expect(Object.keys(store.getState().queries)).toHaveLength(MAX_QUERIES);
    expect(selectQuery(store.getState(), 'teams:list', { from: '2025-01-01' }).status).toBe('idle');
    expect(selectQuery(store.getState(), 'teams:list', { from: `2025-01-${MAX_QUERIES + 5}` }).status).toBe('ready');
  });
});

describe('drill-down', () => {
  const answer = (metric: Drilldown['metric'], total: number): Drilldown => ({ metric, period: '2026-09', from: '2026-09-01', to: '2026-09-30', team: 'payments', repo: null, total, limit: DRILLDOWN_LIMIT, rows: [] });

  it('asks for the rows behind a point with the filters, and switches metric for the same point', async () => {
    const { store, calls } = await openStore({ 'metrics:drilldown': (r) => ok(answer(r.metric, r.metric === 'incidents' ? 24 : 27)) });
    await store.getState().openDrilldown({
      choices: [
        { metric: 'incidents', label: 'Incidents' },
        { metric: 'changeFailures', label: 'Failed changes' },
      ],
      period: '2026-09',
      team: 'payments',
      range: { from: '2025-11-01' },
    });
    expect(calls.at(-1)).toEqual({ name: 'metrics:drilldown', request: { metric: 'incidents', period: '2026-09', team: 'payments', from: '2025-11-01', limit: DRILLDOWN_LIMIT } });
    expect(store.getState().drilldown).toMatchObject({ open: true, metric: 'incidents', result: { status: 'ready', data: { total: 24 } } });
    await store.getState().selectDrilldownMetric('changeFailures');
    expect(store.getState().drilldown.result.data?.total).toBe(27);
    store.getState().closeDrilldown();
    expect(store.getState().drilldown.open).toBe(false);
  });

  it('leaves out the team for the whole organisation', async () => {
    const { store, calls } = await openStore({ 'metrics:drilldown': (r) => ok(answer(r.metric, 1)) });
    await store.getState().openDrilldown({ choices: [{ metric: 'nps', label: 'NPS' }], period: '2026-W12', team: null, range: {} });
    expect(calls.at(-1)?.request).toEqual({ metric: 'nps', period: '2026-W12', limit: DRILLDOWN_LIMIT });
  });

  it('ignores an answer for a point the user has left', async () => {
    const first = deferred<Result<Drilldown>>();
    let n = 0;
    const { store } = await openStore({ 'metrics:drilldown': (r) => (n++ === 0 ? first.promise : ok(answer(r.metric, 5))) });
    const slow = store.getState().openDrilldown({ choices: [{ metric: 'bugs', label: 'Bugs' }], period: '2026-08', team: null, range: {} });
    await store.getState().openDrilldown({ choices: [{ metric: 'incidents', label: 'Incidents' }], period: '2026-09', team: null, range: {} });
    first.resolve({ ok: true, value: answer('bugs', 99) });
    await slow;
    expect(store.getState().drilldown).toMatchObject({ metric: 'incidents', period: '2026-09', result: { data: { total: 5 } } });
    // Closed while loading: nothing comes back to life.
    const later = deferred<Result<Drilldown>>();
    n = 0;
    const { store: s2 } = await openStore({ 'metrics:drilldown': () => later.promise });
    const p = s2.getState().openDrilldown({ choices: [{ metric: 'bugs', label: 'Bugs' }], period: '2026-08', team: null, range: {} });
    s2.getState().closeDrilldown();
    later.resolve({ ok: true, value: answer('bugs', 3) });
    await p;
    expect(s2.getState().drilldown).toMatchObject({ open: false, result: { status: 'idle' } });
  });

  it('shows an error it can retry', async () => {
    let fail = true;
    const { store } = await openStore({
      'metrics:drilldown': (r) => (fail ? Promise.resolve({ ok: false as const, error: { code: 'invalid_request' as const, message: 'expected a month' } }) : ok(answer(r.metric, 2))),
    });
    await store.getState().openDrilldown({ choices: [{ metric: 'bugs', label: 'Bugs' }], period: '2026-08', team: null, range: {} });
    expect(store.getState().drilldown.result).toMatchObject({ status: 'error', error: { message: 'expected a month' } });
    fail = false;
    await store.getState().retryDrilldown();
    expect(store.getState().drilldown.result).toMatchObject({ status: 'ready', data: { total: 2 } });
  });
});
