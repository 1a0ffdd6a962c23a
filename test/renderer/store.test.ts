import { describe, expect, it, vi } from 'vitest';
import type { Api, CallName, CallRequest, CallResponse, EventName, Events } from '../../shared/contract';
import type { AppState, OverviewData, WorkspaceSummary } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { createAppStore } from '../../renderer/src/store';
import { THEME_STORAGE_KEY } from '../../renderer/src/store/ui-slice';

const demo: WorkspaceSummary = { path: '/state/demo.duckdb', name: 'demo', kind: 'demo', schemaVersion: 1, from: '2024-11-01', to: '2026-10-31' };
const acme: WorkspaceSummary = { path: '/w/acme.duckdb', name: 'acme', kind: 'user', schemaVersion: 1, from: null, to: null };
const overview: OverviewData = { months: [], headlines: [] };

type Handlers = { [K in CallName]?: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>> };

/** A contract client backed by per-test handlers, with a way to push events. */
function fakeApi(handlers: Handlers) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const api = new Proxy({} as Api, {
    get(_target, prop: string) {
      if (prop === 'on') {
        return (event: EventName, listener: (payload: unknown) => void) => {
          const set = listeners.get(event) ?? new Set();
          listeners.set(event, set.add(listener));
          return () => set.delete(listener);
        };
      }
      return (request: unknown) => {
        calls.push(prop);
        const handler = handlers[prop as CallName] as ((r: unknown) => Promise<Result<unknown>>) | undefined;
        return handler ? handler(request) : Promise.resolve({ ok: false, error: { code: 'internal', message: `no handler for ${prop}` } });
      };
    },
  });
  const emit = <E extends EventName>(event: E, payload: Events[E]) => listeners.get(event)?.forEach((l) => l(payload));
  return { api, calls, emit };
}

const state = (workspace: WorkspaceSummary | null, extra: Partial<AppState> = {}): AppState => ({
  mode: 'browser',
  version: '0.1.0',
  workspace,
  recent: [],
  nativeDialogs: false,
  ...extra,
});

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

describe('start-up', () => {
  it('opens the demo workspace when nothing is open, with progress from job events', async () => {
    let finishDemo!: () => void;
    const { api, calls, emit } = fakeApi({
      'app:state': () => ok(state(null)),
      'workspace:openDemo': () => new Promise((resolve) => (finishDemo = () => resolve({ ok: true, value: demo }))),
    });
    const store = createAppStore({ api });
    const started = store.getState().start();
    await vi.waitFor(() => expect(calls).toContain('workspace:openDemo'));
    expect(store.getState().app.pending?.kind).toBe('demo');
    emit('job:progress', { jobId: 'demo-1', kind: 'demo', label: 'Generating pull requests', fraction: 0.4, done: false });
    expect(store.getState().app.jobs['demo-1']?.fraction).toBe(0.4);
    emit('job:progress', { jobId: 'demo-1', kind: 'demo', label: 'Demo workspace ready', fraction: 1, done: true });
    expect(store.getState().app.jobs).toEqual({});
    finishDemo();
    await started;
    expect(store.getState().app.workspace).toEqual(demo);
    expect(store.getState().app.pending).toBeNull();
    expect(store.getState().app.boot).toBe('ready');
  });

  it('keeps the workspace the host already has open', async () => {
    const { api, calls } = fakeApi({ 'app:state': () => ok(state(acme)) });
    const store = createAppStore({ api });
    await store.getState().start();
    expect(store.getState().app.workspace).toEqual(acme);
    expect(calls).not.toContain('workspace:openDemo');
  });

  it('shows the token error when the host rejects the token', async () => {
    const { api } = fakeApi({ 'app:state': () => Promise.resolve({ ok: false, error: { code: 'unauthorized', message: 'wrong token' } }) });
    const store = createAppStore({ api });
    await store.getState().start();
    expect(store.getState().app.boot).toBe('unauthorized');
  });

  it('reports a failed demo build once, as a notice, and leaves no workspace open', async () => {
    const { api, emit } = fakeApi({
      'app:state': () => ok(state(null)),
      'workspace:openDemo': () => {
        emit('job:progress', { jobId: 'demo-1', kind: 'demo', label: 'Building the demo workspace failed', fraction: null, done: true, error: 'disk full' });
        return Promise.resolve({ ok: false, error: { code: 'internal', message: 'disk full' } });
      },
    });
    const store = createAppStore({ api });
    await store.getState().start();
    expect(store.getState().app.workspace).toBeNull();
    expect(store.getState().notices).toEqual([expect.objectContaining({ kind: 'error', message: expect.stringContaining('disk full') })]);
  });
});

it('reports a failed job nobody here is waiting for (started from a desktop menu)', async () => {
  const { api, emit } = fakeApi({ 'app:state': () => ok(state(acme)) });
  const store = createAppStore({ api });
  await store.getState().start();
  emit('job:progress', { jobId: 'demo-9', kind: 'demo', label: 'Building the demo workspace failed', fraction: null, done: true, error: 'disk full' });
  expect(store.getState().notices).toEqual([expect.objectContaining({ message: 'Building the demo workspace failed: disk full' })]);
});

describe('workspace changes', () => {
  it('follows workspace:changed events from the main process and reloads views', async () => {
    const { api, emit } = fakeApi({ 'app:state': () => ok(state(demo)) });
    const store = createAppStore({ api });
    await store.getState().start();
    const before = store.getState().app.dataVersion;
    emit('workspace:changed', acme);
    expect(store.getState().app.workspace).toEqual(acme);
    expect(store.getState().app.dataVersion).toBe(before + 1);
    emit('workspace:changed', null);
    expect(store.getState().app.workspace).toBeNull();
  });

  it('catches up after the event stream reconnects', async () => {
    let host = state(demo);
    const { api } = fakeApi({ 'app:state': () => ok(host) });
    const store = createAppStore({ api });
    await store.getState().start();
    host = state(acme); // changed while the stream was down
    await store.getState().resync();
    expect(store.getState().app.workspace).toEqual(acme);
  });

  it('ignores the echo of its own open, so views do not load twice', async () => {
    const { api, emit } = fakeApi({ 'app:state': () => ok(state(demo)), 'workspace:open': () => ok(acme) });
    const store = createAppStore({ api });
    await store.getState().start();
    await store.getState().openWorkspace(acme.path);
    const version = store.getState().app.dataVersion;
    emit('workspace:changed', acme);
    expect(store.getState().app.dataVersion).toBe(version);
  });
});

describe('path dialog', () => {
  it('asks for a path when the field is empty, without calling the engine', async () => {
    const { api, calls } = fakeApi({});
    const store = createAppStore({ api });
    store.getState().openPathDialog('open');
    await store.getState().submitPathDialog('   ');
    expect(store.getState().ui.pathDialog?.error).toMatch(/Enter the path/);
    expect(calls).toEqual([]);
  });

  it('shows the engine’s message when the file is not a workspace, and closes on success', async () => {
    const { api } = fakeApi({
      'workspace:open': ({ path }) =>
        path === '/tmp/notes.txt'
          ? Promise.resolve({ ok: false, error: { code: 'workspace_invalid', message: '/tmp/notes.txt is not an Undertow workspace.' } })
          : ok(acme),
      'app:state': () => ok(state(acme)),
    });
    const store = createAppStore({ api });
    store.getState().openPathDialog('open');
    await store.getState().submitPathDialog('/tmp/notes.txt');
    expect(store.getState().ui.pathDialog).toMatchObject({ error: '/tmp/notes.txt is not an Undertow workspace.', busy: false });
    await store.getState().submitPathDialog(' /w/acme.duckdb ');
    expect(store.getState().ui.pathDialog).toBeNull();
    expect(store.getState().app.workspace).toEqual(acme);
  });

  it('uses the native dialog in the desktop shell', async () => {
    const { api, calls } = fakeApi({
      'app:state': () => ok(state(demo, { mode: 'desktop', nativeDialogs: true })),
      'dialog:pickWorkspace': () => ok({ path: acme.path }),
      'workspace:create': () => ok(acme),
    });
    const store = createAppStore({ api });
    await store.getState().start();
    await store.getState().requestWorkspace('create');
    expect(calls).toEqual(expect.arrayContaining(['dialog:pickWorkspace', 'workspace:create']));
    expect(store.getState().ui.pathDialog).toBeNull();
    expect(store.getState().app.workspace).toEqual(acme);
  });
});

describe('data loading', () => {
  it('loads once per data version and drops answers for a workspace that is no longer open', async () => {
    let release!: () => void;
    const overviewCall = vi.fn(() => new Promise<Result<OverviewData>>((resolve) => (release = () => resolve({ ok: true, value: overview }))));
    const { api, emit } = fakeApi({ 'app:state': () => ok(state(demo)), 'metrics:overview': overviewCall });
    const store = createAppStore({ api });
    await store.getState().start();
    const loading = store.getState().loadOverview();
    void store.getState().loadOverview(); // same version: no second request
    expect(overviewCall).toHaveBeenCalledTimes(1);
    expect(store.getState().overview.status).toBe('loading');
    emit('workspace:changed', acme); // the workspace changes while the request is in flight
    release();
    await loading;
    expect(store.getState().overview.data).toBeNull();
  });

  it('keeps the error for the view and retries on demand', async () => {
    let fail = true;
    const { api } = fakeApi({
      'app:state': () => ok(state(demo)),
      'teams:list': () => (fail ? Promise.resolve({ ok: false, error: { code: 'internal', message: 'query failed' } }) : ok([])),
    });
    const store = createAppStore({ api });
    await store.getState().start();
    await store.getState().loadTeams();
    expect(store.getState().teams).toMatchObject({ status: 'error', error: { message: 'query failed' } });
    fail = false;
    await store.getState().loadTeams(true);
    expect(store.getState().teams).toMatchObject({ status: 'ready', data: [] });
  });
});

describe('theme', () => {
  it('persists the choice and defaults to the system theme', () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const store = createAppStore({ api: fakeApi({}).api, storage });
    expect(store.getState().ui.theme).toBe('system');
    store.getState().setTheme('dark');
    expect(saved.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(createAppStore({ api: fakeApi({}).api, storage }).getState().ui.theme).toBe('dark');
  });
});
