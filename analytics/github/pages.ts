/**
 * Fetched pages go through the SAME canonical load path as export files: each is written to a
 * private temporary file exactly as `gh api --paginate` would save it, imported by the existing
 * importers (one transaction per file, an `imports` row with source "github-api" and the API address
 * instead of the temporary path), then deleted. Attribution and linking run once at the end of a
 * sync (deriveIfPending), not after every page; a flag written in each page's transaction makes a
 * sync that was interrupted before that step derive on the next run.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runDerivations } from '../derive';
import { importFiles } from '../importers';
import type { FormatImporter, SourceKind } from '../importers/types';
import type { Queryable, Workspace } from '../workspace/workspace';
import { GitHubSyncError } from './failures';

export const IMPORT_SOURCE = 'github-api';
const PENDING_PREFIX = 'github_sync.derive_pending.';

export interface PageCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** JSON text of API data (Octokit reads integers beyond 2^53 as bigint). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** `gh api --paginate` output: each page's array printed after the other. */
export const asPages = (pages: readonly unknown[][]): string => pages.map(jsonText).join('\n');
/** Objects one per line (several `gh api …/pulls/N` answers, NDJSON). */
export const asRecords = (records: readonly unknown[]): string => records.map(jsonText).join('\n');

/**
 * The importer for a page whose format is known: detection is skipped (it reads only the first
 * 256 KiB, and a PR with a huge body must not make its page unrecognisable).
 */
export function known(importer: FormatImporter): FormatImporter {
  return { ...importer, detect: () => 1 };
}

export class PageSink {
  private counter = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly dir: string,
  ) {}

  /** Write `body` as a page file and import it. `label` (an API address) is what `imports` records. */
  async importText(name: string, label: string, body: string, importers: readonly FormatImporter[]): Promise<PageCounts> {
    const file = this.file(name);
    await writeFile(file, body, { mode: 0o600 });
    return this.importFile(file, name, label, importers);
  }

  /** A fresh private path for a page or a downloaded report. */
  file(name: string): string {
    return join(this.dir, `${String(++this.counter).padStart(5, '0')}-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
  }

  async importFile(file: string, name: string, label: string, importers: readonly FormatImporter[]): Promise<PageCounts> {
    try {
      const [report] = await importFiles(this.ws, importers, [file], { timeZone: 'UTC', importSource: IMPORT_SOURCE }, { derive: markDerivePending });
      if (!report || report.error) {
        const why = (report?.error ?? 'no report').split(file).join(name);
        throw new GitHubSyncError({ kind: 'import', message: `Could not import ${name} (${label}): ${why}` });
      }
      // The temporary path means nothing later; the API address says where the rows came from.
      await this.ws.run('UPDATE imports SET file_path = $label, file_name = $name WHERE file_path = $file', { label, name, file });
      return { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected };
    } finally {
      await rm(file, { force: true });
    }
  }
}

/** The import runner's derive hook during a sync: remember that derived data needs rebuilding. */
async function markDerivePending(tx: Queryable, sources: ReadonlySet<SourceKind>): Promise<void> {
  for (const source of sources) {
    await tx.run(
      `INSERT INTO settings (key, value, updated_at) VALUES ($key, 'true'::JSON, timezone('UTC', now()))
       ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at`,
      { key: `${PENDING_PREFIX}${source}` },
    );
  }
}

/** Rebuild attribution and links for the sources synced since the last rebuild; true when it ran. */
export async function deriveIfPending(ws: Workspace): Promise<boolean> {
  return ws.transaction(async (tx) => {
    const rows = await tx.all<{ key: string }>(`SELECT key FROM settings WHERE starts_with(key, $prefix)`, { prefix: PENDING_PREFIX });
    if (rows.length === 0) return false;
    const sources = rows.map((r) => r.key.slice(PENDING_PREFIX.length) as SourceKind);
    await runDerivations(tx, sources);
    await tx.run(`DELETE FROM settings WHERE starts_with(key, $prefix)`, { prefix: PENDING_PREFIX });
    return true;
  });
}
