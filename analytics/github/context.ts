/** What every stream of one sync shares: the workspace, the client, the page sink and progress. */
import type { GitHubStream, GitHubStreamReport } from '../../shared/domain';
import type { Workspace } from '../workspace/workspace';
import type { GitHubClient } from './client';
import type { PageCounts, PageSink } from './pages';
import type { SyncProgress } from './progress';

export interface SyncContext {
  ws: Workspace;
  client: GitHubClient;
  sink: PageSink;
  apiBase: string;
  org: string;
  /** First sync of a stream: nothing older than this (ISO time), or null for all history. */
  since: string | null;
  progress: SyncProgress;
  now: () => number;
}

export function emptyReport(stream: GitHubStream): GitHubStreamReport {
  return { stream, pages: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, complete: false };
}

export function addCounts(report: GitHubStreamReport, counts: PageCounts): void {
  report.inserted += counts.inserted;
  report.updated += counts.updated;
  report.unchanged += counts.unchanged;
  report.rejected += counts.rejected;
}

/** The later of two GitHub timestamps (compared as instants, kept as GitHub wrote them). */
export function laterOf(a: string | null, b: string | null | undefined): string | null {
  if (!b || Number.isNaN(Date.parse(b))) return a;
  if (!a || Date.parse(b) > Date.parse(a)) return b;
  return a;
}

/** ISO time `ms` before `iso`. */
export function minus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) - ms).toISOString().replace('.000Z', 'Z');
}
