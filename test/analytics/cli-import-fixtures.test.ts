/**
 * Issue 3's "done when", end to end through the CLI: every fixture (one or more per supported
 * format) imports with the JSON report; importing them all again changes nothing; a file that fails
 * as a whole leaves every table's content exactly as it was.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalTables } from '../../shared/domain';
import { importers } from '../../analytics/importers';
import { Workspace } from '../../analytics/workspace/workspace';
import { cli } from './helpers/cli';
import { contentHash } from './helpers/content';
import { tempDir } from './helpers/temp';

const FIXTURES = join('test', 'fixtures');
/** Needs a column mapping the user gives in the wizard: fails whole, with a message saying so. */
const NEEDS_MAPPING = join(FIXTURES, 'helpdesk', 'unmapped-tickets.csv');

const fixtureFiles = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(csv|json|ndjson)$/.test(f))
  .map((f) => join(FIXTURES, f))
  .sort();

interface FileReport {
  path: string;
  format: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: Array<{ line: number; field: string; reason: string }>;
  error?: string;
}

/**
 * The data's content, without the bookkeeping of which import last wrote a row (`source_import`,
 * `imports`, `import_rejects`): a re-applied value is the same data.
 */
async function snapshot(path: string): Promise<Record<string, string>> {
  const ws = await Workspace.open(path);
  try {
    const data = canonicalTables.filter((t) => t !== 'imports' && t !== 'import_rejects');
    const parts = data.map(
      (t) => `SELECT '${t}' AS t, count(*) AS n, coalesce(md5(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR)), '') AS h
              FROM (SELECT COLUMNS(c -> c <> 'source_import') FROM "${t}") x`,
    );
    const rows = await ws.all<{ t: string; n: number; h: string }>(parts.join(' UNION ALL '));
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  } finally {
    await ws.close();
  }
}

async function fullSnapshot(path: string): Promise<Record<string, string>> {
  const ws = await Workspace.open(path);
  try {
    return await contentHash(ws);
  } finally {
    await ws.close();
  }
}

describe('cli import over every fixture', () => {
  let dir: ReturnType<typeof tempDir>;
  let workspace: string;
  let first: { code: number; files: FileReport[] };

  beforeAll(async () => {
    dir = tempDir();
    process.env.UNDERTOW_STATE_DIR = dir.file('state');
    workspace = dir.file('w.duckdb');
    const res = await cli('import', workspace, ...fixtureFiles, '--tz', 'Europe/Berlin', '--json');
    first = { code: res.code, files: JSON.parse(res.out).files };
  });
  afterAll(() => {
    delete process.env.UNDERTOW_STATE_DIR;
    dir.cleanup();
  });

  it('detects a format for every fixture and covers every registered format', () => {
    expect(first.files.map((f) => f.path)).toEqual(fixtureFiles);
    for (const f of first.files) expect(f.format, f.path).not.toBeNull();
    const seen = new Set(first.files.map((f) => f.format));
    const missing = importers.map((i) => i.format).filter((format) => !seen.has(format));
    expect(missing).toEqual([]);
  });

  it('imports every file except the one that needs a column mapping, which fails whole with a reason', () => {
    expect(first.code).toBe(1);
    const failed = first.files.filter((f) => f.error);
    expect(failed.map((f) => f.path)).toEqual([NEEDS_MAPPING]);
    expect(failed[0]!.error).toMatch(/unmapped-tickets\.csv: cannot tell which column holds the created_at/);
    for (const f of first.files.filter((x) => !x.error)) {
      expect(f.inserted + f.updated + f.unchanged, f.path).toBeGreaterThan(0);
      // Rejected rows are reported with a line, field and reason — never silently dropped.
      expect(f.rejects.length, f.path).toBe(f.rejected);
      for (const r of f.rejects) expect(r.line > 0 && r.field.length > 0 && r.reason.length > 0, `${f.path} ${JSON.stringify(r)}`).toBe(true);
    }
  });

  it('changes nothing when every file is imported again', async () => {
    const before = await snapshot(workspace);
    const res = await cli('import', workspace, ...fixtureFiles, '--tz', 'Europe/Berlin', '--json');
    const again: FileReport[] = JSON.parse(res.out).files;
    // Nothing is inserted twice. Some fixtures overlap on purpose with different values (PR 101 in
    // gh pr list, gh pr view and REST files; a re-issued Copilot user-day), so a file may re-apply
    // its values and a later one restore them — the final content must be exactly as before.
    for (const f of again.filter((x) => !x.error)) expect({ path: f.path, inserted: f.inserted }).toEqual({ path: f.path, inserted: 0 });
    const after = await snapshot(workspace);
    // imports records only files that changed something: none did.
    expect(after).toEqual(before);
  });

  it('leaves every table as it was when a file fails as a whole (truncated export)', async () => {
    const before = await fullSnapshot(workspace);
    const whole = readFileSync(join(FIXTURES, 'github', 'gh-pr-list.json'), 'utf8');
    const truncated = dir.file('truncated-prs.json');
    writeFileSync(truncated, whole.slice(0, Math.floor(whole.length * 0.6)));
    const res = await cli('import', workspace, truncated, '--json');
    expect(res.code).toBe(1);
    const [report] = JSON.parse(res.out).files as FileReport[];
    expect(report!.error).toContain('truncated-prs.json');
    expect(await fullSnapshot(workspace)).toEqual(before);
  });
});
