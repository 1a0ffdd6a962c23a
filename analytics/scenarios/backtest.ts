/**
 * Backtest of the baseline projection: calibrate as if the data ended `months` months earlier,
 * project those months, and count how often the actual monthly totals fall inside the 90% bands.
 * The effects used are the published priors (a fit on the held-out months would peek at them).
 */
import { teamMonthPanel } from '../metrics/panel';
import type { Workspace } from '../workspace/workspace';
import { calibrate, calibrationWindow } from './calibrate';
import { addMonths, simulate } from './model';
import { assumptionKeys, type AssumptionKey } from '../../shared/scenarios';

export interface BacktestRow {
  month: string;
  metric: 'mergedPrs' | 'incidents' | 'bugs';
  actual: number;
  p5: number;
  p50: number;
  p95: number;
  inside: boolean;
}

export interface BacktestResult {
  fittedThrough: string;
  rows: BacktestRow[];
  /** Share of (month, metric) actuals inside the 5–95% band. */
  coverage: number;
}

export async function backtest(ws: Workspace, months = 6, seed = 1, draws = 2000): Promise<BacktestResult | null> {
  const window = await calibrationWindow(ws);
  if (!window) return null;
  const asOf = addMonths(window.lastMonth, -months);
  const c = await calibrate(ws, { effects: [] }, asOf);
  if (!c || c.teams.length === 0) return null;
  const assumptions = Object.fromEntries(assumptionKeys.map((k) => [k, c.assumptions[k].value])) as Record<AssumptionKey, number>;
  const out = simulate({ calibration: c, levers: {}, assumptions, months, seed, draws });
  const [y, m] = window.lastMonth.split('-').map(Number) as [number, number];
  const panel = await teamMonthPanel(ws, { from: `${c.startMonth}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) });
  const rows: BacktestRow[] = [];
  for (const projected of out.baseline.months) {
    const actualRows = panel.filter((r) => r.month === projected.period);
    for (const metric of ['mergedPrs', 'incidents', 'bugs'] as const) {
      const actual = actualRows.reduce((s, r) => s + r[metric], 0);
      const b = projected.metrics[metric];
      rows.push({ month: projected.period, metric, actual, ...b, inside: actual >= b.p5 && actual <= b.p95 });
    }
  }
  return { fittedThrough: asOf, rows, coverage: rows.filter((r) => r.inside).length / rows.length };
}
