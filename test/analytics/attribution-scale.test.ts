import { describe, expect, it } from 'vitest';
import { runBench } from '../../analytics/attribution/bench';

/**
 * The scale benchmark (analytics/attribution/bench.ts, product.md §9: 600k PRs / 2M commits) at a
 * small size, so the generator and every timed step keep working. Timings are printed, not asserted:
 * they depend on the machine; docs/attribution-and-linking.md records the full-size run.
 */
describe('attribution and linking benchmark (small)', () => {
  it('generates an org and runs every step', async () => {
    const { steps, counts } = await runBench(20_000);
    console.info(steps.map((s) => `${s.millis} ms ${s.step}`).join('\n'));
    expect(steps.map((s) => s.step)).toContain('recomputeAttribution (again, nothing changes)');
    expect(counts.pull_requests).toBe(20_000);
    expect(counts.commits).toBeGreaterThan(60_000);
    expect(counts.prs_with_ai_evidence).toBeGreaterThan(2_000);
    expect(counts.prs_with_ai_evidence).toBeLessThan(20_000);
    expect(counts.issue_pr_links).toBeGreaterThan(5_000);
    expect(counts.incidents_linked! + counts.incidents_unlinked!).toBe(20_000);
    expect(counts.incidents_unlinked).toBeGreaterThan(0);
  }, 300_000);
});
