/**
 * Property tests over every fixture of every format: random truncation, wrong encodings, duplicated
 * rows and injected quotes. Each mutated file must either import (rejecting what it cannot read, with
 * line and reason) or fail as a whole with a message naming the file and leave the workspace exactly
 * as it was. Seeded, so a failure reproduces.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importers, importFiles } from '../../../analytics/importers';
import { Rng } from '../../../analytics/stats/random';
import { Workspace } from '../../../analytics/workspace/workspace';
import { contentHash } from '../helpers/content';
import { tempDir } from '../helpers/temp';

const fixturesRoot = join(import.meta.dirname, '..', '..', 'fixtures');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(csv|json|ndjson|jsonl)$/i.test(name) && !name.includes('.bad.') ? [path] : [];
  });
}

type Mutation = { name: string; apply: (bytes: Buffer, rng: Rng) => Buffer };

const mutations: Mutation[] = [
  { name: 'truncated', apply: (b, rng) => b.subarray(0, 1 + Math.floor(rng.uniform() * (b.length - 2))) },
  { name: 'latin1', apply: (b) => Buffer.from(b.toString('utf8').replace(/a/, 'ä'), 'latin1') },
  { name: 'utf16', apply: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]) },
  {
    name: 'duplicated rows',
    apply: (b, rng) => {
      const lines = b.toString('utf8').split('\n');
      const at = 1 + Math.floor(rng.uniform() * Math.max(1, lines.length - 2));
      lines.splice(at, 0, lines[at] ?? '');
      return Buffer.from(lines.join('\n'));
    },
  },
  {
    name: 'injected quote',
    apply: (b, rng) => {
      const text = b.toString('utf8');
      const at = Math.floor(rng.uniform() * text.length);
      return Buffer.from(text.slice(0, at) + '"' + text.slice(at));
    },
  },
];

/** Temp tables and views an import made (named __import_N_…) that are still there. */
const importTempObjects = (ws: Workspace) =>
  ws.all(
    `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, '__import_')
     UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND starts_with(view_name, '__import_')`,
  );

describe('importers survive damaged files', () => {
  let dir: ReturnType<typeof tempDir>;
  let ws: Workspace;
  const fixtures = fixtureFiles(fixturesRoot);

  beforeAll(async () => {
    dir = tempDir();
    ws = await Workspace.create(dir.file('w.duckdb'));
  });
  afterAll(async () => {
    await ws.close();
    dir.cleanup();
  });

  it('has fixtures for every format family', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const fixture of fixtures) {
    const name = relative(fixturesRoot, fixture);
    it(`${name}: every mutation imports cleanly or fails whole, leaving the workspace as it was`, async () => {
      const rng = new Rng(`robustness:${name}`);
      for (const mutation of mutations) {
        for (let round = 0; round < (mutation.name === 'truncated' || mutation.name === 'injected quote' ? 3 : 1); round++) {
          const path = dir.file(`m-${mutation.name.replace(/\W/g, '')}-${round}-${name.replace(/\W/g, '_')}`);
          writeFileSync(path, mutation.apply(readFileSync(fixture), rng));
          const before = await contentHash(ws);
          const [report] = await importFiles(ws, importers, [path], { timeZone: 'UTC' });
          const label = `${name} ${mutation.name} #${round}`;
          // Whether the file failed or not, the import's temp tables and views are gone.
          expect(await importTempObjects(ws), label).toEqual([]);
          if (report!.error) {
            expect(report!.error, label).toContain(path);
            expect(await contentHash(ws), label).toEqual(before);
          } else {
            for (const r of report!.rejects) {
              expect(r.line, label).toBeGreaterThan(0);
              expect(r.reason.length, label).toBeGreaterThan(0);
            }
            // Importing the same damaged file again is a no-op.
            const after = await contentHash(ws);
            const [again] = await importFiles(ws, importers, [path], { timeZone: 'UTC' });
            expect(again!.inserted + again!.updated, label).toBe(0);
            expect(await contentHash(ws), label).toEqual(after);
          }
        }
      }
    });
  }

  // The fact tables have no unique index (migration 004): the upsert alone keeps their natural keys
  // unique, through every overlapping, duplicated and damaged file imported above.
  const naturalKeys: Record<string, string> = {
    pull_requests: 'repo, number',
    commits: 'repo, sha',
    reviews: 'repo, pr_number, review_id',
    deployments: 'repo, deployment_id',
    issues: 'issue_key',
    incidents: 'source, incident_id',
    tickets: 'source, ticket_id',
    nps_responses: 'source, response_id',
    copilot_usage: 'day, scope, user_login',
  };
  it('keeps every natural key unique after all of it', async () => {
    for (const [table, key] of Object.entries(naturalKeys)) {
      const [row] = await ws.all<{ rows: number; keys: number }>(`SELECT count(*)::INTEGER AS rows, count(DISTINCT (${key}))::INTEGER AS keys FROM ${table}`);
      expect(row!.rows, table).toBeGreaterThan(0);
      expect(row!.keys, table).toBe(row!.rows);
    }
  });
});
