/**
 * The org's Copilot usage-metrics reports (REST "Copilot usage metrics", docs/github-sync.md#copilot):
 * each endpoint answers `download_links` (signed, time-limited URLs) plus the day(s) covered; the
 * files behind them are NDJSON/JSON reports that the Copilot importers already read.
 *
 *   first sync   GET /orgs/{org}/copilot/metrics/reports/users-28-day/latest
 *                GET /orgs/{org}/copilot/metrics/reports/organization-28-day/latest
 *   later syncs  GET …/users-1-day?day=D and …/organization-1-day?day=D for each day after the cursor
 *                (at most a year back, GitHub's retention), up to yesterday; a day GitHub has not
 *                published yet (404 within the last few days) ends the pass without an error.
 *
 * The cursor is the last day whose reports were both imported. Downloads never carry the token.
 */
import { open, stat } from 'node:fs/promises';
import type { GitHubStreamReport } from '../../shared/domain';
import { copilotImporters } from '../importers/formats/copilot';
import { addCounts, type SyncContext } from './context';
import { GitHubSyncError } from './failures';
import { loadState, savePage, type StreamKey } from './state';

const DAY = 24 * 60 * 60_000;
/** GitHub keeps a year of daily reports. */
const RETENTION_DAYS = 365;
/** Reports appear a day or two after the day they cover. */
const PUBLICATION_LAG_DAYS = 3;

interface ReportLinks {
  download_links?: unknown;
  report_day?: string;
  report_start_day?: string;
  report_end_day?: string;
}

type ReportKind = 'users' | 'organization';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function syncCopilot(ctx: SyncContext, report: GitHubStreamReport): Promise<void> {
  const org = ctx.org;
  const key: StreamKey = { apiBase: ctx.apiBase, scope: `org:${org}`, stream: 'copilot' };
  const state = await loadState(ctx.ws, key);
  ctx.progress.stream('copilot');
  const yesterday = isoDay(ctx.now() - DAY);

  if (!state.cursor) {
    const ends: string[] = [];
    for (const kind of ['users', 'organization'] as const) {
      const route = `GET /orgs/{org}/copilot/metrics/reports/${kind}-28-day/latest`;
      const links = await fetchLinks(ctx, kind, 'the last 28 days', route, {});
      await importReport(ctx, report, kind, links, 'latest-28-day', route);
      const end = links.report_end_day ?? links.report_day;
      if (end) ends.push(end);
    }
    const cursor = ends.sort()[0] ?? null;
    await savePage(ctx.ws, key, { cursor, passCursor: cursor, nextUrl: null, pages: 0, records: 0 });
    report.complete = true;
    return;
  }

  const first = Math.max(Date.parse(`${state.cursor}T00:00:00Z`) + DAY, Date.parse(`${yesterday}T00:00:00Z`) - (RETENTION_DAYS - 1) * DAY);
  for (let day = first; isoDay(day) <= yesterday; day += DAY) {
    const date = isoDay(day);
    let fetched: Array<{ kind: ReportKind; links: ReportLinks; route: string }>;
    try {
      fetched = [];
      for (const kind of ['users', 'organization'] as const) {
        const route = `GET /orgs/{org}/copilot/metrics/reports/${kind}-1-day`;
        fetched.push({ kind, route, links: await fetchLinks(ctx, kind, date, route, { day: date }) });
      }
    } catch (err) {
      const recent = day > ctx.now() - PUBLICATION_LAG_DAYS * DAY;
      if (err instanceof GitHubSyncError && err.failure.kind === 'not_found' && recent) break;
      throw err;
    }
    for (const f of fetched) await importReport(ctx, report, f.kind, f.links, date, f.route);
    await savePage(ctx.ws, key, { cursor: date, passCursor: date, nextUrl: null, pages: 0, records: 0 });
  }
  report.complete = true;
}

async function fetchLinks(ctx: SyncContext, kind: ReportKind, span: string, route: string, params: Record<string, unknown>): Promise<ReportLinks> {
  const { data } = await ctx.client.get<ReportLinks>('copilot', `Copilot ${kind} usage report of ${ctx.org} (${span})`, route, { org: ctx.org, ...params });
  if (!data || typeof data !== 'object' || !Array.isArray(data.download_links)) {
    throw new GitHubSyncError({ kind: 'invalid', message: `GitHub's answer for the Copilot ${kind} report of ${ctx.org} (${span}) has no download_links.` });
  }
  return data;
}

/** Download each link of a report and import it; the `imports` row records the API endpoint, never the signed link. */
async function importReport(ctx: SyncContext, report: GitHubStreamReport, kind: ReportKind, links: ReportLinks, span: string, route: string): Promise<void> {
  const urls = (links.download_links as unknown[]).filter((u): u is string => typeof u === 'string');
  const endpoint = `${ctx.apiBase}${route.slice(4).replace('{org}', ctx.org)}${span.match(/^\d{4}-/) ? `?day=${span}` : ''}`;
  for (const [i, url] of urls.entries()) {
    const name = `${ctx.org} Copilot ${kind} report ${span}${urls.length > 1 ? ` part ${i + 1}` : ''}`;
    const file = ctx.sink.file(name);
    await ctx.client.download(url, file, `Copilot ${kind} report of ${ctx.org} (${span})`);
    report.pages += 1;
    ctx.progress.page(0);
    if (await isBlank(file)) continue; // a day nobody used Copilot
    const counts = await ctx.sink.importFile(file, name, endpoint, copilotImporters);
    addCounts(report, counts);
    report.records += counts.inserted + counts.updated + counts.unchanged + counts.rejected;
  }
}

async function isBlank(file: string): Promise<boolean> {
  if ((await stat(file)).size > 4096) return false;
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').trim();
    return text === '' || text === '[]';
  } finally {
    await handle.close();
  }
}
