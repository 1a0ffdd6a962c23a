/**
 * Scenarios (product.md §8): run, compare, replay on history, and save in the workspace. The model
 * is model.ts (pure); calibration reads the workspace once per data version and is cached, so a
 * slider move only re-runs the Monte Carlo.
 */
import { randomUUID } from 'node:crypto';
import {
  assumptionKeys,
  type AssumptionKey,
  type ReplayPr,
  type ReplayResult,
  type SavedScenario,
  type ScenarioAssumptions,
  type ScenarioComparison,
  type ScenarioDefaults,
  type ScenarioLevers,
  type ScenarioResult,
  type ScenarioSpec,
} from '../../shared/scenarios';
import { UndertowError } from '../errors';
import { runMetricQuery } from '../metrics/query';
import type { Workspace } from '../workspace/workspace';
import { calibrate, calibrationWindow, type FittedEffect, type FittedThroughput } from './calibrate';
import { addMonths, baselineKey, monthsForQuarters, scenarioParameters, type BaselineRun, type Calibration, type RunInput } from './model';
import { simulateScenarios, warmScenarioThreads } from './parallel';
import replaySql from './replay.sql';

export const DEFAULT_DRAWS = 2000;
export const MAX_SCENARIOS_COMPARED = 4;
const REPLAY_ROWS = 200;

/** Supplies the fitted effects for a workspace (the analytics engine); null = use the priors. */
export type EffectsSource = (ws: Workspace) => Promise<{ effects: readonly FittedEffect[]; throughput?: FittedThroughput | undefined } | null>;

const cache = new WeakMap<Workspace, { key: string; calibration: Promise<Calibration | null> }>();

async function dataVersion(ws: Workspace): Promise<string> {
  const [row] = await ws.all<{ v: string }>("SELECT coalesce(max(import_id), 0)::VARCHAR || '/' || coalesce((SELECT max(updated_at)::VARCHAR FROM settings), '') AS v FROM imports");
  return row?.v ?? '';
}

/** The workspace's calibration, recomputed only when an import or a setting changed. */
export async function calibrationFor(ws: Workspace, effects: EffectsSource): Promise<Calibration> {
  const key = await dataVersion(ws);
  let entry = cache.get(ws);
  if (!entry || entry.key !== key) {
    entry = { key, calibration: effects(ws).then((fitted) => calibrate(ws, fitted ?? { effects: [] })) };
    cache.set(ws, entry);
    entry.calibration.catch(() => cache.delete(ws));
  }
  const calibration = await entry.calibration;
  if (!calibration || calibration.teams.length === 0) {
    throw new UndertowError('invalid_request', 'This workspace has no merged pull requests in its last complete months: import GitHub data before building scenarios.');
  }
  return calibration;
}

/** The builder's starting point: assumptions with their sources, fitted parameters, teams and repos. */
export async function scenarioDefaults(ws: Workspace, effects: EffectsSource): Promise<ScenarioDefaults> {
  warmScenarioThreads();
  const c = await calibrationFor(ws, effects);
  const parameters = scenarioParameters(c);
  const repos = [...new Set(c.teams.flatMap((t) => Object.keys(t.repoShares)))].sort();
  return { startMonth: c.startMonth, assumptions: assumptionKeys.map((k) => c.assumptions[k]), parameters, teams: c.teams.map((t) => t.team), repos, warnings: c.warnings };
}

function resolvedAssumptions(c: Calibration, overrides: ScenarioAssumptions = {}): Record<AssumptionKey, number> {
  const out = {} as Record<AssumptionKey, number>;
  for (const key of assumptionKeys) {
    const info = c.assumptions[key];
    const value = overrides[key] ?? info.value;
    if (!(value >= info.min && value <= info.max)) {
      throw new UndertowError('invalid_request', `${info.label} must be between ${info.min} and ${info.max} (got ${value}).`, { field: key });
    }
    out[key] = value;
  }
  return out;
}

function validateLevers(levers: ScenarioLevers, c: Calibration): void {
  const teams = new Set(c.teams.map((t) => t.team));
  for (const team of levers.capAi?.teams ?? []) {
    if (!teams.has(team)) throw new UndertowError('invalid_request', `Unknown team "${team}" in the AI cap. Teams: ${[...teams].join(', ')}.`, { field: 'capAi.teams' });
  }
}

/**
 * The last baselines run per calibration: while a lever slider moves only the scenario is simulated
 * (the baseline does not depend on the levers). Two are kept: the 300-draw preview's and the full run's.
 */
const baselines = new WeakMap<Calibration, BaselineRun[]>();
const BASELINES_KEPT = 2;

export async function runScenario(ws: Workspace, spec: ScenarioSpec, effects: EffectsSource): Promise<ScenarioResult> {
  const started = performance.now();
  const c = await calibrationFor(ws, effects);
  validateLevers(spec.levers, c);
  const assumptions = resolvedAssumptions(c, spec.assumptions);
  const draws = spec.draws ?? DEFAULT_DRAWS;
  const input: RunInput = { calibration: c, assumptions, months: monthsForQuarters(c.startMonth, spec.quarters), seed: spec.seed, draws };
  const key = baselineKey(input);
  const kept = baselines.get(c) ?? [];
  const { baseline, outputs } = await simulateScenarios(input, [spec.levers], kept.find((b) => b.key === key));
  baselines.set(c, [baseline, ...kept.filter((b) => b.key !== key)].slice(0, BASELINES_KEPT));
  const out = outputs[0]!;
  return {
    spec: { ...spec, draws },
    startMonth: c.startMonth,
    draws,
    baseline: out.baseline,
    scenario: out.scenario,
    delta: out.delta,
    assumptions: assumptionKeys.map((k) => ({ ...c.assumptions[k], value: assumptions[k] })),
    parameters: out.parameters,
    warnings: c.warnings,
    millis: Math.round(performance.now() - started),
  };
}

/** Up to four saved or unsaved scenarios against one baseline (same seed and horizon). */
export async function compareScenarios(
  ws: Workspace,
  items: ReadonlyArray<{ name: string; spec: ScenarioSpec }>,
  effects: EffectsSource,
): Promise<ScenarioComparison> {
  if (items.length === 0 || items.length > MAX_SCENARIOS_COMPARED) {
    throw new UndertowError('invalid_request', `Compare between 1 and ${MAX_SCENARIOS_COMPARED} scenarios (got ${items.length}).`);
  }
  const quarters = Math.max(...items.map((i) => i.spec.quarters));
  const seed = items[0]!.spec.seed;
  const results = [];
  for (const item of items) results.push({ name: item.name, result: await runScenario(ws, { ...item.spec, quarters, seed }, effects) });
  return { startMonth: results[0]!.result.startMonth, baseline: results[0]!.result.baseline, scenarios: results };
}

// ---- Replay on history ---------------------------------------------------------------------------

interface ReplaySqlRow {
  repo: string;
  number: number;
  title: string;
  team: string | null;
  ai_share: number;
  additions: number;
  merged_at: string;
  url: string | null;
  linked_incidents: number;
}

function lastCompleteQuarter(lastMonth: string): { quarter: string; from: string; to: string } {
  const m = Number(lastMonth.slice(5, 7));
  // The quarter that ends on or before the last complete month.
  const endMonth = m % 3 === 0 ? lastMonth : addMonths(lastMonth, -(m % 3));
  const [ey, em] = endMonth.split('-').map(Number) as [number, number];
  const from = `${addMonths(endMonth, -2)}-01`;
  const to = new Date(Date.UTC(ey, em, 0)).toISOString().slice(0, 10);
  return { quarter: `${ey}Q${em / 3}`, from, to };
}

export async function replayScenario(ws: Workspace, levers: ScenarioLevers, assumptions: ScenarioAssumptions, effects: EffectsSource): Promise<ReplayResult> {
  const window = await calibrationWindow(ws);
  if (!window) throw new UndertowError('invalid_request', 'This workspace has no data to replay a policy on.');
  const c = await calibrationFor(ws, effects);
  const a = resolvedAssumptions(c, assumptions);
  const q = lastCompleteQuarter(window.lastMonth);
  const rows = await runMetricQuery<ReplaySqlRow>(ws, replaySql, { bounds: { from: q.from, to: q.to }, grain: 'month' });
  const toPr = (r: ReplaySqlRow): ReplayPr => ({ repo: r.repo, number: r.number, title: r.title, team: r.team, aiShare: r.ai_share, additions: r.additions, mergedAt: r.merged_at, url: r.url, linkedIncidents: r.linked_incidents });
  const capTeams = levers.capAi?.teams?.length ? new Set(levers.capAi.teams) : null;
  const capped = levers.capAi ? rows.filter((r) => r.ai_share > levers.capAi!.share && (!capTeams || (r.team !== null && capTeams.has(r.team)))) : [];
  const tiered = levers.tieredReview ? rows.filter((r) => r.ai_share > levers.tieredReview!.aboveShare) : [];
  const free = new Set(levers.aiFreeRepos ?? []);
  const inFree = rows.filter((r) => free.has(r.repo) && r.ai_share > 0);
  const incidents = (list: ReplaySqlRow[]) => list.reduce((s, r) => s + r.linked_incidents, 0);
  return {
    quarter: q.quarter,
    from: q.from,
    to: q.to,
    mergedPrs: rows.length,
    blockedByCap: {
      prs: capped.length,
      aiLines: Math.round(capped.reduce((s, r) => s + (r.ai_share - levers.capAi!.share) * r.additions, 0)),
      linkedIncidents: incidents(capped),
      rows: capped.slice(0, REPLAY_ROWS).map(toPr),
    },
    sentToSeniorReview: { prs: tiered.length, seniorHours: Math.round(tiered.length * a.extraSeniorHours * 10) / 10, linkedIncidents: incidents(tiered), rows: tiered.slice(0, REPLAY_ROWS).map(toPr) },
    inAiFreeRepos: { prs: inFree.length, linkedIncidents: incidents(inFree), rows: inFree.slice(0, REPLAY_ROWS).map(toPr) },
    linkedIncidentsTotal: incidents(rows),
  };
}

// ---- Saved scenarios -----------------------------------------------------------------------------

interface ScenarioRow {
  scenario_id: string;
  name: string;
  levers: string;
  assumptions: string;
  seed: number;
  created_at: string;
  updated_at: string;
}

function fromRow(r: ScenarioRow): SavedScenario {
  const assumptions = JSON.parse(r.assumptions) as ScenarioAssumptions & { quarters?: number };
  const { quarters, ...rest } = assumptions;
  return { id: r.scenario_id, name: r.name, levers: JSON.parse(r.levers) as ScenarioLevers, assumptions: rest, quarters: quarters ?? 4, seed: r.seed, createdAt: r.created_at, updatedAt: r.updated_at };
}

const SELECT_SCENARIOS = `SELECT scenario_id, name, levers::VARCHAR AS levers, assumptions::VARCHAR AS assumptions, seed,
  strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at FROM scenarios`;

export async function listScenarios(ws: Workspace): Promise<SavedScenario[]> {
  return (await ws.all<ScenarioRow>(`${SELECT_SCENARIOS} ORDER BY lower(name)`)).map(fromRow);
}

async function byId(ws: Workspace, id: string): Promise<SavedScenario> {
  const [row] = await ws.all<ScenarioRow>(`${SELECT_SCENARIOS} WHERE scenario_id = $id`, { id });
  if (!row) throw new UndertowError('not_found', `No saved scenario with id ${id}.`);
  return fromRow(row);
}

export async function scenarioByName(ws: Workspace, name: string): Promise<SavedScenario> {
  const [row] = await ws.all<ScenarioRow>(`${SELECT_SCENARIOS} WHERE name = $name`, { name });
  if (!row) throw new UndertowError('not_found', `No saved scenario named "${name}".`);
  return fromRow(row);
}

async function assertNameFree(ws: Workspace, name: string, exceptId?: string): Promise<void> {
  const [row] = await ws.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM scenarios WHERE name = $name AND scenario_id <> $id', { name, id: exceptId ?? '' });
  if (row!.n > 0) throw new UndertowError('conflict', `A scenario named "${name}" already exists: choose another name.`, { field: 'name' });
}

/** Save a new scenario, or update the one with `id`. Levers, assumptions, horizon and seed are kept. */
export async function saveScenario(
  ws: Workspace,
  input: { id?: string | undefined; name: string; levers: ScenarioLevers; assumptions?: ScenarioAssumptions | undefined; quarters: number; seed: number },
): Promise<SavedScenario> {
  const name = input.name.trim();
  if (!name) throw new UndertowError('invalid_request', 'A scenario needs a name.', { field: 'name' });
  await assertNameFree(ws, name, input.id);
  const levers = JSON.stringify(input.levers);
  const assumptions = JSON.stringify({ ...(input.assumptions ?? {}), quarters: input.quarters });
  if (input.id) {
    await byId(ws, input.id);
    await ws.run('UPDATE scenarios SET name = $name, levers = $levers, assumptions = $assumptions, seed = $seed, updated_at = now()::TIMESTAMP WHERE scenario_id = $id', {
      id: input.id,
      name,
      levers,
      assumptions,
      seed: input.seed,
    });
    return byId(ws, input.id);
  }
  const id = randomUUID();
  await ws.run('INSERT INTO scenarios VALUES ($id, $name, $levers, $assumptions, $seed, now()::TIMESTAMP, now()::TIMESTAMP)', { id, name, levers, assumptions, seed: input.seed });
  return byId(ws, id);
}

export async function renameScenario(ws: Workspace, id: string, name: string): Promise<SavedScenario> {
  const s = await byId(ws, id);
  return saveScenario(ws, { ...s, name });
}

export async function duplicateScenario(ws: Workspace, id: string): Promise<SavedScenario> {
  const s = await byId(ws, id);
  const names = new Set((await listScenarios(ws)).map((x) => x.name));
  let n = 1;
  let name = `${s.name} (copy)`;
  while (names.has(name)) name = `${s.name} (copy ${++n})`;
  return saveScenario(ws, { name, levers: s.levers, assumptions: s.assumptions, quarters: s.quarters, seed: s.seed });
}

export async function deleteScenario(ws: Workspace, id: string): Promise<void> {
  await byId(ws, id);
  await ws.run('DELETE FROM scenarios WHERE scenario_id = $id', { id });
}

export function specOf(saved: SavedScenario, draws?: number): ScenarioSpec {
  return { levers: saved.levers, assumptions: saved.assumptions, quarters: saved.quarters, seed: saved.seed, ...(draws ? { draws } : {}) };
}
