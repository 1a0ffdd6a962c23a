import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalTables } from '../../shared/domain';
import { UndertowError } from '../../analytics/errors';
import { latestSchemaVersion } from '../../analytics/workspace/migrations';
import { workspaceInfo } from '../../analytics/workspace/info';
import { Workspace, type Queryable } from '../../analytics/workspace/workspace';
import { tempDir } from './helpers/temp';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function expectCode(promise: Promise<unknown>, code: string, message?: RegExp) {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(UndertowError);
  expect((err as UndertowError).code).toBe(code);
  if (message) expect((err as UndertowError).message).toMatch(message);
}

describe('workspace file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('creates every canonical table at the latest schema version, with the bounded memory limit', async () => {
    const ws = await Workspace.create(dir.file('new.duckdb'));
    const info = await workspaceInfo(ws);
    expect(info.schemaVersion).toBe(latestSchemaVersion);
    expect(Object.keys(info.tables).sort()).toEqual([...canonicalTables].sort());
    expect(Object.values(info.tables).every((n) => n === 0)).toBe(true);
    expect(info.from).toBeNull();
    const [limit] = await ws.all<{ m: string }>("SELECT current_setting('memory_limit') AS m");
    expect(limit!.m).toMatch(/GiB|MiB/);
    expect(ws.kind).toBe('user');
    await ws.close();
  });

  it('reopens a workspace with its data and kind intact', async () => {
    const path = dir.file('keep.duckdb');
    const ws = await Workspace.create(path, { kind: 'demo' });
    await ws.run("INSERT INTO teams VALUES ('t1', 'Payments', NULL)");
    await ws.close();
    const again = await Workspace.open(path);
    expect(again.kind).toBe('demo');
    expect(await again.all('SELECT name FROM teams')).toEqual([{ name: 'Payments' }]);
    await again.close();
  });

  it('refuses to create over an existing file', async () => {
    const path = dir.file('exists.duckdb');
    writeFileSync(path, 'x');
    await expectCode(Workspace.create(path), 'conflict');
    expect(readFileSync(path, 'utf8')).toBe('x');
  });

  it('reports a missing file as not_found', async () => {
    await expectCode(Workspace.open(dir.file('missing.duckdb')), 'not_found');
  });

  it('refuses a text file with a clear error and leaves it untouched', async () => {
    const path = dir.file('notes.duckdb');
    writeFileSync(path, 'these are my meeting notes\n');
    const before = sha(path);
    await expectCode(Workspace.open(path), 'workspace_invalid', /not a DuckDB database file/);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}.wal`)).toBe(false);
  });

  it('refuses a truncated workspace with a clear error and leaves it untouched', async () => {
    const path = dir.file('full.duckdb');
    const ws = await Workspace.create(path);
    await ws.run("INSERT INTO teams SELECT 'team-' || i, 'Team ' || i, NULL FROM range(2000) t(i)");
    await ws.close();
    const truncated = dir.file('truncated.duckdb');
    writeFileSync(truncated, readFileSync(path).subarray(0, 6000));
    const before = sha(truncated);
    await expectCode(Workspace.open(truncated), 'workspace_invalid', /damaged or truncated/);
    expect(sha(truncated)).toBe(before);
  });

  it('refuses a DuckDB database that is not an Undertow workspace without modifying it', async () => {
    const path = dir.file('other.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE sales (id INTEGER)');
    conn.closeSync();
    instance.closeSync();
    const before = sha(path);
    await expectCode(Workspace.open(path), 'workspace_invalid', /not an Undertow workspace/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a workspace written by a newer Undertow', async () => {
    const path = dir.file('future.duckdb');
    const ws = await Workspace.create(path);
    await ws.setMeta('schema_version', String(latestSchemaVersion + 1));
    await ws.close();
    const before = sha(path);
    await expectCode(Workspace.open(path), 'workspace_newer', new RegExp(`schema ${latestSchemaVersion + 1}`));
    expect(sha(path)).toBe(before);
  });

  it('rolls a failed transaction back completely', async () => {
    const ws = await Workspace.create(dir.file('tx.duckdb'));
    await expect(
      ws.transaction(async (tx) => {
        await tx.run("INSERT INTO teams VALUES ('a', 'A', NULL)");
        await tx.run("INSERT INTO teams VALUES ('a', 'duplicate key', NULL)");
      }),
    ).rejects.toThrow(/constraint|duplicate/i);
    expect(await ws.all('SELECT * FROM teams')).toEqual([]);
    // The connection is usable afterwards.
    await ws.run("INSERT INTO teams VALUES ('b', 'B', NULL)");
    expect(await ws.all('SELECT team_id FROM teams')).toEqual([{ team_id: 'b' }]);
    await ws.close();
  });

  it('stages outside the transaction, writes in one, and cleans up whatever happens', async () => {
    const ws = await Workspace.create(dir.file('staged.duckdb'));
    const tempsSql = 'SELECT table_name AS name FROM duckdb_tables() WHERE temporary ORDER BY name';
    const temps = () => ws.all<{ name: string }>(tempsSql);
    // Cleanup runs inside the workspace's lock: it uses the connection it is given.
    const dropTemps = async (q: Queryable) => {
      for (const { name } of await q.all<{ name: string }>(tempsSql)) await q.run(`DROP TABLE ${name}`);
    };
    // A failure after the first write rolls every write back; the staged temp table outlives the
    // rollback (it was committed on its own) until the cleanup drops it.
    let seenAfterRollback: unknown[] = [];
    await expect(
      ws.stagedTransaction(
        async (tx) => {
          await tx.run("CREATE TEMP TABLE __s AS SELECT 'a' AS team_id, 'A' AS name");
          await tx.run('INSERT INTO teams (team_id, name) SELECT team_id, name FROM __s');
          await tx.run("INSERT INTO teams VALUES ('a', 'duplicate key', NULL)");
        },
        {
          cleanup: async (q) => {
            seenAfterRollback = await q.all('SELECT * FROM __s');
            await q.run('DROP TABLE __s');
          },
        },
      ),
    ).rejects.toThrow(/constraint|duplicate/i);
    expect(seenAfterRollback).toEqual([{ team_id: 'a', name: 'A' }]);
    expect(await ws.all('SELECT * FROM teams')).toEqual([]);
    expect(await temps()).toEqual([]);

    // Whatever may write the workspace begins the transaction, so a failure after it takes it back.
    for (const write of [
      "INSERT INTO teams VALUES ('b', 'B', NULL)",
      'CREATE TABLE __x (a INT)',
      "WITH t AS (SELECT 'w' AS id) INSERT INTO teams (team_id, name) SELECT id, id FROM t",
    ]) {
      let begun = false;
      await expect(
        ws.stagedTransaction(
          async (tx) => {
            await tx.run(write);
            throw new Error('after the write');
          },
          { onBegin: async () => void (begun = true) },
        ),
      ).rejects.toThrow('after the write');
      expect(begun, write).toBe(true);
    }
    expect(await ws.all('SELECT * FROM teams')).toEqual([]);
    expect(await ws.all("SELECT table_name FROM duckdb_tables() WHERE table_name = '__x'")).toEqual([]);

    // The transaction begins at the first write, then onBegin runs; reads and temp work before it do
    // not begin it. All of it commits.
    const events: string[] = [];
    await ws.stagedTransaction(
      async (tx) => {
        await tx.run("CREATE TEMP TABLE __s AS SELECT 'c' AS team_id, 'C' AS name");
        events.push('staged');
        await tx.all('SELECT count(*) AS n FROM teams');
        await tx.run('CREATE TEMP TABLE __u AS SELECT * FROM __s');
        events.push('read');
        await tx.run('INSERT INTO teams (team_id, name) SELECT team_id, name FROM __u');
        await tx.run("UPDATE teams SET name = 'C2' WHERE team_id = 'c'");
      },
      { onBegin: async () => void events.push('begin'), cleanup: dropTemps },
    );
    expect(events).toEqual(['staged', 'read', 'begin']);
    // Work that writes nothing never begins the transaction.
    await ws.stagedTransaction(async (tx) => void (await tx.all('SELECT * FROM teams')), { onBegin: async () => void events.push('begin again') });
    expect(events).toEqual(['staged', 'read', 'begin']);
    expect(await ws.all('SELECT team_id, name FROM teams')).toEqual([{ team_id: 'c', name: 'C2' }]);
    expect(await temps()).toEqual([]);
    await ws.close();
  });

  it('binds parameters instead of splicing them into SQL', async () => {
    const ws = await Workspace.create(dir.file('params.duckdb'));
    const hostile = "x'); DROP TABLE teams; --";
    await ws.run('INSERT INTO teams VALUES ($1, $2, NULL)', [hostile, hostile]);
    expect(await ws.all('SELECT name FROM teams WHERE team_id = $id', { id: hostile })).toEqual([{ name: hostile }]);
    await ws.close();
  });
});
