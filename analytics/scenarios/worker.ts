/**
 * A scenario worker thread (parallel.ts): simulates a slice of a run's draws into the run's shared
 * arrays, or takes the bands of a share of its cells once every slice is in.
 */
import { parentPort } from 'node:worker_threads';
import { bandsInto, calendar, drawSet, simulateSlice } from './model';
import type { WorkerRequest, WorkerResponse } from './parallel';

const port = parentPort;
if (!port) throw new Error('analytics/scenarios/worker.ts runs only as a worker thread');

port.on('message', (req: WorkerRequest) => {
  try {
    if (req.kind === 'simulate') {
      const set = drawSet(req.calibration, req.assumptions, req.months, req.seed, req.draws, req.from, req.to);
      simulateSlice(req.calibration, req, set);
      Atomics.add(req.done, 0, 1);
    } else {
      if (Atomics.load(req.done, 0) !== req.slices) throw new Error('bands asked for before every slice was simulated');
      bandsInto(calendar(req.startMonth, req.months), req.parts, req.draws, req.first, req.step, req.out);
      Atomics.add(req.done, 1, 1);
    }
    port.postMessage({ id: req.id } satisfies WorkerResponse);
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerResponse);
  }
});
