/**
 * The metric facts (facts.sql): per-PR, per-change, per-incident, per-bug and per-ticket rows with
 * every period-independent definition applied, kept in temp tables of the workspace's connection.
 * They are rebuilt when the workspace has been written to since (Workspace.writeCount) or the
 * linking settings they use changed, so a dashboard query only filters and aggregates — which keeps
 * it within product.md §9's 100 ms on 600k PRs — and every metric reads the same definitions.
 */
import { runScript, jsonList } from '../linking/script';
import { getLinkSettings } from '../linking/settings';
import type { Workspace } from '../workspace/workspace';
import factsSql from './facts.sql';

interface FactsState {
  /** Workspace.writeCount the facts were built at (read inside the building transaction). */
  writeCount: number;
  settingsKey: string;
}

// Keyed by the workspace object: facts live in its connection and go away with it.
const built = new WeakMap<Workspace, FactsState>();
const building = new WeakMap<Workspace, Promise<void>>();

/** Make sure the facts reflect the workspace as it is now (rebuilding them if anything was written). */
export async function ensureMetricFacts(ws: Workspace): Promise<void> {
  for (;;) {
    const pending = building.get(ws);
    if (pending) {
      await pending;
      continue;
    }
    const settings = await getLinkSettings(ws);
    const settingsKey = JSON.stringify([settings.incidentWindowHours, settings.productionEnvironments]);
    const state = built.get(ws);
    if (state && state.writeCount === ws.writeCount && state.settingsKey === settingsKey) return;
    const job = ws
      .transaction(async (tx) => {
        await runScript(tx, factsSql, {
          window_hours: settings.incidentWindowHours,
          environments: jsonList(settings.productionEnvironments.map((e) => e.toLowerCase())),
        });
        built.set(ws, { writeCount: ws.writeCount, settingsKey });
      })
      .finally(() => building.delete(ws));
    building.set(ws, job);
    await job;
    return;
  }
}
