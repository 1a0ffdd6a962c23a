/**
 * The metric facts (facts.sql): per-PR, per-change, per-incident, per-bug and per-ticket rows with
 * every period-independent definition applied, kept in temp tables of the workspace's connection.
 * They are rebuilt when the workspace has been written to since (Workspace.writeCount) or the
 * linking settings they use changed, so a dashboard query only filters and aggregates, and every
 * metric reads the same definitions. A rebuild also empties the stored cells of the metrics table
 * (cells.ts), which are derived from the facts.
 */
import { runScript, jsonList } from '../linking/script';
import { getLinkSettings } from '../linking/settings';
import type { Workspace } from '../workspace/workspace';
import cellAggregatesSql from './cell-aggregates.sql';
import factsSql from './facts.sql';

/** cell-aggregates.sql (which continues a WITH list) ready for a final SELECT from `cells` (analytics/metrics/cells.ts). */
export const allCellsSql = `WITH start AS (SELECT 1)\n${cellAggregatesSql}`;

/** cell-aggregates.sql's parameters for whole cells of every row: no team or repo filter, all dates, no period cut out. */
export const WHOLE_RANGE_CELLS = { team: null, repo: null, from: '0001-01-01', to: '9999-12-31', cell_lo: null, cell_hi: null } as const;

interface FactsState {
  /** Workspace.writeCount the facts were built at (read inside the building transaction). */
  writeCount: number;
  settingsKey: string;
  /** Identifies this build: what is derived from the facts (analytics/metrics/cells.ts) keys on it. */
  version: object;
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
        // The stored cells of the metrics table (cells.ts), empty: the columns are cell-aggregates.sql's own.
        await tx.run(`CREATE OR REPLACE TEMP TABLE __metric_cell AS ${allCellsSql}\nSELECT '' AS grain, '' AS dim, * FROM cells WHERE false`, {
          ...WHOLE_RANGE_CELLS,
          by: 'none',
          grain: 'month',
        });
        built.set(ws, { writeCount: ws.writeCount, settingsKey, version: {} });
      })
      .finally(() => building.delete(ws));
    building.set(ws, job);
    await job;
    return;
  }
}

/** The current build of the facts (a new object after every rebuild), or null before the first. */
export function metricFactsVersion(ws: Workspace): object | null {
  return built.get(ws)?.version ?? null;
}
