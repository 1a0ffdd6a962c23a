import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../analytics/workspace/workspace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli';
import { tempDir } from './helpers/temp';


describe('cli import / org', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    process.env.UNDERTOW_STATE_DIR = dir.file('state');
  });
  afterEach(() => {
    delete process.env.UNDERTOW_STATE_DIR;
    dir.cleanup();
  });

  it('import --json reports per file, creates the workspace, and exits 1 only when a file failed as a whole', async () => {
    const ws = dir.file('new.duckdb');
    writeFileSync(dir.file('org.csv'), 'type,key,team,seniority\nperson,ana,Payments,senior\nrobot,x,Web,\n');
    writeFileSync(dir.file('empty.csv'), '');
    const ok = await cli('import', ws, dir.file('org.csv'), '--tz', 'Europe/Berlin', '--json');
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out);
    expect(report.timeZone).toBe('Europe/Berlin');
    expect(report.files).toEqual([
      expect.objectContaining({ path: dir.file('org.csv'), format: 'org-map-csv', inserted: 1, updated: 0, unchanged: 0, rejected: 1, rejects: [{ line: 3, field: 'type', reason: expect.any(String) }] }),
    ]);
    const mixed = await cli('import', ws, dir.file('empty.csv'), dir.file('org.csv'), '--json');
    expect(mixed.code).toBe(1);
    const files = JSON.parse(mixed.out).files;
    expect(files[0].error).toMatch(/empty/);
    expect(files[1]).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('import derives AI attribution and revert links in the same step (GitHub export)', async () => {
    const ws = dir.file('w.duckdb');
    const res = await cli('import', ws, join('test', 'fixtures', 'github', 'gh-pr-list.json'), '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).files[0]).toMatchObject({ format: 'github-gh-pr-json', rejected: 0 });
    const w = await Workspace.open(ws);
    try {
      const [agent] = await w.all<{ ai_share: number; ai_confidence: string }>(
        "SELECT ai_share, ai_confidence FROM pull_requests WHERE author LIKE 'copilot-swe-agent%'",
      );
      expect(agent).toEqual({ ai_share: 1, ai_confidence: 'high' });
      const [revert] = await w.all<{ is_revert: boolean; reverts_pr: number | null }>('SELECT is_revert, reverts_pr FROM pull_requests WHERE number = 104');
      expect(revert!.is_revert).toBe(true);
    } finally {
      await w.close();
    }
    const info = JSON.parse((await cli('info', ws, '--json')).out);
    expect(info.coverage.pullRequests.withAiEvidence).toBeGreaterThan(0);
  });

  it('rejects an unknown time zone as a usage-level error', async () => {
    writeFileSync(dir.file('org.csv'), 'type,key,team\nperson,ana,Payments\n');
    const res = await cli('import', dir.file('w.duckdb'), dir.file('org.csv'), '--tz', 'Mars/Olympus');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/IANA time zone/);
  });

  it('org refuses a file that is not an org map before touching the workspace', async () => {
    writeFileSync(dir.file('notes.csv'), 'date,amount\n2026-01-01,3\n');
    const res = await cli('org', dir.file('w.duckdb'), dir.file('notes.csv'));
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/not an org map/);
    writeFileSync(dir.file('org.csv'), 'type,key,team,seniority\nperson,ana,Payments,senior\n');
    const good = await cli('org', dir.file('w.duckdb'), dir.file('org.csv'));
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/1 new/);
  });
});
