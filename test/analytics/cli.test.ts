import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli';
import { latestSchemaVersion } from '../../analytics/workspace/migrations';
import { Workspace } from '../../analytics/workspace/workspace';
import { tempDir } from './helpers/temp';


describe('cli', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    process.env.UNDERTOW_STATE_DIR = dir.file('state');
  });
  afterEach(() => {
    delete process.env.UNDERTOW_STATE_DIR;
    dir.cleanup();
  });

  it('info --json prints the schema version, every table count and the date range', async () => {
    const path = dir.file('w.duckdb');
    const ws = await Workspace.create(path);
    await ws.run("INSERT INTO pull_requests (repo, number, created_at, merged_at) VALUES ('a/b', 1, '2025-03-02', '2025-03-04')");
    await ws.close();
    const res = await cli('info', path, '--json');
    expect(res.code).toBe(0);
    const info = JSON.parse(res.out);
    expect(info).toMatchObject({ schemaVersion: latestSchemaVersion, from: '2025-03-02', to: '2025-03-04' });
    expect(info.tables).toMatchObject({ pull_requests: 1, commits: 0, incidents: 0, nps_responses: 0 });
    // A PR that is merged but carries no AI evidence yet (attribution has not run on a raw insert).
    expect(info.coverage.pullRequests).toMatchObject({ total: 1, merged: 1, withAiEvidence: 0 });
    expect(info.coverage.incidents).toMatchObject({ total: 0, linked: 0 });
  });

  it('info without --json prints a readable table', async () => {
    const path = dir.file('w.duckdb');
    await (await Workspace.create(path)).close();
    const res = await cli('info', path);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/pull_requests\s+0/);
  });

  it('a text file is a clear error with exit code 1', async () => {
    const path = dir.file('notes.duckdb');
    writeFileSync(path, 'hello');
    const res = await cli('info', path, '--json');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/not a DuckDB database file/);
    expect(res.out).toBe('');
  });

  it('usage mistakes exit 2 with the usage line', async () => {
    expect((await cli('info')).code).toBe(2);
    expect((await cli('info')).err).toMatch(/Usage: npm run cli -- info <workspace.duckdb>/);
    expect((await cli('info', 'x.duckdb', '--bogus')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli()).out).toMatch(/Commands:/);
  });
});

describe('cli demo', () => {
  it('builds the demo into a directory that does not exist yet, and info reads it', async () => {
    const dir = tempDir();
    try {
      const path = dir.file('state/nested/demo.duckdb');
      expect((await cli('demo', path)).code).toBe(0);
      const info = JSON.parse((await cli('info', path, '--json')).out);
      expect(info.kind).toBe('demo');
      for (const table of ['pull_requests', 'commits', 'reviews', 'issues', 'incidents', 'tickets', 'nps_responses']) {
        expect(info.tables[table], table).toBeGreaterThan(100);
      }
      expect(info.coverage.months.withMergedPrs).toBe(24);
      expect(info.coverage.incidents.linked).toBeGreaterThan(0.9 * info.coverage.incidents.total);
      expect((await cli('info', path)).out).toMatch(/incidents linked\s+\d+% of 583/);
    } finally {
      dir.cleanup();
    }
  });
});
