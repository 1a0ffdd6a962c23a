/**
 * The scenario Monte Carlo on worker threads. A run's draws are independent (each draw's random
 * numbers are keyed by seed and draw number), so the draws are split into one slice per worker, each
 * worker simulates its slice of every path straight into the run's arrays (shared memory), with its
 * quarters and differences; then each worker takes the bands of a share of the cells. The result is
 * identical, number for number, to `simulate` in one thread (a test checks this). Besides using every
 * core, this keeps a run — bands included — off the thread that serves the app (the Electron main
 * process).
 *
 * Workers start on first use and stay (unreferenced while idle, so a CLI exits when done). Where a
 * worker cannot start (one core, or a test runner without the TypeScript loader) runs use this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScenarioLevers } from '../../shared/scenarios';
import { bandCells, calendar, finishRun, float64, keptBaseline, runJob, simulateRun, type BaselineRun, type Calibration, type PathSamples, type RunInput, type SimulationOutput } from './model';

/**
 * A worker's part of a run, in two steps: simulate a slice of the draws into the run's shared arrays
 * (`simulateSlice`), then — once every slice is in — take the bands of a share of the cells
 * (`bandsInto`). `done` counts finished slices (word 0) and band shares (word 1); it is written with
 * an atomic add after a step's writes and read atomically before the next step reads them, which also
 * makes those writes visible to the reading thread.
 */
export type WorkerRequest =
  | {
      id: number;
      kind: 'simulate';
      calibration: Calibration;
      assumptions: RunInput['assumptions'];
      months: number;
      seed: number;
      draws: number;
      from: number;
      to: number;
      /** Levers per simulated path; null is the baseline. */
      levers: Array<ScenarioLevers | null>;
      out: PathSamples[];
      deltas: PathSamples[];
      base: PathSamples;
      done: Int32Array;
    }
  | {
      id: number;
      kind: 'bands';
      startMonth: string;
      months: number;
      draws: number;
      parts: PathSamples[];
      /** Periods first, first + step, … of the parts' periods in turn (`bandsInto`): their cells' bands go to out[3·cell …]. */
      first: number;
      step: number;
      out: Float64Array;
      slices: number;
      done: Int32Array;
    };

/** A request before the pool numbers it (Omit over each member of the union). */
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
type WorkerJob = WithoutId<WorkerRequest>;

export interface WorkerResponse {
  id: number;
  error?: string;
}

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
  private readonly pending = new Map<number, { worker: Worker; resolve: () => void; reject: (e: Error) => void }>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 1;

  constructor(readonly size: number) {}

  private worker(i: number): Worker {
    let w = this.workers[i];
    if (!w) {
      w = startWorker();
      w.unref();
      w.on('message', (res: WorkerResponse) => this.settle(res));
      w.on('error', (err) => this.fail(w!, err));
      w.on('exit', (code) => this.fail(w!, new Error(`scenario worker exited with code ${code}`)));
      this.workers[i] = w;
    }
    return w;
  }

  private settle(res: WorkerResponse): void {
    const job = this.pending.get(res.id);
    if (!job) return;
    this.pending.delete(res.id);
    this.release(job.worker);
    if (res.error !== undefined) job.reject(new Error(`scenario worker failed: ${res.error}`));
    else job.resolve();
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

  run(i: number, req: WorkerJob): Promise<void> {
    const w = this.worker(i);
    const id = this.nextId++;
    // Referenced while a job is out, so the process waits for it.
    this.busy.set(w, (this.busy.get(w) ?? 0) + 1);
    w.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker: w, resolve, reject });
      w.postMessage({ ...req, id } as WorkerRequest);
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

/**
 * The calibration as sent to the workers: its PR AI shares (one number per recently merged PR, the
 * only large part) on shared memory, copied there once per array, so a run's message shares them
 * instead of copying them to every worker.
 */
const sharedPrAiShares = new WeakMap<Float64Array, Float64Array>();

function sendable(c: Calibration): Calibration {
  let prAiShares = sharedPrAiShares.get(c.prAiShares);
  if (!prAiShares) {
    prAiShares = float64(c.prAiShares.length);
    prAiShares.set(c.prAiShares);
    sharedPrAiShares.set(c.prAiShares, prAiShares);
  }
  return { ...c, prAiShares };
}

const ranges = (n: number, parts: number) => Array.from({ length: parts }, (_, i) => ({ from: Math.round((i * n) / parts), to: Math.round(((i + 1) * n) / parts) }));

/**
 * Runs scenarios against one baseline: the baseline (unless `cached` is the baseline of this input)
 * and every scenario are simulated in one pass over the workers, each taking a slice of the draws,
 * and then the workers take the bands, each a share of them. Where workers are not available the run
 * is `simulateRun` in this thread: the same numbers.
 */
export async function simulateScenarios(input: RunInput, scenarios: ScenarioLevers[], cached?: BaselineRun): Promise<{ baseline: BaselineRun; outputs: SimulationOutput[] }> {
  const { calibration: c, assumptions, months, seed, draws } = input;
  const p = currentPool();
  const slices = p ? Math.min(p.size, Math.floor(draws / MIN_DRAWS_PER_WORKER)) : 1;
  if (!p || slices < 2 || typeof SharedArrayBuffer !== 'function') return simulateRun(input, scenarios, cached);
  const kept = keptBaseline(cached, input);
  const job = runJob(input, scenarios, kept);
  const done = new Int32Array(new SharedArrayBuffer(8));
  const cal = calendar(c.startMonth, months);
  const cells = bandCells(cal, job.parts.length);
  const bands = float64(3 * cells);
  try {
    const { levers, out, deltas, base } = job;
    const calibration = sendable(c);
    await Promise.all(ranges(draws, slices).map((r, i) => p.run(i, { kind: 'simulate', calibration, assumptions, months, seed, draws, ...r, levers, out, deltas, base, done })));
    await Promise.all(Array.from({ length: slices }, (_, i) => p.run(i, { kind: 'bands', startMonth: c.startMonth, months, draws, parts: job.parts, first: i, step: slices, out: bands, slices, done })));
  } catch (err) {
    // A worker that cannot start (no TypeScript loader in a test runner, a missing bundle file) is
    // not an error in the run: the same numbers come from this thread. Say why once, and stay here.
    unavailable = err instanceof Error ? err.message : String(err);
    console.warn(`Scenario runs use one thread: ${unavailable}`);
    void p.close();
    pool = null;
    return simulateRun(input, scenarios, cached);
  }
  // Every slice and band share is in (and, read atomically, visible to this thread).
  if (Atomics.load(done, 0) !== slices || Atomics.load(done, 1) !== slices) throw new Error('scenario workers answered before finishing their part of the run');
  return finishRun(input, scenarios, job, bands, kept);
}
