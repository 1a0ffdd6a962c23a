/**
 * The scenario builder (product.md §8, docs/scenarios.md): the draft a leader edits, live runs of it
 * (a quick preview, then the full Monte Carlo), saved scenarios, the comparison and the replay on
 * history. Every answer is checked against the request that is current when it arrives: a slider
 * that moved on makes the older answer stale, and stale answers are dropped, never shown.
 */
import type { AppError, Result } from '../../../shared/errors';
import type {
  AssumptionKey,
  ReplayResult,
  SavedScenario,
  ScenarioAssumptions,
  ScenarioComparison,
  ScenarioDefaults,
  ScenarioLevers,
  ScenarioResult,
  ScenarioSpec,
} from '../../../shared/scenarios';
import { idle, type Loadable } from './loadable';
import type { SliceCreator, Store } from './types';

/** Draws of the quick run while a slider moves (the contract allows ≥ 200). */
export const PREVIEW_DRAWS = 300;
/** Draws of the full run (the engine's default; what saved results are reproduced with). */
export const FULL_DRAWS = 2000;
/** Quiet time after the last edit before a run starts. */
export const SCENARIO_DEBOUNCE_MS = 200;
/** Baseline plus at most this many scenarios in a comparison (the contract's limit). */
export const MAX_COMPARED = 4;
/** The compare selection's entry for the builder's current (possibly unsaved) draft. */
export const CURRENT_DRAFT = 'current';

// ---- The draft: what the builder's controls edit ------------------------------------------------

/**
 * Levers as the controls hold them: a lever switched off keeps its values, so switching it back on
 * restores them. `leversOf` turns this into the contract's levers (absent = not applied).
 */
export interface LeverDraft {
  cap: { on: boolean; share: number; scope: 'all' | 'teams'; teams: string[] };
  refactor: { on: boolean; everyNthSprint: number; capacity: number; sprintWeeks: number };
  tiered: { on: boolean; aboveShare: number };
  aiFreeRepos: string[];
}

export interface ScenarioDraft {
  levers: LeverDraft;
  /** Overrides of the defaults only; a key equal to its default is removed. */
  assumptions: ScenarioAssumptions;
  quarters: number;
  seed: number;
}

/** Where a new builder starts: the question of issue 5 — cap AI share at 25% for a year. */
export function defaultDraft(): ScenarioDraft {
  return {
    levers: {
      cap: { on: true, share: 0.25, scope: 'all', teams: [] },
      refactor: { on: false, everyNthSprint: 3, capacity: 0.5, sprintWeeks: 2 },
      tiered: { on: false, aboveShare: 0.5 },
      aiFreeRepos: [],
    },
    assumptions: {},
    quarters: 4,
    seed: 1,
  };
}

/** The contract's levers of a draft. A cap scoped to chosen teams with none chosen applies nowhere. */
export function leversOf(draft: LeverDraft): ScenarioLevers {
  const levers: ScenarioLevers = {};
  if (draft.cap.on) {
    if (draft.cap.scope === 'all') levers.capAi = { share: draft.cap.share };
    else if (draft.cap.teams.length > 0) levers.capAi = { share: draft.cap.share, teams: [...draft.cap.teams].sort() };
  }
  if (draft.refactor.on) {
    const { everyNthSprint, capacity, sprintWeeks } = draft.refactor;
    levers.refactor = { everyNthSprint, capacity, sprintWeeks };
  }
  if (draft.tiered.on) levers.tieredReview = { aboveShare: draft.tiered.aboveShare };
  if (draft.aiFreeRepos.length > 0) levers.aiFreeRepos = [...draft.aiFreeRepos].sort();
  return levers;
}

/** What a run of the draft asks the engine for. */
export function specOfDraft(draft: ScenarioDraft, draws?: number): ScenarioSpec {
  return { levers: leversOf(draft.levers), assumptions: { ...draft.assumptions }, quarters: draft.quarters, seed: draft.seed, ...(draws ? { draws } : {}) };
}

/** A saved scenario as a draft: levers it does not use are off, with the default values. */
export function draftFromSaved(saved: Pick<SavedScenario, 'levers' | 'assumptions' | 'quarters' | 'seed'>): ScenarioDraft {
  const base = defaultDraft().levers;
  const { capAi, refactor, tieredReview, aiFreeRepos } = saved.levers;
  return {
    levers: {
      cap: capAi
        ? { on: true, share: capAi.share, scope: capAi.teams && capAi.teams.length > 0 ? 'teams' : 'all', teams: [...(capAi.teams ?? [])] }
        : { ...base.cap, on: false },
      refactor: refactor ? { on: true, ...refactor } : base.refactor,
      tiered: tieredReview ? { on: true, aboveShare: tieredReview.aboveShare } : base.tiered,
      aiFreeRepos: [...(aiFreeRepos ?? [])],
    },
    assumptions: { ...saved.assumptions },
    quarters: saved.quarters,
    seed: saved.seed,
  };
}

/** A canonical key of what a run depends on (levers, assumptions, horizon, seed; not the draws). */
export function specKey(spec: Pick<ScenarioSpec, 'levers' | 'assumptions' | 'quarters' | 'seed'>): string {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, sortKeys(v)]),
          )
        : value;
  return JSON.stringify(sortKeys({ levers: spec.levers, assumptions: spec.assumptions ?? {}, quarters: spec.quarters, seed: spec.seed }));
}

/** Keep only teams and repos the workspace has (a draft can outlive a workspace switch or an import). */
function fitDraftToWorkspace(draft: ScenarioDraft, defaults: ScenarioDefaults): ScenarioDraft {
  const teams = new Set(defaults.teams);
  const repos = new Set(defaults.repos);
  const known: ScenarioAssumptions = {};
  for (const info of defaults.assumptions) {
    const v = draft.assumptions[info.key];
    if (v !== undefined && v >= info.min && v <= info.max && v !== info.value) known[info.key] = v;
  }
  return {
    ...draft,
    levers: {
      ...draft.levers,
      cap: { ...draft.levers.cap, teams: draft.levers.cap.teams.filter((t) => teams.has(t)) },
      aiFreeRepos: draft.levers.aiFreeRepos.filter((r) => repos.has(r)),
    },
    assumptions: known,
  };
}

// ---- State ---------------------------------------------------------------------------------------

export interface RunTiming {
  draws: number;
  /** The engine's own time for the run (`ScenarioResult.millis`). */
  engineMs: number;
  /** Request to answer, as the UI saw it. */
  roundTripMs: number;
}

export interface ScenarioRunState {
  /**
   * idle: nothing asked yet; waiting: an edit is settling (debounce); preview / full: that run is in
   * flight; done: the full run of the current draft is shown; error: the last run failed.
   */
  phase: 'idle' | 'waiting' | 'preview' | 'full' | 'done' | 'error';
  /** The newest answer that was current when it arrived. */
  result: ScenarioResult | null;
  /** Which run `result` is: the quick preview or the full Monte Carlo. */
  stage: 'preview' | 'full' | null;
  /** `specKey` of `result`; differs from the draft's while a newer run is on its way. */
  key: string | null;
  error: AppError | null;
  preview: RunTiming | null;
  full: RunTiming | null;
  /** Answers that arrived after a newer request was made, and were dropped. */
  dropped: number;
}

export interface AsyncState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: AppError | null;
}

export interface ScenariosState {
  defaults: Loadable<ScenarioDefaults>;
  saved: Loadable<SavedScenario[]>;
  /** The workspace the draft belongs to; a different workspace starts a fresh draft. */
  draftPath: string | null;
  draft: ScenarioDraft;
  /** The saved scenario the builder was loaded from (or last saved as). */
  activeId: string | null;
  run: ScenarioRunState;
  compare: AsyncState<ScenarioComparison> & {
    /** Saved scenario ids, and CURRENT_DRAFT for the builder's draft; at most MAX_COMPARED. */
    selection: string[];
  };
  replay: AsyncState<ReplayResult> & {
    /** `specKey` of the levers and assumptions the replay shown was run with. */
    key: string | null;
  };
}

export interface ScenariosSlice {
  scenarios: ScenariosState;
  /** Defaults (assumptions, parameters, teams, repos) and the saved list; then a first run. */
  loadScenarioDefaults: (force?: boolean) => Promise<void>;
  loadSavedScenarios: () => Promise<void>;
  /** Change the draft; a run follows once edits settle (SCENARIO_DEBOUNCE_MS). */
  updateScenarioDraft: (recipe: (draft: ScenarioDraft) => ScenarioDraft) => void;
  /** Override one assumption; `null` returns it to its default. */
  setScenarioAssumption: (key: AssumptionKey, value: number | null) => void;
  resetScenarioAssumptions: () => void;
  /** Run the draft now: preview, then full. Resolves when both answered (or were superseded). */
  runScenarioNow: () => Promise<void>;
  /** Save the draft as a new scenario (becomes the active one). */
  saveScenarioAs: (name: string) => Promise<Result<SavedScenario>>;
  /** Write the draft over the active saved scenario. */
  updateActiveScenario: () => Promise<Result<SavedScenario>>;
  loadSavedScenario: (id: string) => void;
  renameSavedScenario: (id: string, name: string) => Promise<Result<SavedScenario>>;
  duplicateSavedScenario: (id: string) => Promise<Result<SavedScenario>>;
  deleteSavedScenario: (id: string) => Promise<Result<null>>;
  toggleCompareSelection: (id: string) => void;
  runComparison: () => Promise<void>;
  runReplay: () => Promise<void>;
}

const idleRun = (): ScenarioRunState => ({ phase: 'idle', result: null, stage: null, key: null, error: null, preview: null, full: null, dropped: 0 });

const initialState = (): ScenariosState => ({
  defaults: idle(),
  saved: idle(),
  draftPath: null,
  draft: defaultDraft(),
  activeId: null,
  run: idleRun(),
  compare: { status: 'idle', data: null, error: null, selection: [] },
  replay: { status: 'idle', data: null, error: null, key: null },
});

const now = () => performance.now();

export const createScenariosSlice: SliceCreator<ScenariosSlice> = ({ api }) => (set, get) => {
  const patch = (recipe: (s: ScenariosState) => Partial<ScenariosState>) => set((st: Store) => ({ scenarios: { ...st.scenarios, ...recipe(st.scenarios) } }));
  const patchRun = (p: Partial<ScenarioRunState>) => patch((s) => ({ run: { ...s.run, ...p } }));
  const workspacePath = () => get().app.workspace?.path ?? null;
  const defaultsReady = () => {
    const d = get().scenarios.defaults;
    return d.data !== null && d.path === workspacePath();
  };

  // Live runs. `generation` names the newest request; an answer for an older one is stale.
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Resolves the promise of a scheduled run that a newer edit superseded before it started. */
  let settleTimer: (() => void) | null = null;
  const cancelTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    settleTimer?.();
    settleTimer = null;
  };
  // One run in flight at a time: the engine works through requests in order, so a newer request
  // waits for the (soon dropped) older one instead of queueing behind a pile of them.
  let inflight: Promise<unknown> = Promise.resolve();
  let compareGeneration = 0;
  let replayGeneration = 0;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inflight = promise.catch(() => undefined);
    return promise;
  };
  const waitForInflight = async () => {
    let current: Promise<unknown>;
    do {
      current = inflight;
      await current;
    } while (current !== inflight);
  };

  const execute = async (gen: number): Promise<void> => {
    await waitForInflight();
    const path = workspacePath();
    const isCurrent = () => gen === generation && workspacePath() === path;
    if (!isCurrent()) return;
    const { draft } = get().scenarios;
    const spec = specOfDraft(draft);
    const key = specKey(spec);

    patchRun({ phase: 'preview', error: null });
    let started = now();
    const preview = await track(api['scenario:run']({ ...spec, draws: PREVIEW_DRAWS }));
    if (!isCurrent()) {
      patchRun({ dropped: get().scenarios.run.dropped + 1 });
      return;
    }
    if (!preview.ok) {
      patchRun({ phase: 'error', error: preview.error });
      return;
    }
    patchRun({
      phase: 'full',
      result: preview.value,
      stage: 'preview',
      key,
      preview: { draws: preview.value.draws, engineMs: preview.value.millis, roundTripMs: Math.round(now() - started) },
    });

    started = now();
    const full = await track(api['scenario:run']({ ...spec, draws: FULL_DRAWS }));
    if (!isCurrent()) {
      patchRun({ dropped: get().scenarios.run.dropped + 1 });
      return;
    }
    if (!full.ok) {
      patchRun({ phase: 'error', error: full.error });
      return;
    }
    patchRun({
      phase: 'done',
      result: full.value,
      stage: 'full',
      key,
      full: { draws: full.value.draws, engineMs: full.value.millis, roundTripMs: Math.round(now() - started) },
    });
  };

  /** Supersede whatever is pending and run the draft after `delay` ms (0: on the next tick). */
  const schedule = (delay: number): Promise<void> => {
    const gen = ++generation;
    cancelTimer();
    patchRun({ phase: 'waiting' });
    return new Promise<void>((resolve) => {
      settleTimer = resolve;
      timer = setTimeout(() => {
        timer = null;
        settleTimer = null;
        void execute(gen).finally(resolve);
      }, delay);
    });
  };

  /** Drop everything tied to the previous workspace. */
  const resetFor = (path: string | null) => {
    generation++;
    compareGeneration++;
    replayGeneration++;
    cancelTimer();
    patch(() => ({ ...initialState(), defaults: get().scenarios.defaults, saved: get().scenarios.saved, draftPath: path }));
  };

  const refreshSaved = async (): Promise<void> => {
    const path = workspacePath();
    if (!path) return;
    const current = get().scenarios.saved;
    patch(() => ({ saved: { ...current, status: 'loading', error: null, path, version: get().app.dataVersion, data: current.path === path ? current.data : null } }));
    const result = await api['scenario:list']({});
    if (workspacePath() !== path) return;
    patch((s) => ({
      saved: result.ok
        ? { status: 'ready', data: result.value, error: null, version: s.saved.version, path }
        : { ...s.saved, status: 'error', error: result.error },
    }));
  };

  /** After a write: the saved list again, and the write's result for the caller. */
  const afterWrite = async <T>(result: Result<T>): Promise<Result<T>> => {
    if (result.ok) await refreshSaved();
    return result;
  };

  return {
    scenarios: initialState(),

    loadScenarioDefaults: async (force = false) => {
      const workspace = get().app.workspace;
      if (!workspace) return;
      const version = get().app.dataVersion;
      const current = get().scenarios.defaults;
      if (!force && current.version === version && current.path === workspace.path && current.status !== 'idle') return;
      if (get().scenarios.draftPath !== workspace.path) resetFor(workspace.path);
      const keep = current.path === workspace.path ? current.data : null;
      patch(() => ({ defaults: { status: 'loading', data: keep, error: null, version, path: workspace.path } }));
      void refreshSaved();
      const result = await api['scenario:defaults']({});
      if (get().app.dataVersion !== version || workspacePath() !== workspace.path) return;
      if (!result.ok) {
        patch(() => ({ defaults: { status: 'error', data: keep, error: result.error, version, path: workspace.path } }));
        return;
      }
      patch((s) => ({
        defaults: { status: 'ready', data: result.value, error: null, version, path: workspace.path },
        draft: fitDraftToWorkspace(s.draft, result.value),
      }));
      // New data (an import) or a first visit: project again.
      await schedule(0);
    },

    loadSavedScenarios: refreshSaved,

    updateScenarioDraft: (recipe) => {
      patch((s) => ({ draft: recipe(s.draft) }));
      if (defaultsReady()) void schedule(SCENARIO_DEBOUNCE_MS);
    },

    setScenarioAssumption: (key, value) => {
      const info = get().scenarios.defaults.data?.assumptions.find((a) => a.key === key);
      get().updateScenarioDraft((draft) => {
        const assumptions = { ...draft.assumptions };
        if (value === null || !info || value === info.value) delete assumptions[key];
        else assumptions[key] = Math.min(info.max, Math.max(info.min, value));
        return { ...draft, assumptions };
      });
    },

    resetScenarioAssumptions: () => get().updateScenarioDraft((draft) => ({ ...draft, assumptions: {} })),

    runScenarioNow: () => (defaultsReady() ? schedule(0) : Promise.resolve()),

    saveScenarioAs: async (name) => {
      const { draft } = get().scenarios;
      const spec = specOfDraft(draft);
      const result = await api['scenario:save']({ name, levers: spec.levers, assumptions: spec.assumptions, quarters: spec.quarters, seed: spec.seed });
      if (result.ok) patch(() => ({ activeId: result.value.id }));
      return afterWrite(result);
    },

    updateActiveScenario: async () => {
      const { activeId, draft, saved } = get().scenarios;
      const active = saved.data?.find((s) => s.id === activeId);
      if (!activeId || !active) return { ok: false, error: { code: 'not_found', message: 'No saved scenario is loaded in the builder: save it under a name first.' } };
      const spec = specOfDraft(draft);
      return afterWrite(await api['scenario:save']({ id: activeId, name: active.name, levers: spec.levers, assumptions: spec.assumptions, quarters: spec.quarters, seed: spec.seed }));
    },

    loadSavedScenario: (id) => {
      const saved = get().scenarios.saved.data?.find((s) => s.id === id);
      const defaults = get().scenarios.defaults.data;
      if (!saved) return;
      const draft = draftFromSaved(saved);
      patch(() => ({ activeId: id, draft: defaults ? fitDraftToWorkspace(draft, defaults) : draft }));
      if (defaultsReady()) void schedule(0);
    },

    renameSavedScenario: async (id, name) => afterWrite(await api['scenario:rename']({ id, name })),

    duplicateSavedScenario: async (id) => afterWrite(await api['scenario:duplicate']({ id })),

    deleteSavedScenario: async (id) => {
      const result = await api['scenario:delete']({ id });
      if (result.ok) {
        patch((s) => ({
          activeId: s.activeId === id ? null : s.activeId,
          compare: { ...s.compare, selection: s.compare.selection.filter((x) => x !== id) },
        }));
      }
      return afterWrite(result);
    },

    toggleCompareSelection: (id) =>
      patch((s) => {
        const selected = s.compare.selection.includes(id);
        if (!selected && s.compare.selection.length >= MAX_COMPARED) return {};
        return { compare: { ...s.compare, selection: selected ? s.compare.selection.filter((x) => x !== id) : [...s.compare.selection, id] } };
      }),

    runComparison: async () => {
      const { compare, saved, draft, activeId } = get().scenarios;
      const byId = new Map((saved.data ?? []).map((s) => [s.id, s]));
      const activeName = activeId ? byId.get(activeId)?.name : undefined;
      const items = compare.selection.flatMap((id) => {
        if (id === CURRENT_DRAFT) {
          const name = activeName ? `${activeName} (builder)` : 'Builder (unsaved)';
          return [{ name, spec: specOfDraft(draft, FULL_DRAWS) }];
        }
        const s = byId.get(id);
        return s ? [{ name: s.name, spec: { levers: s.levers, assumptions: s.assumptions, quarters: s.quarters, seed: s.seed, draws: FULL_DRAWS } }] : [];
      });
      if (items.length === 0) {
        patch((s) => ({ compare: { ...s.compare, status: 'idle', data: null, error: null } }));
        return;
      }
      const gen = ++compareGeneration;
      const path = workspacePath();
      patch((s) => ({ compare: { ...s.compare, status: 'loading', error: null } }));
      const result = await api['scenario:compare']({ items });
      if (gen !== compareGeneration || workspacePath() !== path) return;
      patch((s) => ({
        compare: result.ok
          ? { ...s.compare, status: 'ready', data: result.value, error: null }
          : { ...s.compare, status: 'error', error: result.error },
      }));
    },

    runReplay: async () => {
      const { draft } = get().scenarios;
      const spec = specOfDraft(draft);
      const key = specKey({ ...spec, quarters: 0, seed: 0 });
      const gen = ++replayGeneration;
      const path = workspacePath();
      patch((s) => ({ replay: { ...s.replay, status: 'loading', error: null } }));
      const result = await api['scenario:replay']({ levers: spec.levers, assumptions: spec.assumptions });
      if (gen !== replayGeneration || workspacePath() !== path) return;
      patch((s) => ({
        replay: result.ok ? { status: 'ready', data: result.value, error: null, key } : { ...s.replay, status: 'error', error: result.error },
      }));
    },
  };
};

/** The replay key of a draft (levers and assumptions only), to tell whether the replay shown is current. */
export function replayKeyOf(draft: ScenarioDraft): string {
  return specKey({ ...specOfDraft(draft), quarters: 0, seed: 0 });
}
