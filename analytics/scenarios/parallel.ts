/**
 * The scenario Monte Carlo on worker threads. A run's draws are independent (each draw's random
 * numbers are keyed by seed and draw number), so the draws are split into one slice per worker, each
 * worker simulates its slice of every path, and the slices are joined in draw order: the result is
 * identical, number for number, to `simulate` in one thread (a test checks this). Besides using every
 * core, this keeps a run off the thread that serves the app (the Electron main process).
 *
 * Workers start on first use and stay (unreferenced while idle, so a CLI exits when done). Where a
 * worker cannot start (one core, or a test runner without the TypeScript loader) runs use this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { scenarioMetricKeys, type ScenarioLevers } from '../../shared/scenarios';
import { baselineRun, drawSet, keptBaseline, pathSamples, summarize, type BaselineRun, type Calibration, type RunInput, type Samples, type SimulationOutput } from './model';

export interface SliceRequest {
  id: number;
  calibration: Calibration;
  assumptions: RunInput['assumptions'];
  months: number;
  seed: number;
  draws: number;
  from: number;
  to: number;
  /** Levers per path; null is the baseline. */
  paths: Array<ScenarioLevers | null>;
}

export type SliceResponse = { id: number; samples: Samples[]; error?: undefined } | { id: number; error: string; samples?: undefined };

const MAX_WORKERS = 4;
/** Fewer draws than this per worker are not worth a message round trip. */
const MIN_DRAWS_PER_WORKER = 250;

/**
 * The worker's module. Built (electron-vite), it is the file next to the bundle. From source (tsx:
 * the CLI, browser mode, tests) it is the TypeScript file, and a worker thread does not inherit the
 * parent's module hooks, so a small bootstrap registers tsx's loader in the worker first.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./scenario-worker.js', import.meta.url));
  const source = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, { eval: true });
}

class Pool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { worker: Worker; resolve: (s: Samples[]) => void; reject: (e: Error) => void }>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 1;

  constructor(readonly size: number) {}

  private worker(i: number): Worker {
    let w = this.workers[i];
    if (!w) {
      w = startWorker();
      w.unref();
      w.on('message', (res: SliceResponse) => this.settle(res));
      w.on('error', (err) => this.fail(w!, err));
      w.on('exit', (code) => this.fail(w!, new Error(`scenario worker exited with code ${code}`)));
      this.workers[i] = w;
    }
    return w;
  }

  private settle(res: SliceResponse): void {
    const job = this.pending.get(res.id);
    if (!job) return;
    this.pending.delete(res.id);
    this.release(job.worker);
    if (res.error !== undefined) job.reject(new Error(`scenario worker failed: ${res.error}`));
    else job.resolve(res.samples);
  }

  /** A worker that errored or exited is dropped; its jobs fail (and the caller falls back). */
  private fail(w: Worker, err: Error): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers[i] = undefined as unknown as Worker;
    for (const [id, job] of this.pending) {
      if (job.worker !== w) continue;
      this.pending.delete(id);
      job.reject(err);
    }
    this.busy.delete(w);
  }

  private release(w: Worker): void {
    const n = (this.busy.get(w) ?? 1) - 1;
    this.busy.set(w, n);
    if (n === 0) w.unref();
  }

  run(i: number, req: Omit<SliceRequest, 'id'>): Promise<Samples[]> {
    const w = this.worker(i);
    const id = this.nextId++;
    // Referenced while a job is out, so the process waits for it.
    this.busy.set(w, (this.busy.get(w) ?? 0) + 1);
    w.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker: w, resolve, reject });
      w.postMessage({ ...req, id } satisfies SliceRequest);
    });
  }

  /** Start every worker now (loading the model takes a moment), so the first run does not wait for it. */
  warm(): void {
    for (let i = 0; i < this.size; i++) this.worker(i);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.filter(Boolean).map((w) => w.terminate()));
    this.workers.length = 0;
  }
}

let pool: Pool | null = null;
/** Why workers are not used, once a worker failed to start; runs then stay in this thread. */
let unavailable: string | null = null;

/** Worker threads for scenario runs: `threads` ≤ 1 runs in this thread (tests compare both). */
export function setScenarioThreads(threads: number): void {
  void pool?.close();
  pool = threads > 1 ? new Pool(Math.min(threads, MAX_WORKERS)) : null;
  unavailable = threads > 1 ? null : 'one thread requested';
}

function currentPool(): Pool | null {
  if (unavailable) return null;
  if (!pool) {
    const cores = availableParallelism();
    if (cores < 2) {
      unavailable = 'one core';
      return null;
    }
    pool = new Pool(Math.min(cores, MAX_WORKERS));
  }
  return pool;
}

/** Start the worker threads ahead of the first run (the Scenarios view calls scenario:defaults on open). */
export function warmScenarioThreads(): void {
  currentPool()?.warm();
}

/** Why runs are in this thread, or null when they use worker threads. */
export function scenarioThreadsUnavailable(): string | null {
  return unavailable;
}

function join(months: number, draws: number, slices: Array<{ from: number; to: number; samples: Samples }>): Samples {
  const out = Object.fromEntries(scenarioMetricKeys.map((k) => [k, new Float64Array(months * draws)])) as Samples;
  for (const { from, to, samples } of slices) {
    const n = to - from;
    for (const key of scenarioMetricKeys) {
      const src = samples[key];
      const dst = out[key];
      for (let t = 0; t < months; t++) dst.set(src.subarray(t * n, (t + 1) * n), t * draws + from);
    }
  }
  return out;
}

/** Samples of every path (null = baseline) for all draws: on the workers, or in this thread. */
async function samplesFor(input: RunInput, paths: Array<ScenarioLevers | null>): Promise<Samples[]> {
  const { calibration: c, assumptions, months, seed, draws } = input;
  const p = currentPool();
  const slices = p ? Math.min(p.size, Math.floor(draws / MIN_DRAWS_PER_WORKER)) : 1;
  if (!p || slices < 2) {
    const set = drawSet(c, assumptions, months, seed, draws);
    return pathSamples(c, paths, set);
  }
  const bounds = Array.from({ length: slices }, (_, i) => ({ from: Math.round((i * draws) / slices), to: Math.round(((i + 1) * draws) / slices) }));
  let results: Samples[][];
  try {
    results = await Promise.all(bounds.map((b, i) => p.run(i, { calibration: c, assumptions, months, seed, draws, from: b.from, to: b.to, paths })));
  } catch (err) {
    // A worker that cannot start (no TypeScript loader in a test runner, a missing bundle file) is
    // not an error in the run: the same numbers come from this thread. Say why once, and stay here.
    unavailable = err instanceof Error ? err.message : String(err);
    console.warn(`Scenario runs use one thread: ${unavailable}`);
    void p.close();
    pool = null;
    return samplesFor(input, paths);
  }
  return paths.map((_, k) => join(months, draws, bounds.map((b, i) => ({ ...b, samples: results[i]![k]! }))));
}

/**
 * Runs scenarios against one baseline: the baseline (unless `cached` is the baseline of this input)
 * and every scenario are simulated in one pass over the workers.
 */
export async function simulateScenarios(input: RunInput, scenarios: ScenarioLevers[], cached?: BaselineRun): Promise<{ baseline: BaselineRun; outputs: SimulationOutput[] }> {
  const reuse = keptBaseline(cached, input);
  const samples = await samplesFor(input, reuse ? scenarios : [null, ...scenarios]);
  const baseline = reuse ?? baselineRun(input, samples.shift()!);
  return { baseline, outputs: scenarios.map((levers, i) => summarize({ ...input, levers }, baseline, samples[i]!)) };
}
