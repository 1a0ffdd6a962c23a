import type { DateRange, Headline, OverviewData, OverviewMonth } from '../../shared/domain';
import { dataRange } from '../workspace/info';
import type { Workspace } from '../workspace/workspace';
import overviewSql from './overview.sql';

interface OverviewRow {
  month: string;
  merged_prs: number;
  ai_share: number | null;
  incidents: number;
  bugs: number;
  tickets: number;
  nps: number | null;
  nps_responses: number;
}

/** Resolve a requested range against the data: missing ends default to the data's own range. */
export async function effectiveRange(ws: Workspace, range: DateRange): Promise<{ from: string; to: string; dataTo: string } | null> {
  const data = await dataRange(ws);
  if (!data.from || !data.to) return null;
  const from = range.from ?? data.from;
  const to = range.to ?? data.to;
  if (from > to) return null;
  return { from, to, dataTo: data.to };
}

export async function overview(ws: Workspace, range: DateRange): Promise<OverviewData> {
  const bounds = await effectiveRange(ws, range);
  if (!bounds) return { months: [], headlines: headlines([], null) };
  const rows = await ws.all<OverviewRow>(overviewSql, { from: bounds.from, to: bounds.to });
  const months: OverviewMonth[] = rows.map((r) => ({
    month: r.month,
    mergedPrs: r.merged_prs,
    aiShare: r.ai_share,
    incidents: r.incidents,
    bugs: r.bugs,
    tickets: r.tickets,
    nps: r.nps,
    npsResponses: r.nps_responses,
  }));
  return { months, headlines: headlines(months, lastCompleteMonth(bounds.to < bounds.dataTo ? bounds.to : bounds.dataTo)) };
}

/** The last month that ends on or before `day` (YYYY-MM-DD): a half-imported month is not a headline. */
export function lastCompleteMonth(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lastDayOfMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d === lastDayOfMonth) return day.slice(0, 7);
  const prev = new Date(Date.UTC(y, m - 2, 1));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
}

const headlineSpecs: ReadonlyArray<Pick<Headline, 'key' | 'label' | 'unit'>> = [
  { key: 'mergedPrs', label: 'Merged PRs', unit: 'count' },
  { key: 'aiShare', label: 'AI share of added lines', unit: 'share' },
  { key: 'incidents', label: 'Incidents', unit: 'count' },
  { key: 'bugs', label: 'Bugs reported', unit: 'count' },
  { key: 'tickets', label: 'Support tickets', unit: 'count' },
  { key: 'nps', label: 'NPS', unit: 'score' },
];

/** Headline numbers: the last complete month against the month before it. */
export function headlines(months: OverviewMonth[], month: string | null): Headline[] {
  const idx = month ? months.findIndex((m) => m.month === month) : -1;
  const current = idx >= 0 ? months[idx] : undefined;
  const previous = idx > 0 ? months[idx - 1] : undefined;
  return headlineSpecs.map((spec) => ({
    ...spec,
    value: current ? current[spec.key] : null,
    previous: previous ? previous[spec.key] : null,
    month: current ? current.month : null,
  }));
}
