/**
 * A scenario worker thread (parallel.ts): simulates one slice of a run's draws for each requested
 * path (the baseline is `null`) and sends the samples back as transferable buffers.
 */
import { parentPort } from 'node:worker_threads';
import { drawSet, pathSamples } from './model';
import type { SliceRequest, SliceResponse } from './parallel';

const port = parentPort;
if (!port) throw new Error('analytics/scenarios/worker.ts runs only as a worker thread');

port.on('message', (req: SliceRequest) => {
  try {
    const set = drawSet(req.calibration, req.assumptions, req.months, req.seed, req.draws, req.from, req.to);
    const samples = pathSamples(req.calibration, req.paths, set);
    const response: SliceResponse = { id: req.id, samples };
    port.postMessage(response, samples.flatMap((s) => Object.values(s).map((a) => a.buffer as ArrayBuffer)));
  } catch (err) {
    const response: SliceResponse = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    port.postMessage(response);
  }
});
