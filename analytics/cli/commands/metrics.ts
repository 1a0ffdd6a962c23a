import type { MetricBreakdown, MetricGrain, MetricsRow } from '../../../shared/domain';
import { UsageError, requirePositional, type Command } from '../command';
import { withCliSession } from '../session';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** mergedPrs → merged_prs, incidentsPer100Prs → incidents_per_100_prs. */
function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/([a-z])(\d)/g, '$1_$2');
}

/** A metrics row as flat snake_case JSON: AI/non-AI splits become x, x_ai, x_non_ai; DORA levels dora_*. */
export function flatRow(row: MetricsRow): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(row) as [string, unknown][]) {
    const name = snake(key);
    if (key === 'npsInterval') {
      const interval = value as [number, number] | null;
      out.nps_low = interval ? interval[0] : null;
      out.nps_high = interval ? interval[1] : null;
    } else if (key === 'dora') {
      for (const [k, v] of Object.entries(value as Record<string, string | null>)) out[`dora_${snake(k)}`] = v;
    } else if (value !== null && typeof value === 'object') {
      const split = value as { all: number | null; ai: number | null; nonAi: number | null };
      out[name] = split.all;
      out[`${name}_ai`] = split.ai;
      out[`${name}_non_ai`] = split.nonAi;
    } else {
      out[name] = value as string | number | null;
    }
  }
  return out;
}

const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
const num = (v: number | null, digits = 0) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

const columns: ReadonlyArray<[string, (r: MetricsRow) => string]> = [
  ['merged', (r) => num(r.mergedPrs)],
  ['AI share', (r) => pct(r.aiShare)],
  ['AI PRs', (r) => pct(r.aiPrShare)],
  ['PRs/eng-wk', (r) => num(r.mergedPrsPerEngineerWeek, 2)],
  ['quality PRs', (r) => num(r.qualityWeightedPrs)],
  ['CFR', (r) => pct(r.changeFailureRate)],
  ['incidents', (r) => num(r.incidents)],
  ['restore h', (r) => num(r.restoreHoursMedian, 1)],
  ['bugs', (r) => num(r.bugs)],
  ['reverts', (r) => num(r.reverts)],
  ['1st review h', (r) => num(r.firstReviewHours.all, 1)],
  ['tickets', (r) => num(r.tickets)],
  ['NPS', (r) => (r.nps === null ? '—' : `${r.nps.toFixed(0)} (n ${r.npsResponses})`)],
];

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Metrics by month or week (AI share, throughput, change failure rate, incidents, bugs, review, tickets, NPS, DORA).',
  usage: 'metrics <workspace.duckdb> [--by month|week] [--team T] [--repo R] [--per team|repo] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  options: {
    by: { type: 'string', default: 'month' },
    team: { type: 'string' },
    repo: { type: 'string' },
    per: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const grain = values.by;
    if (grain !== 'month' && grain !== 'week') throw new UsageError('--by must be month or week');
    const per = values.per;
    if (per !== undefined && per !== 'team' && per !== 'repo') throw new UsageError('--per must be team or repo');
    for (const flag of ['from', 'to'] as const) {
      const v = values[flag];
      if (v !== undefined && (typeof v !== 'string' || !DAY.test(v))) throw new UsageError(`--${flag} must be a day as YYYY-MM-DD`);
    }
    if (typeof values.from === 'string' && typeof values.to === 'string' && values.from > values.to) throw new UsageError('--from is after --to');
    return withCliSession(async (cli) => {
      await cli.call('workspace:open', { path });
      const series = await cli.call('metrics:series', {
        grain: grain as MetricGrain,
        by: (per ?? 'none') as MetricBreakdown,
        ...(typeof values.team === 'string' ? { team: values.team } : {}),
        ...(typeof values.repo === 'string' ? { repo: values.repo } : {}),
        ...(typeof values.from === 'string' ? { from: values.from } : {}),
        ...(typeof values.to === 'string' ? { to: values.to } : {}),
      });
      if (values.json) {
        io.out(JSON.stringify({
          grain: series.grain, by: series.by, team: series.team, repo: series.repo, from: series.from, to: series.to,
          window_hours: series.windowHours, rows: series.rows.map(flatRow),
        }, null, 2));
        return 0;
      }
      const scope = [series.by !== 'none' && `per ${series.by}`, series.team && `team ${series.team}`, series.repo && `repo ${series.repo}`].filter(Boolean).join(', ') || 'whole org';
      io.out(`Metrics by ${series.grain}, ${scope}, ${series.from ?? '—'} – ${series.to ?? '—'} (change-failure window ${series.windowHours} h)`);
      if (series.rows.length === 0) {
        io.out('No data.');
        return 0;
      }
      const head = ['period', ...(series.by === 'team' ? ['team'] : series.by === 'repo' ? ['repo'] : []), ...columns.map(([h]) => h)];
      const body = series.rows.map((r) => [r.period, ...(series.by === 'team' ? [r.team ?? '—'] : series.by === 'repo' ? [r.repo ?? '—'] : []), ...columns.map(([, f]) => f(r))]);
      const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => (i < head.length - columns.length ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
      io.out(line(head));
      for (const b of body) io.out(line(b));
      return 0;
    });
  },
};
