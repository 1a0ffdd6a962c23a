import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, referenceSnapshot, runSync, snapshot, syncTestbed } from './fixture';
import { respond } from './mock-github';

const TODAY = Date.parse('2025-06-10T12:00:00Z');

describe('GitHub sync: rate limits and transient errors are waited out (fake clock)', () => {
  let reference: Awaited<ReturnType<typeof snapshot>>;
  const clock = fakeClock(TODAY);
  beforeAll(async () => {
    reference = await referenceSnapshot(TODAY);
  });
  beforeEach(() => {
    clock.state.now = TODAY;
    clock.state.sleeps = [];
  });
  const bed = syncTestbed(TODAY, clock.now);

  it('primary 403 (x-ratelimit-reset), 429 retry-after, secondary 403 without headers, a 502: each waited as GitHub asks', async () => {
    const reset = String(TODAY / 1000 + 120);
    bed.mock.fail((r) => r.path.startsWith('/repos/acme/api/pulls?'), 1, respond.status(403, { message: 'API rate limit exceeded for user ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }));
    bed.mock.fail((r) => r.path.startsWith('/repos/acme/api/pulls/2/reviews'), 1, respond.status(429, { message: 'Too many requests' }, { 'retry-after': '30' }));
    bed.mock.fail((r) => r.path.startsWith('/repos/acme/api/commits?'), 1, respond.status(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }));
    bed.mock.fail((r) => r.path.startsWith('/repos/acme/api/deployments?'), 1, respond.status(502, { message: 'Bad Gateway' }));

    const { report, progress } = await runSync(bed.ws, bed.mock, clock);
    expect(report.error).toBeUndefined();
    expect(clock.state.sleeps).toEqual([121_000, 30_000, 60_000, 1_000]);
    // Each failed request was sent again after its wait; nothing was lost or doubled.
    expect(bed.mock.paths(/^\/repos\/acme\/api\/pulls\/2\/reviews/)).toHaveLength(2);
    expect(await snapshot(bed.ws)).toEqual(reference);
    const waits = progress.filter((p) => /waiting/.test(p.label));
    expect(waits.map((p) => p.label)).toEqual([
      'acme/api (1/2) · pull requests · GitHub rate limit used up: waiting 121 s (until 12:02:01 UTC), then retrying',
      'acme/api (1/2) · pull requests · GitHub asked to slow down (secondary rate limit): waiting 30 s (until 12:02:31 UTC), then retrying',
      'acme/api (1/2) · commits · GitHub asked to slow down (secondary rate limit): waiting 60 s (until 12:03:31 UTC), then retrying',
      'acme/api (1/2) · deployments · GitHub answered with an error: waiting 1 s (until 12:03:32 UTC), then retrying',
    ]);
    expect(waits.every((p) => p.sync.waitingUntil !== null)).toBe(true);
  });

  it('when a response says the limit is used up, the next request waits for x-ratelimit-reset first', async () => {
    bed.mock.remaining = 3; // the second answer reports 1 left, the third 0
    const { report } = await runSync(bed.ws, bed.mock, clock);
    expect(report.error).toBeUndefined();
    expect(clock.state.sleeps).toEqual([3_601_000]);
    // No request was sent while the limit was used up: the 4th came after the reset the 3rd announced.
    expect(bed.mock.seen[3]!.at).toBeGreaterThanOrEqual(TODAY + 3_600_000);
    expect(bed.mock.seen[2]!.at).toBe(TODAY);
    expect(report.rateLimit).toMatchObject({ limit: 5000 });
    expect(await snapshot(bed.ws)).toEqual(reference);
  });

  it('a rate limit that does not clear stops the sync with a message, keeping what was imported', async () => {
    bed.mock.fail((r) => r.path.startsWith('/repos/acme/web/pulls?'), Infinity, (res, _req, m) =>
      m.json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(m.now() / 1000) + 60) }),
    );
    const { report } = await runSync(bed.ws, bed.mock, clock);
    expect(report.error).toMatchObject({ kind: 'rate_limited', status: 403 });
    expect(report.error!.message).toMatch(/rate limit is still exhausted .* pull requests of acme\/web/);
    expect(clock.state.sleeps).toHaveLength(8);
    const rows = await snapshot(bed.ws);
    expect(rows.pulls.filter((p) => p.repo === 'acme/api')).toEqual(reference.pulls.filter((p) => p.repo === 'acme/api'));
  });
});
