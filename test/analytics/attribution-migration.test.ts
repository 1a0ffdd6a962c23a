import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRules } from '../../analytics/attribution';
import { DEFAULT_LINK_SETTINGS, getLinkSettings } from '../../analytics/linking';
import m001 from '../../analytics/workspace/migrations/001_initial.sql';
import { latestSchemaVersion } from '../../analytics/workspace/migrations';
import { Workspace } from '../../analytics/workspace/workspace';
import { tempDir } from './helpers/temp';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A workspace as Undertow schema 1 wrote it, with some rows in it. */
async function writeV1Workspace(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run(m001);
  await conn.run("INSERT INTO undertow_meta VALUES ('created_at', '2025-01-01T00:00:00.000Z'), ('kind', 'user'), ('app', 'undertow'), ('schema_version', '1')");
  await conn.run("INSERT INTO teams VALUES ('payments', 'Payments', NULL)");
  await conn.run(
    `INSERT INTO pull_requests (repo, number, title, author, head_ref, created_at, merged_at, additions, labels, ai_share, ai_evidence, ai_confidence)
     VALUES ('acme/api', 1, 'Add cache', 'jane', 'copilot/cache', TIMESTAMP '2025-01-02 10:00', TIMESTAMP '2025-01-03 10:00', 40, ['perf'], NULL, NULL, NULL)`,
  );
  await conn.run("INSERT INTO settings VALUES ('linking.incidentWindowHours', '48', TIMESTAMP '2025-01-01')");
  conn.closeSync();
  instance.closeSync();
}

describe('migration 002 (attribution and linking)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('undertow-mig2-')));
  afterEach(() => dir.cleanup());

  it('migrates a v1 workspace: rows survive, a backup appears, rules are seeded, stored settings are kept', async () => {
    const path = dir.file('old.duckdb');
    await writeV1Workspace(path);
    const v1Hash = sha256(path);

    const ws = await Workspace.open(path);
    try {
      expect(latestSchemaVersion).toBeGreaterThanOrEqual(2);
      expect(ws.schemaVersion).toBe(latestSchemaVersion);
      expect(await ws.meta('schema_version')).toBe(String(latestSchemaVersion));
      expect(ws.kind).toBe('user');
      expect(await ws.all('SELECT team_id, name FROM teams')).toEqual([{ team_id: 'payments', name: 'Payments' }]);
      expect(await ws.all('SELECT repo, number, title, labels FROM pull_requests')).toEqual([{ repo: 'acme/api', number: 1, title: 'Add cache', labels: ['perf'] }]);

      const rules = await listRules(ws);
      expect(rules.length).toBeGreaterThanOrEqual(30);
      expect(rules.every((r) => r.builtin && r.enabled)).toBe(true);
      expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(['trailer', 'body_marker', 'bot_author', 'label', 'branch_prefix', 'copilot_usage']));
      for (const id of ['trailer-co-authored-by-copilot', 'trailer-co-authored-by-claude', 'trailer-made-with-cursor', 'body-generated-with-claude-code', 'bot-author-copilot-swe-agent', 'label-ai-assisted', 'branch-prefix-claude', 'copilot-usage']) {
        expect(rules.map((r) => r.ruleId)).toContain(id);
      }
      // A setting the user already had is kept; the others get their defaults.
      expect(await getLinkSettings(ws)).toEqual({ ...DEFAULT_LINK_SETTINGS, incidentWindowHours: 48 });
      // New PRs start as "no evidence"; the migrated PR keeps its (empty) values until recomputed.
      await ws.run("INSERT INTO pull_requests (repo, number, created_at) VALUES ('acme/api', 2, TIMESTAMP '2025-02-01')");
      expect(await ws.all('SELECT number, ai_share, ai_evidence, ai_confidence FROM pull_requests ORDER BY number')).toEqual([
        { number: 1, ai_share: null, ai_evidence: null, ai_confidence: null },
        { number: 2, ai_share: 0, ai_evidence: [], ai_confidence: 'none' },
      ]);
      expect(await ws.all('SELECT count(*) AS n FROM incident_link_status')).toEqual([{ n: 0 }]);
    } finally {
      await ws.close();
    }

    const backups = readdirSync(dir.path).filter((f) => /^old\.duckdb\.backup-v1-.+/.test(f) && !f.endsWith('.wal'));
    expect(backups).toHaveLength(1);
    expect(sha256(dir.file(backups[0]!))).toBe(v1Hash);

    // Opening again migrates nothing and makes no second backup.
    const again = await Workspace.open(path);
    await again.close();
    expect(readdirSync(dir.path).filter((f) => f.includes('.backup-v') && !f.endsWith('.wal'))).toHaveLength(1);
    expect(existsSync(path)).toBe(true);
  });
});
