import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributionSensitivity, ruleMatchCounts } from '../../analytics/attribution';
import { DEMO_SEED, buildDemoWorkspace, generateDemoOrg, type DemoOrg } from '../../analytics/demo';
import { coverage } from '../../analytics/linking';
import { Workspace } from '../../analytics/workspace/workspace';
import { tempDir } from './helpers/temp';

/**
 * The demo org is generated with known AI lines per PR (its ground truth) and exports only the
 * markers a real export shows. The engine, reading those markers, must recover the planted AI share.
 */
let dir: ReturnType<typeof tempDir>;
let ws: Workspace;
let org: DemoOrg;

beforeAll(async () => {
  dir = tempDir('undertow-attr-demo-');
  await buildDemoWorkspace(dir.file('demo.duckdb'));
  ws = await Workspace.open(dir.file('demo.duckdb'));
  org = generateDemoOrg(DEMO_SEED);
});
afterAll(async () => {
  await ws.close();
  dir.cleanup();
});

describe('attribution of the demo org', () => {
  it('recovers the planted AI lines from the markers', async () => {
    const rows = await ws.all<{ repo: string; number: number; ai_share: number; ai_confidence: string; ai_evidence: string[] }>(
      'SELECT repo, number, ai_share, ai_confidence, ai_evidence FROM pull_requests',
    );
    const byKey = new Map(rows.map((r) => [`${r.repo}#${r.number}`, r]));
    const neverAdopting = new Set(org.teams.filter((t) => t.adoptionMonth === null).map((t) => t.id));
    let trueLines = 0;
    let measuredLines = 0;
    for (const pr of org.pullRequests) {
      const a = byKey.get(`${pr.repo}#${pr.number}`)!;
      if (neverAdopting.has(pr.teamId)) expect(a.ai_confidence).toBe('none');
      if (pr.author.endsWith('[bot]')) expect(a).toMatchObject({ ai_share: 1, ai_confidence: 'high' });
      if (pr.state !== 'merged') continue;
      trueLines += pr.truth.aiLines;
      measuredLines += a.ai_share * pr.additions;
    }
    expect(measuredLines / trueLines).toBeGreaterThan(0.9);
    expect(measuredLines / trueLines).toBeLessThan(1.1);
    const confidences = new Set(rows.map((r) => r.ai_confidence));
    expect([...confidences].sort()).toEqual(['high', 'low', 'medium', 'none']);
  });

  it('reports coverage, rule matches and sensitivity on the demo', async () => {
    const c = await coverage(ws);
    expect(c.pullRequests.total).toBe(org.pullRequests.length);
    expect(c.pullRequests.withAiEvidence).toBeGreaterThan(0.2 * c.pullRequests.total);
    expect(c.incidents.total).toBe(org.incidents.length);
    expect(c.incidents.linked + c.incidents.unlinked).toBe(c.incidents.total);
    expect(c.incidents.linked).toBeGreaterThan(0.9 * c.incidents.total);
    expect(c.teams.withMergedPrs).toBe(org.teams.length);
    expect(c.months.withMergedPrs).toBe(24);

    const counts = await ruleMatchCounts(ws);
    const prs = (id: string) => counts.find((r) => r.ruleId === id)!.prs;
    for (const id of ['trailer-co-authored-by-copilot', 'trailer-co-authored-by-claude', 'trailer-made-with-cursor', 'bot-author-copilot-swe-agent', 'bot-author-devin', 'label-ai-assisted', 'branch-prefix-claude', 'copilot-usage']) {
      expect(prs(id), id).toBeGreaterThan(0);
    }
    const sensitivity = await attributionSensitivity(ws);
    expect(sensitivity.current.aiShare).toBeCloseTo(c.pullRequests.mergedAiShare!, 3);
    // Copilot usage is the only low-confidence evidence in the demo and carries a real part of it.
    expect(sensitivity.withoutLowConfidence.delta).toBeLessThan(-0.02);
    expect(sensitivity.highConfidenceOnly.aiShare).toBeLessThan(sensitivity.withoutLowConfidence.aiShare!);
  });
});
