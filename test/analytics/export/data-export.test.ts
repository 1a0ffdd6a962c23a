/**
 * The canonical tables out as Parquet or CSV (DuckDB COPY): every table with its rows and a manifest,
 * CSV text neutralised against formula injection while Parquet keeps values exact, and a failure
 * half way leaves the folder as it was.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportData } from '../../../analytics/export/data-export';
import { Workspace } from '../../../analytics/workspace/workspace';
import { canonicalTables } from '../../../shared/domain';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let ws: Workspace;

beforeEach(async () => {
  dir = tempDir('undertow-data-export-');
  ws = await Workspace.create(dir.file('acme.duckdb'));
  await ws.run("INSERT INTO teams VALUES ('payments', 'Payments', NULL), ('search', '=cmd|'' /C calc''!A0', NULL)");
  await ws.run(`INSERT INTO nps_responses VALUES
    ('survey', 'r1', TIMESTAMP '2026-10-01 09:00:00', 9, 'acct-1', NULL, '=HYPERLINK("http://evil.example","click")', NULL),
    ('survey', 'r2', TIMESTAMP '2026-10-02 10:30:00', 3, 'acct-2', NULL, '-2+3', NULL),
    ('survey', 'r3', TIMESTAMP '2026-10-03 11:00:00', 7, 'acct-3', NULL, 'fine, thanks', NULL)`);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  dir.cleanup();
});

async function readParquet(file: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}') ORDER BY ALL`);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('export-data', () => {
  it('writes every canonical table as Parquet with a manifest, values exactly as stored', async () => {
    const out = dir.file('warehouse');
    const result = await exportData(ws, { format: 'parquet', dir: out });
    expect(result.tables.map((t) => t.table)).toEqual([...canonicalTables]);
    expect(readdirSync(out).sort()).toEqual([...canonicalTables.map((t) => `${t}.parquet`), 'undertow-export.json'].sort());
    expect(result.tables.find((t) => t.table === 'nps_responses')?.rows).toBe(3);
    const nps = await readParquet(`${out}/nps_responses.parquet`);
    expect(nps.map((r) => r.comment)).toEqual(['=HYPERLINK("http://evil.example","click")', '-2+3', 'fine, thanks']);
    const manifest = JSON.parse(readFileSync(`${out}/undertow-export.json`, 'utf8'));
    expect(manifest).toMatchObject({ format: 'parquet', workspace: 'acme' });
    expect(manifest.tables.find((t: { table: string }) => t.table === 'teams')).toMatchObject({ rows: 2, columns: [{ name: 'team_id', type: 'VARCHAR' }, { name: 'name', type: 'VARCHAR' }, { name: 'source_import', type: 'BIGINT' }] });
  });

  it('CSV: text cells a spreadsheet would run get an apostrophe; numbers and times stay as they are', async () => {
    const out = dir.file('csv');
    await exportData(ws, { format: 'csv', dir: out, tables: ['teams', 'nps_responses'] });
    expect(readdirSync(out).sort()).toEqual(['nps_responses.csv', 'teams.csv', 'undertow-export.json']);
    const nps = readFileSync(`${out}/nps_responses.csv`, 'utf8').trim().split('\n');
    expect(nps[0]).toBe('source,response_id,responded_at,score,account,segment,comment,source_import');
    expect(nps[1]).toBe(`survey,r1,2026-10-01T09:00:00.000000Z,9,acct-1,,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect(nps[2]).toContain(",'-2+3,");
    expect(nps[3]).toContain(',"fine, thanks",');
    const teams = readFileSync(`${out}/teams.csv`, 'utf8');
    expect(teams).toContain("search,'=cmd|' /C calc'!A0,");
  });

  it('a failure half way leaves the folder as it was: no table files, no staging folder', async () => {
    const out = dir.file('partial');
    await exportData(ws, { format: 'csv', dir: out, tables: ['teams'] });
    const before = readFileSync(`${out}/teams.csv`, 'utf8');
    // The third COPY fails (as a full disk would).
    let copies = 0;
    const failing = new Proxy(ws, {
      get(target, prop, receiver) {
        if (prop === 'all') {
          return (sql: string, params?: unknown) => {
            if (sql.startsWith('COPY') && ++copies === 3) return Promise.reject(new Error('No space left on device'));
            return target.all(sql, params as never);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    await expect(exportData(failing, { format: 'csv', dir: out })).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/No space left on device.*Nothing was written/) });
    expect(readdirSync(out).sort()).toEqual(['teams.csv', 'undertow-export.json']);
    expect(readFileSync(`${out}/teams.csv`, 'utf8')).toBe(before);
  });

  it('refuses a file as the folder', async () => {
    const file = dir.file('not-a-folder');
    writeFileSync(file, 'x');
    await expect(exportData(ws, { format: 'csv', dir: file })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('runs from the CLI', async () => {
    await ws.close();
    const out = dir.file('cli-out');
    const res = await cli('export-data', dir.file('acme.duckdb'), '--format', 'csv', '--out', out, '--table', 'teams', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ format: 'csv', tables: [{ table: 'teams', rows: 2 }] });
    expect(existsSync(`${out}/teams.csv`)).toBe(true);
    const usage = await cli('export-data', dir.file('acme.duckdb'), '--format', 'xlsx', '--out', out);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--format must be parquet or csv');
    ws = await Workspace.open(dir.file('acme.duckdb'));
  });
});
