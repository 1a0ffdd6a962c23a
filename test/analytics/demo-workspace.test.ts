import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, DEMO_VERSION, buildDemoWorkspace, ensureDemoWorkspace, type DemoBuildResult } from '../../analytics/demo';
import { UndertowError } from '../../analytics/errors';
import { Workspace } from '../../analytics/workspace/workspace';

let dir: string;
let demoPath: string;
let first: DemoBuildResult;
const progress: Array<[number, string]> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'undertow-demo-ws-'));
  demoPath = join(dir, 'demo.duckdb');
  // A leftover from a crashed build must not get in the way.
  await writeFile(`${demoPath}.building`, 'half a demo');
  first = await ensureDemoWorkspace(demoPath, { onProgress: (fraction, label) => progress.push([fraction, label]) });
  console.info(`demo build: ${first.millis} ms`, first.counts);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function withWorkspace<T>(path: string, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await Workspace.open(path);
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

describe('ensureDemoWorkspace', () => {
  it('builds a demo workspace with every canonical table filled, reporting progress', async () => {
    expect(first.built).toBe(true);
    const counts = first.counts!;
    for (const table of ['teams', 'people', 'repos', 'services', 'org_map', 'pull_requests', 'commits', 'reviews', 'deployments', 'issues', 'incidents', 'tickets', 'nps_responses', 'copilot_usage', 'issue_pr_links', 'incident_change_links'] as const) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
    // One import per export file, written beside the workspace.
    const exported = await readdir(join(dir, 'demo-exports'), { recursive: true });
    expect(counts.imports).toBe(exported.filter((f) => /\.(csv|json|ndjson)$/.test(f)).length);
    expect(progress.at(-1)).toEqual([1, 'Demo workspace ready']);
    expect(progress.map(([f]) => f)).toEqual(progress.map(([f]) => f).slice().sort((a, b) => a - b));
    expect((await readdir(dir)).sort()).toEqual(['demo-exports', 'demo.duckdb']);
  });

  it('records the demo kind, version, seed and one ok import per export file', async () => {
    await withWorkspace(demoPath, async (ws) => {
      expect(ws.kind).toBe('demo');
      expect(await ws.meta('demo_version')).toBe(String(DEMO_VERSION));
      expect(await ws.meta('demo_seed')).toBe(String(DEMO_SEED));
      const imports = await ws.all<{ source: string; format: string; status: string; rejected: number; file_path: string }>('SELECT * FROM imports ORDER BY import_id');
      expect(imports.every((i) => i.status === 'ok' && i.rejected === 0)).toBe(true);
      expect(imports[0]).toMatchObject({ source: 'org', format: 'org-map-csv' });
      expect(new Set(imports.map((i) => i.source))).toEqual(new Set(['org', 'github', 'jira', 'pagerduty', 'helpdesk', 'nps', 'copilot']));
      expect(imports.every((i) => i.file_path.startsWith(join(dir, 'demo-exports')))).toBe(true);
      // Every row traces back to the file it came from.
      const untraced = await ws.all<{ n: number }>('SELECT count(*)::INT AS n FROM pull_requests p LEFT JOIN imports i ON i.import_id = p.source_import WHERE i.import_id IS NULL');
      expect(untraced[0]!.n).toBe(0);
    });
  });

  it('loads consistent attribution and links', async () => {
    await withWorkspace(demoPath, async (ws) => {
      const [bad] = await ws.all<{ n: number }>(
        `SELECT count(*) AS n FROM pull_requests
         WHERE ai_share < 0 OR ai_share > 1 OR ai_confidence IS NULL
            OR (ai_confidence = 'none') <> (len(ai_evidence) = 0)
            OR (ai_confidence = 'none' AND ai_share <> 0)
            OR (merged_at IS NOT NULL AND merged_at < created_at)`,
      );
      expect(bad!.n).toBe(0);
      const [never] = await ws.all<{ n: number }>(
        `SELECT count(*) AS n FROM pull_requests p JOIN org_map m ON m.type = 'repo' AND m.key = p.repo
         WHERE m.team_id IN ('data', 'identity') AND ai_share > 0`,
      );
      expect(never!.n).toBe(0);
      const confidences = await ws.all<{ ai_confidence: string }>('SELECT DISTINCT ai_confidence FROM pull_requests ORDER BY 1');
      expect(confidences.map((r) => r.ai_confidence)).toEqual(['high', 'low', 'medium', 'none']);
      const rules = await ws.all<{ rule: string }>('SELECT DISTINCT rule FROM incident_change_links ORDER BY 1');
      expect(rules.map((r) => r.rule)).toEqual(['last-deploy-72h', 'merged-pr-72h']);
      const [orphans] = await ws.all<{ n: number }>('SELECT count(*) AS n FROM issue_pr_links l LEFT JOIN issues i USING (issue_key) WHERE i.issue_key IS NULL');
      expect(orphans!.n).toBe(0);
      const [reverts] = await ws.all<{ n: number; linked: number }>('SELECT count(*) AS n, count(reverts_pr) AS linked FROM pull_requests WHERE is_revert');
      expect(reverts!.n).toBeGreaterThan(0);
      expect(reverts!.linked).toBe(reverts!.n);
      const [unmapped] = await ws.all<{ n: number }>("SELECT count(*) AS n FROM incidents i LEFT JOIN org_map m ON m.type = 'service' AND m.key = i.service_id WHERE m.team_id IS NULL");
      expect(unmapped!.n).toBe(0);
    });
  });

  it('is a no-op when the current demo is already there', async () => {
    const before = await stat(demoPath);
    const hash = await sha256Of(demoPath);
    const again = await ensureDemoWorkspace(demoPath);
    expect(again.built).toBe(false);
    expect((await stat(demoPath)).mtimeMs).toBe(before.mtimeMs);
    expect(await sha256Of(demoPath)).toBe(hash);
  });

  it('rebuilds a demo written by an older generator', async () => {
    const olderPath = join(dir, 'older.duckdb');
    const older = await Workspace.create(olderPath, { kind: 'demo' });
    await older.setMeta('demo_version', '0');
    await older.close();
    const result = await ensureDemoWorkspace(olderPath);
    expect(result.built).toBe(true);
    await withWorkspace(olderPath, async (ws) => {
      expect(await ws.meta('demo_version')).toBe(String(DEMO_VERSION));
      expect((await ws.all<{ n: number }>('SELECT count(*) AS n FROM pull_requests'))[0]!.n).toBe(first.counts!.pull_requests);
    });
    await rm(olderPath, { force: true });
  });

  it('refuses to touch a user workspace, naming the file', async () => {
    const userPath = join(dir, 'mine.duckdb');
    const mine = await Workspace.create(userPath);
    await mine.close();
    const hash = await sha256Of(userPath);
    for (const attempt of [ensureDemoWorkspace, buildDemoWorkspace]) {
      const error = await attempt(userPath).then(() => null, (err: unknown) => err);
      expect(error).toBeInstanceOf(UndertowError);
      expect((error as UndertowError).code).toBe('conflict');
      expect((error as UndertowError).message).toContain(userPath);
    }
    expect(await sha256Of(userPath)).toBe(hash);
    await rm(userPath, { force: true });
  });

  it('lets Workspace.open reject files that are not workspaces', async () => {
    const textPath = join(dir, 'notes.duckdb');
    await writeFile(textPath, 'just some notes\n');
    const error = await ensureDemoWorkspace(textPath).then(() => null, (err: unknown) => err);
    expect((error as UndertowError).code).toBe('workspace_invalid');
    expect(await readFile(textPath, 'utf8')).toBe('just some notes\n');
    await rm(textPath, { force: true });
  });
});

describe('buildDemoWorkspace', () => {
  it('always rebuilds an existing demo', async () => {
    const result = await buildDemoWorkspace(demoPath);
    expect(result.built).toBe(true);
    expect(result.counts).toEqual(first.counts);
    await withWorkspace(demoPath, async (ws) => expect(ws.kind).toBe('demo'));
  });
});
