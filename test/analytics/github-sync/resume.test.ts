import { beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, referenceSnapshot, runSync, snapshot, syncTestbed } from './fixture';
import { respond } from './mock-github';

const TODAY = Date.parse('2025-06-10T12:00:00Z');

describe('GitHub sync: an interrupted sync resumes without duplicates or gaps', () => {
  let reference: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    reference = await referenceSnapshot(TODAY);
  });
  const bed = syncTestbed(TODAY);

  it('GitHub keeps failing on page 3: retried with backoff, stopped cleanly, resumed at page 3', async () => {
    const page3 = (r: { path: string }) => r.path.startsWith('/repos/acme/api/pulls?') && r.path.includes('page=3');
    bed.mock.fail(page3, Infinity, respond.status(500, { message: 'Server Error' }));
    const clock = fakeClock(TODAY);
    const first = await runSync(bed.ws, bed.mock, clock);
    expect(first.report.error).toMatchObject({ kind: 'server', status: 500 });
    expect(first.report.error!.message).toMatch(/resumes where it stopped/);
    expect(clock.state.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(bed.mock.seen.filter(page3)).toHaveLength(5);

    // Pages 1 and 2 (PRs 5..2 with their reviews and commits) are kept; nothing after the failure ran.
    const partial = await snapshot(bed.ws);
    expect(partial.pulls.map((p) => `${p.repo}#${p.number}`)).toEqual(['acme/api#2', 'acme/api#3', 'acme/api#4', 'acme/api#5']);
    expect(partial.copilot).toEqual([]);
    const [state] = await bed.ws.all<{ cursor: string | null; pass_next_url: string; last_error: string }>(
      "SELECT cursor, pass_next_url, last_error FROM github_sync_state WHERE scope = 'acme/api' AND stream = 'pulls'",
    );
    expect(state!.cursor).toBeNull();
    expect(state!.pass_next_url).toContain('page=3');
    expect(state!.last_error).toMatch(/500/);
    expect(first.report.derived).toBe(true); // what was imported is attributed and linked

    bed.mock.clearFaults();
    const seen = bed.mock.seen.length;
    const second = await runSync(bed.ws, bed.mock, clock);
    expect(second.report.error).toBeUndefined();
    const resumed = bed.mock.seen.slice(seen).map((r) => r.path).filter((p) => p.startsWith('/repos/acme/api/pulls?'));
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toContain('page=3');
    expect(await snapshot(bed.ws)).toEqual(reference);
  });

  it('the server dies mid-way (connections dropped): stopped as a network failure, resumed later', async () => {
    const statuses = (r: { path: string }) => /^\/repos\/acme\/api\/deployments\/9002\/statuses/.test(r.path);
    bed.mock.fail(statuses, Infinity, respond.hangUp());
    const clock = fakeClock(TODAY);
    const first = await runSync(bed.ws, bed.mock, clock);
    expect(first.report.error).toMatchObject({ kind: 'network' });
    expect(first.report.error!.message).toMatch(/No answer from GitHub while fetching statuses of deployment 9002 of acme\/api/);
    const kept = await snapshot(bed.ws);
    expect(kept.pulls.filter((p) => p.repo === 'acme/api')).toEqual(reference.pulls.filter((p) => p.repo === 'acme/api'));
    expect(kept.commits.filter((c) => c.repo === 'acme/api')).toEqual(reference.commits.filter((c) => c.repo === 'acme/api'));

    bed.mock.clearFaults();
    const second = await runSync(bed.ws, bed.mock, clock);
    expect(second.report.error).toBeUndefined();
    const after = await snapshot(bed.ws);
    expect(after).toEqual(reference);
    const [dupes] = await bed.ws.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM (SELECT repo, deployment_id FROM deployments GROUP BY ALL HAVING count(*) > 1)');
    expect(dupes!.n).toBe(0);
  });
});
