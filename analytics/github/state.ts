/**
 * How far each stream has been synced (table github_sync_state, migration 003). A pass walks a list
 * newest-first; the cursor (high-water mark) moves only when a pass completes, and while a pass is
 * under way the next page's address is saved after each page's rows are committed, so an
 * interrupted sync resumes at that page: no gaps (older pages are still fetched) and no duplicates
 * (a page fetched twice is an idempotent upsert).
 */
import type { GitHubStream, GitHubStreamStatus } from '../../shared/domain';
import type { Workspace } from '../workspace/workspace';

export interface StreamKey {
  apiBase: string;
  /** OWNER/REPO, or org:ORG. */
  scope: string;
  stream: GitHubStream;
}

export interface StreamState {
  cursor: string | null;
  passCursor: string | null;
  passNextUrl: string | null;
}

export async function loadState(ws: Workspace, key: StreamKey): Promise<StreamState> {
  const [row] = await ws.all<{ cursor: string | null; pass_cursor: string | null; pass_next_url: string | null }>(
    'SELECT cursor, pass_cursor, pass_next_url FROM github_sync_state WHERE api_base = $api_base AND scope = $scope AND stream = $stream',
    { api_base: key.apiBase, scope: key.scope, stream: key.stream },
  );
  return { cursor: row?.cursor ?? null, passCursor: row?.pass_cursor ?? null, passNextUrl: row?.pass_next_url ?? null };
}

const UPSERT = `
  INSERT INTO github_sync_state (api_base, scope, stream, cursor, pass_cursor, pass_next_url, last_synced_at, pages, records, last_error, updated_at)
  VALUES ($api_base, $scope, $stream, $cursor, $pass_cursor, $pass_next_url, CASE WHEN $complete THEN timezone('UTC', now()) END, $pages, $records, NULL, timezone('UTC', now()))
  ON CONFLICT (api_base, scope, stream) DO UPDATE SET
    cursor = excluded.cursor,
    pass_cursor = excluded.pass_cursor,
    pass_next_url = excluded.pass_next_url,
    last_synced_at = coalesce(excluded.last_synced_at, github_sync_state.last_synced_at),
    pages = github_sync_state.pages + excluded.pages,
    records = github_sync_state.records + excluded.records,
    last_error = CASE WHEN $complete THEN NULL ELSE github_sync_state.last_error END,
    updated_at = excluded.updated_at`;

/**
 * After a page's rows are committed: either the pass goes on (`nextUrl` set: saved with the pass's
 * high-water mark) or it is complete (the cursor moves to the high-water mark).
 */
export async function savePage(
  ws: Workspace,
  key: StreamKey,
  page: { cursor: string | null; passCursor: string | null; nextUrl: string | null; pages: number; records: number },
): Promise<void> {
  const complete = page.nextUrl === null;
  await ws.run(UPSERT, {
    api_base: key.apiBase,
    scope: key.scope,
    stream: key.stream,
    cursor: complete ? (page.passCursor ?? page.cursor) : page.cursor,
    pass_cursor: complete ? null : page.passCursor,
    pass_next_url: page.nextUrl,
    complete,
    pages: page.pages,
    records: page.records,
  });
}

/** A stream without its own cursor (reviews, statuses) counts what its parent's pass fetched. */
export async function countPass(ws: Workspace, key: StreamKey, pages: number, records: number, complete: boolean): Promise<void> {
  await ws.run(UPSERT, { api_base: key.apiBase, scope: key.scope, stream: key.stream, cursor: null, pass_cursor: null, pass_next_url: null, complete, pages, records });
}

export async function recordError(ws: Workspace, key: StreamKey, message: string): Promise<void> {
  await ws.run(
    `INSERT INTO github_sync_state (api_base, scope, stream, last_error, updated_at) VALUES ($api_base, $scope, $stream, $message, timezone('UTC', now()))
     ON CONFLICT (api_base, scope, stream) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at`,
    { api_base: key.apiBase, scope: key.scope, stream: key.stream, message },
  );
}

export async function listStatus(ws: Workspace): Promise<GitHubStreamStatus[]> {
  const rows = await ws.all<{
    api_base: string;
    scope: string;
    stream: GitHubStreamStatus['stream'];
    cursor: string | null;
    last_synced_at: string | null;
    pass_next_url: string | null;
    pages: number;
    records: number;
    last_error: string | null;
  }>('SELECT api_base, scope, stream, cursor, last_synced_at, pass_next_url, pages, records, last_error FROM github_sync_state ORDER BY api_base, scope, stream');
  return rows.map((r) => ({
    apiBase: r.api_base,
    scope: r.scope,
    stream: r.stream,
    cursor: r.cursor,
    lastSyncedAt: r.last_synced_at,
    resumable: r.pass_next_url !== null,
    pages: Number(r.pages),
    records: Number(r.records),
    lastError: r.last_error,
  }));
}
