import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api, CallName, CallRequest, CallResponse } from '../../shared/contract';
import type { AppState, WorkspaceSummary } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import {
  scenarioMetricKeys,
  type AssumptionInfo,
  type Band,
  type SavedScenario,
  type ScenarioDefaults,
  type ScenarioPath,
  type ScenarioResult,
  type ScenarioSpec,
} from '../../shared/scenarios';
import { createAppStore, type AppStore } from '../../renderer/src/store';
import {
  CURRENT_DRAFT,
  defaultDraft,
  draftFromSaved,
  FULL_DRAWS,
  leversOf,
  PREVIEW_DRAWS,
  replayKeyOf,
  SCENARIO_DEBOUNCE_MS,
  specKey,
  specOfDraft,
} from '../../renderer/src/store/scenarios-slice';

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
  return { api, calls, named: (name: string) => calls.filter((c) => c.name === name) };
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** A promise resolved from outside, to decide when each answer arrives. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const demo: WorkspaceSummary = { path: '/state/demo.duckdb', name: 'demo', kind: 'demo', schemaVersion: 1, from: '2024-11-01', to: '2026-10-31' };
const other: WorkspaceSummary = { path: '/w/acme.duckdb', name: 'acme', kind: 'user', schemaVersion: 1, from: '2025-01-01', to: '2026-06-30' };
const appState = (workspace: WorkspaceSummary | null): AppState => ({ mode: 'browser', version: '0.1.0', workspace, recent: [], nativeDialogs: false });

const kappa: AssumptionInfo = { key: 'kappa', label: 'Incident reduction from a senior review (κ)', unit: 'share', value: 0.3, min: 0, max: 0.8, source: 'judgement', calibrated: false, uncertain: true };
const defaults: ScenarioDefaults = {
  startMonth: '2026-11',
  assumptions: [kappa],
  parameters: [],
  teams: ['payments', 'platform'],
  repos: ['acme/ledger', 'acme/web'],
  warnings: [],
};

const band = (v: number): Band => ({ p5: v - 1, p50: v, p95: v + 1 });
function path(level: number): ScenarioPath {
  const metrics = Object.fromEntries(scenarioMetricKeys.map((k) => [k, band(level)])) as ScenarioPath['months'][number]['metrics'];
  return { months: [{ period: '2027-01', metrics }], quarters: [{ period: '2027Q1', metrics }] };
}
/** A run answer whose incidents median is `marker`, so a test can tell answers apart. */
function runResult(spec: ScenarioSpec, marker: number): ScenarioResult {
  return {
    spec,
    startMonth: '2026-11',
    draws: spec.draws ?? FULL_DRAWS,
    baseline: path(100),
    scenario: path(marker),
    delta: path(marker - 100),
    assumptions: [kappa],
    parameters: [],
    warnings: [],
    millis: spec.draws === PREVIEW_DRAWS ? 12 : 90,
  };
}

/** Lets queued promise callbacks run (fake timers do not advance them by themselves). */
const flush = () => vi.advanceTimersByTimeAsync(0);

async function openStore(handlers: Handlers, workspace: WorkspaceSummary = demo) {
  const fake = fakeApi({ 'app:state': () => ok(appState(workspace)), 'scenario:defaults': () => ok(defaults), 'scenario:list': () => ok([]), ...handlers });
  const store = createAppStore({ api: fake.api });
  await store.getState().start();
  return { store, ...fake };
}

/** Load the builder's defaults and let the first run (on a timer) finish. */
async function ready(store: AppStore) {
  const loading = store.getState().loadScenarioDefaults();
  await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS);
  await loading;
}

const runRequests = (calls: { name: string; request: unknown }[]) => calls.filter((c) => c.name === 'scenario:run').map((c) => c.request as ScenarioSpec);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the draft', () => {
  it('turns into the contract levers: switched-off levers are absent, a cap on no chosen team applies nowhere', () => {
    const draft = defaultDraft();
    expect(leversOf(draft.levers)).toEqual({ capAi: { share: 0.25 } });
    draft.levers.cap.scope = 'teams';
    expect(leversOf(draft.levers)).toEqual({});
    draft.levers.cap.teams = ['platform', 'payments'];
    draft.levers.refactor.on = true;
    draft.levers.tiered = { on: true, aboveShare: 0.6 };
    draft.levers.aiFreeRepos = ['acme/web', 'acme/ledger'];
    expect(leversOf(draft.levers)).toEqual({
      capAi: { share: 0.25, teams: ['payments', 'platform'] },
      refactor: { everyNthSprint: 3, capacity: 0.5, sprintWeeks: 2 },
      tieredReview: { aboveShare: 0.6 },
      aiFreeRepos: ['acme/ledger', 'acme/web'],
    });
  });

  it('round-trips through a saved scenario to the same run spec', () => {
    const saved: SavedScenario = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Refactor',
      levers: { refactor: { everyNthSprint: 4, capacity: 0.3, sprintWeeks: 3 }, aiFreeRepos: ['acme/ledger'] },
      assumptions: { kappa: 0.5 },
      quarters: 6,
      seed: 42,
      createdAt: '2026-11-02T10:00:00Z',
      updatedAt: '2026-11-02T10:00:00Z',
    };
    const draft = draftFromSaved(saved);
    expect(draft.levers.cap.on).toBe(false);
    expect(specOfDraft(draft)).toEqual({ levers: saved.levers, assumptions: saved.assumptions, quarters: 6, seed: 42 });
    expect(specKey(specOfDraft(draft))).toBe(specKey({ levers: saved.levers, assumptions: saved.assumptions, quarters: 6, seed: 42 }));
  });

  it('has a key that ignores property order but not values', () => {
    const a = specKey({ levers: { capAi: { share: 0.2 }, tieredReview: { aboveShare: 0.5 } }, assumptions: { kappa: 0.1 }, quarters: 4, seed: 1 });
    const b = specKey({ levers: { tieredReview: { aboveShare: 0.5 }, capAi: { share: 0.2 } }, assumptions: { kappa: 0.1 }, quarters: 4, seed: 1 });
    const c = specKey({ levers: { tieredReview: { aboveShare: 0.5 }, capAi: { share: 0.21 } }, assumptions: { kappa: 0.1 }, quarters: 4, seed: 1 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});

describe('live runs', () => {
  it('runs a quick preview, shows it, then the full run of the same spec', async () => {
    const answers: ReturnType<typeof deferred<Result<ScenarioResult>>>[] = [];
    const { store, calls } = await openStore({
      'scenario:run': () => {
        const d = deferred<Result<ScenarioResult>>();
        answers.push(d);
        return d.promise;
      },
    });
    const loading = store.getState().loadScenarioDefaults();
    await flush();
    const [preview] = runRequests(calls);
    expect(preview).toMatchObject({ draws: PREVIEW_DRAWS, levers: { capAi: { share: 0.25 } }, quarters: 4, seed: 1 });
    expect(store.getState().scenarios.run.phase).toBe('preview');

    answers[0]!.resolve({ ok: true, value: runResult(preview!, 80) });
    await flush();
    let run = store.getState().scenarios.run;
    expect(run.stage).toBe('preview');
    expect(run.phase).toBe('full');
    expect(run.result?.scenario.months[0]?.metrics.incidents.p50).toBe(80);
    expect(run.preview).toMatchObject({ draws: PREVIEW_DRAWS, engineMs: 12 });
    const full = runRequests(calls)[1]!;
    expect(full.draws).toBe(FULL_DRAWS);
    expect(specKey(full)).toBe(specKey(preview!));

    answers[1]!.resolve({ ok: true, value: runResult(full, 81) });
    await loading;
    run = store.getState().scenarios.run;
    expect(run.phase).toBe('done');
    expect(run.stage).toBe('full');
    expect(run.result?.draws).toBe(FULL_DRAWS);
    expect(run.full).toMatchObject({ draws: FULL_DRAWS, engineMs: 90 });
    expect(run.key).toBe(specKey(specOfDraft(store.getState().scenarios.draft)));
  });

  it('debounces slider moves into one run of the last value', async () => {
    const { store, calls } = await openStore({ 'scenario:run': (spec) => ok(runResult(spec as ScenarioSpec, 70)) });
    await ready(store);
    const before = runRequests(calls).length;
    for (const share of [0.24, 0.23, 0.22, 0.21, 0.2]) {
      store.getState().updateScenarioDraft((d) => ({ ...d, levers: { ...d.levers, cap: { ...d.levers.cap, share } } }));
      await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS / 4);
    }
    expect(runRequests(calls).length).toBe(before);
    expect(store.getState().scenarios.run.phase).toBe('waiting');
    await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS);
    const after = runRequests(calls).slice(before);
    expect(after.map((r) => r.draws)).toEqual([PREVIEW_DRAWS, FULL_DRAWS]);
    expect(after.every((r) => r.levers.capAi?.share === 0.2)).toBe(true);
    expect(store.getState().scenarios.run.phase).toBe('done');
  });

  it('drops an answer that a newer edit superseded, and never shows it', async () => {
    const pending: { spec: ScenarioSpec; answer: ReturnType<typeof deferred<Result<ScenarioResult>>> }[] = [];
    const { store, calls } = await openStore({
      'scenario:run': (spec) => {
        const answer = deferred<Result<ScenarioResult>>();
        pending.push({ spec: spec as ScenarioSpec, answer });
        return answer.promise;
      },
    });
    void store.getState().loadScenarioDefaults();
    await flush();
    expect(pending).toHaveLength(1); // preview of the 25% cap in flight

    store.getState().updateScenarioDraft((d) => ({ ...d, levers: { ...d.levers, cap: { ...d.levers.cap, share: 0.1 } } }));
    await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS);
    // One run at a time: the newer preview waits for the answer in flight.
    expect(runRequests(calls)).toHaveLength(1);

    pending[0]!.answer.resolve({ ok: true, value: runResult(pending[0]!.spec, 25) });
    await flush();
    expect(store.getState().scenarios.run.result).toBeNull();
    expect(store.getState().scenarios.run.dropped).toBe(1);
    // The stale run did not go on to its full run; the newer preview went out instead.
    expect(runRequests(calls).map((r) => [r.levers.capAi?.share, r.draws])).toEqual([
      [0.25, PREVIEW_DRAWS],
      [0.1, PREVIEW_DRAWS],
    ]);

    pending[1]!.answer.resolve({ ok: true, value: runResult(pending[1]!.spec, 10) });
    await flush();
    expect(store.getState().scenarios.run.result?.scenario.months[0]?.metrics.incidents.p50).toBe(10);

    // An edit while the full run is out: the full answer arrives late and is dropped too.
    store.getState().updateScenarioDraft((d) => ({ ...d, quarters: 2 }));
    pending[2]!.answer.resolve({ ok: true, value: runResult(pending[2]!.spec, 11) });
    await flush();
    expect(store.getState().scenarios.run.stage).toBe('preview');
    expect(store.getState().scenarios.run.result?.scenario.months[0]?.metrics.incidents.p50).toBe(10);
    expect(store.getState().scenarios.run.dropped).toBe(2);
  });

  it('keeps the last good result and reports the error when a run fails', async () => {
    let fail = false;
    const { store } = await openStore({
      'scenario:run': (spec) => (fail ? Promise.resolve({ ok: false, error: { code: 'invalid_request', message: 'κ must be between 0 and 0.8' } }) : ok(runResult(spec as ScenarioSpec, 60))),
    });
    await ready(store);
    fail = true;
    store.getState().setScenarioAssumption('kappa', 0.5);
    await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS);
    const run = store.getState().scenarios.run;
    expect(run.phase).toBe('error');
    expect(run.error?.message).toContain('κ');
    expect(run.result?.scenario.months[0]?.metrics.incidents.p50).toBe(60);
  });

  it('drops answers for a workspace that is no longer open and starts a fresh draft', async () => {
    const answer = deferred<Result<ScenarioResult>>();
    let first = true;
    const { store } = await openStore({
      'scenario:run': (spec) => {
        if (first) {
          first = false;
          return answer.promise;
        }
        return ok(runResult(spec as ScenarioSpec, 5));
      },
    });
    void store.getState().loadScenarioDefaults();
    await flush();
    store.getState().updateScenarioDraft((d) => ({ ...d, seed: 9 }));
    store.getState().workspaceChanged(other);
    answer.resolve({ ok: true, value: runResult({ levers: {}, quarters: 4, seed: 1 }, 99) });
    await flush();
    expect(store.getState().scenarios.run.result).toBeNull();
    await ready(store);
    expect(store.getState().scenarios.draftPath).toBe(other.path);
    expect(store.getState().scenarios.draft.seed).toBe(1);
    expect(store.getState().scenarios.run.result?.scenario.months[0]?.metrics.incidents.p50).toBe(5);
  });

  it('clamps assumptions to their range and forgets an override equal to the default', async () => {
    const { store } = await openStore({ 'scenario:run': (spec) => ok(runResult(spec as ScenarioSpec, 1)) });
    await ready(store);
    store.getState().setScenarioAssumption('kappa', 5);
    expect(store.getState().scenarios.draft.assumptions).toEqual({ kappa: 0.8 });
    store.getState().setScenarioAssumption('kappa', 0.3);
    expect(store.getState().scenarios.draft.assumptions).toEqual({});
  });
});

/** An in-memory `scenarios` table behind the contract's save/list/rename/duplicate/delete. */
function savedScenarioApi() {
  const rows = new Map<string, SavedScenario>();
  let n = 0;
  const conflict = (name: string, id?: string) => [...rows.values()].some((r) => r.name === name && r.id !== id);
  const fail = (message: string): Promise<Result<never>> => Promise.resolve({ ok: false, error: { code: 'conflict', message } });
  const handlers: Handlers = {
    'scenario:list': () => ok([...rows.values()].sort((a, b) => a.name.localeCompare(b.name))),
    'scenario:save': (r) => {
      if (conflict(r.name, r.id)) return fail(`A scenario named "${r.name}" already exists: choose another name.`);
      const id = r.id ?? `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
      const row: SavedScenario = { id, name: r.name, levers: r.levers, assumptions: r.assumptions ?? {}, quarters: r.quarters, seed: r.seed, createdAt: '2026-11-02T10:00:00Z', updatedAt: '2026-11-02T10:00:00Z' };
      rows.set(id, row);
      return ok(row);
    },
    'scenario:rename': ({ id, name }) => {
      if (conflict(name, id)) return fail(`A scenario named "${name}" already exists: choose another name.`);
      const row = { ...rows.get(id)!, name };
      rows.set(id, row);
      return ok(row);
    },
    'scenario:duplicate': ({ id }) => {
      const src = rows.get(id)!;
      const copy = { ...src, id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, name: `${src.name} (copy)` };
      rows.set(copy.id, copy);
      return ok(copy);
    },
    'scenario:delete': ({ id }) => {
      rows.delete(id);
      return ok(null);
    },
  };
  return { rows, handlers };
}

describe('saved scenarios', () => {
  async function withSaved() {
    const db = savedScenarioApi();
    const opened = await openStore({ ...db.handlers, 'scenario:run': (spec) => ok(runResult(spec as ScenarioSpec, 50)) });
    await ready(opened.store);
    return { ...opened, db };
  }
  const names = (store: AppStore) => store.getState().scenarios.saved.data?.map((s) => s.name);

  it('saves the draft under a name, lists it and makes it the active one', async () => {
    const { store, db } = await withSaved();
    store.getState().updateScenarioDraft((d) => ({ ...d, quarters: 6, seed: 7, levers: { ...d.levers, tiered: { on: true, aboveShare: 0.4 } } }));
    const result = await store.getState().saveScenarioAs('Cap and review');
    expect(result.ok).toBe(true);
    expect(names(store)).toEqual(['Cap and review']);
    const row = [...db.rows.values()][0]!;
    expect(row).toMatchObject({ quarters: 6, seed: 7, levers: { capAi: { share: 0.25 }, tieredReview: { aboveShare: 0.4 } } });
    expect(store.getState().scenarios.activeId).toBe(row.id);
  });

  it('refuses a duplicate name with the engine’s message and keeps the list', async () => {
    const { store } = await withSaved();
    await store.getState().saveScenarioAs('A');
    const again = await store.getState().saveScenarioAs('A');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already exists/);
    expect(names(store)).toEqual(['A']);
  });

  it('duplicates, renames and deletes, keeping the active scenario and compare selection consistent', async () => {
    const { store } = await withSaved();
    const a = await store.getState().saveScenarioAs('Cap 25%');
    if (!a.ok) throw new Error('save failed');
    const copy = await store.getState().duplicateSavedScenario(a.value.id);
    if (!copy.ok) throw new Error('duplicate failed');
    expect(names(store)).toEqual(['Cap 25%', 'Cap 25% (copy)']);

    const renamed = await store.getState().renameSavedScenario(copy.value.id, 'Cap 20%');
    expect(renamed.ok).toBe(true);
    expect(names(store)).toEqual(['Cap 20%', 'Cap 25%']);
    const clash = await store.getState().renameSavedScenario(copy.value.id, 'Cap 25%');
    expect(clash.ok).toBe(false);

    store.getState().toggleCompareSelection(a.value.id);
    store.getState().toggleCompareSelection(copy.value.id);
    expect(store.getState().scenarios.activeId).toBe(a.value.id);
    const removed = await store.getState().deleteSavedScenario(a.value.id);
    expect(removed.ok).toBe(true);
    expect(names(store)).toEqual(['Cap 20%']);
    expect(store.getState().scenarios.activeId).toBeNull();
    expect(store.getState().scenarios.compare.selection).toEqual([copy.value.id]);
  });

  it('loads a saved scenario into the builder and re-runs exactly what was saved', async () => {
    const { store, calls, db } = await withSaved();
    store.getState().updateScenarioDraft((d) => ({ ...d, seed: 11, quarters: 3, levers: { ...d.levers, aiFreeRepos: ['acme/web'] } }));
    const saved = await store.getState().saveScenarioAs('Web by hand');
    if (!saved.ok) throw new Error('save failed');
    store.getState().updateScenarioDraft(() => defaultDraft());
    await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS);

    store.getState().loadSavedScenario(saved.value.id);
    await vi.advanceTimersByTimeAsync(SCENARIO_DEBOUNCE_MS);
    const last = runRequests(calls).at(-1)!;
    const row = db.rows.get(saved.value.id)!;
    expect(last.draws).toBe(FULL_DRAWS);
    expect(specKey(last)).toBe(specKey({ levers: row.levers, assumptions: row.assumptions, quarters: row.quarters, seed: row.seed }));
    expect(store.getState().scenarios.activeId).toBe(saved.value.id);
  });

  it('writes edits over the active scenario with "save changes"', async () => {
    const { store, db } = await withSaved();
    const saved = await store.getState().saveScenarioAs('Plan');
    if (!saved.ok) throw new Error('save failed');
    store.getState().updateScenarioDraft((d) => ({ ...d, quarters: 8 }));
    const updated = await store.getState().updateActiveScenario();
    expect(updated.ok).toBe(true);
    expect(db.rows.size).toBe(1);
    expect(db.rows.get(saved.value.id)?.quarters).toBe(8);
  });
});

describe('compare and replay', () => {
  it('compares at most four, the builder draft included, with full draws', async () => {
    const db = savedScenarioApi();
    const { store, named } = await openStore({
      ...db.handlers,
      'scenario:run': (spec) => ok(runResult(spec as ScenarioSpec, 50)),
      'scenario:compare': ({ items }) => ok({ startMonth: '2026-11', baseline: path(100), scenarios: items.map((i, k) => ({ name: i.name, result: runResult(i.spec as ScenarioSpec, 90 + k) })) }),
    });
    await ready(store);
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D']) {
      const r = await store.getState().saveScenarioAs(name);
      if (r.ok) ids.push(r.value.id);
    }
    store.getState().toggleCompareSelection(CURRENT_DRAFT);
    for (const id of ids) store.getState().toggleCompareSelection(id);
    expect(store.getState().scenarios.compare.selection).toEqual([CURRENT_DRAFT, ...ids.slice(0, 3)]);
    await store.getState().runComparison();
    const request = named('scenario:compare')[0]!.request as { items: { name: string; spec: ScenarioSpec }[] };
    expect(request.items.map((i) => i.name)).toEqual(['D (builder)', 'A', 'B', 'C']);
    expect(request.items.every((i) => i.spec.draws === FULL_DRAWS)).toBe(true);
    expect(store.getState().scenarios.compare.status).toBe('ready');
    expect(store.getState().scenarios.compare.data?.scenarios).toHaveLength(4);
  });

  it('replays the draft’s levers and knows when the levers moved on', async () => {
    const { store, named } = await openStore({
      'scenario:run': (spec) => ok(runResult(spec as ScenarioSpec, 50)),
      'scenario:replay': () =>
        ok({
          quarter: '2026Q3',
          from: '2026-07-01',
          to: '2026-09-30',
          mergedPrs: 10,
          blockedByCap: { prs: 2, aiLines: 100, linkedIncidents: 1, rows: [] },
          sentToSeniorReview: { prs: 0, seniorHours: 0, linkedIncidents: 0, rows: [] },
          inAiFreeRepos: { prs: 0, linkedIncidents: 0, rows: [] },
          linkedIncidentsTotal: 3,
        }),
    });
    await ready(store);
    await store.getState().runReplay();
    expect(named('scenario:replay')[0]!.request).toEqual({ levers: { capAi: { share: 0.25 } }, assumptions: {} });
    expect(store.getState().scenarios.replay.key).toBe(replayKeyOf(store.getState().scenarios.draft));
    store.getState().updateScenarioDraft((d) => ({ ...d, seed: 3 })); // horizon and seed do not change a replay
    expect(store.getState().scenarios.replay.key).toBe(replayKeyOf(store.getState().scenarios.draft));
    store.getState().updateScenarioDraft((d) => ({ ...d, levers: { ...d.levers, cap: { ...d.levers.cap, share: 0.1 } } }));
    expect(store.getState().scenarios.replay.key).not.toBe(replayKeyOf(store.getState().scenarios.draft));
  });
});
