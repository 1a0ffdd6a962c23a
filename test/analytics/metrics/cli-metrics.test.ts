import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { handBuiltOrg } from './fixture';

describe('cli metrics', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeAll(async () => {
    dir = tempDir();
    process.env.UNDERTOW_STATE_DIR = dir.file('state');
    path = dir.file('hand.duckdb');
    await (await handBuiltOrg(path)).close();
  });
  afterAll(() => {
    delete process.env.UNDERTOW_STATE_DIR;
    dir.cleanup();
  });

  it('--json prints one snake_case row per month', async () => {
    const res = await cli('metrics', path, '--by', 'month', '--json');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.out);
    expect(out).toMatchObject({ grain: 'month', from: '2026-01-02', to: '2026-02-12', window_hours: 72 });
    expect(out.rows).toHaveLength(2);
    expect(out.rows[0]).toMatchObject({
      period: '2026-01', team: null, merged_prs: 7, incidents: 3, bugs: 2, reverts: 1, change_failure_rate: 4 / 7,
      tickets: 4, nps: 20, nps_responses: 10, quality_weighted_prs: 3, first_review_hours: 2, first_review_hours_ai: 2.5,
      first_review_hours_non_ai: 2, senior_review_share: 2 / 3, dora_change_failure_rate: 'low', dora_time_to_restore: 'high',
    });
    expect(out.rows[0].ai_share).toBeCloseTo(200 / 680, 12);
    expect(out.rows[0].incidents_per_100_prs).toBeCloseTo(300 / 7, 12);
    expect(out.rows[0].bugs_per_1k_lines).toBeCloseTo(2000 / 680, 12);
    expect(out.rows[0].nps_low).toBeLessThan(20);
    expect(out.rows[0].nps_high).toBeGreaterThan(20);
  });

  it('filters by team and range, and breaks down per team', async () => {
    const team = JSON.parse((await cli('metrics', path, '--team', 'pay', '--from', '2026-01-01', '--to', '2026-01-31', '--json')).out);
    expect(team.rows).toEqual([expect.objectContaining({ period: '2026-01', team: 'pay', merged_prs: 5, change_failures: 3, tickets: 2, nps: null })]);
    const weeks = JSON.parse((await cli('metrics', path, '--by', 'week', '--per', 'team', '--json')).out);
    expect(weeks.rows).toHaveLength(7 * 3);
    expect(weeks.rows.slice(0, 3).map((r: { period: string; team: string }) => `${r.period} ${r.team}`)).toEqual(['2026-W01 ops', '2026-W01 pay', '2026-W01 web']);
  });

  it('prints a readable table without --json', async () => {
    const res = await cli('metrics', path, '--repo', 'acme/pay');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/Metrics by month, repo acme\/pay, 2026-01-02 – 2026-02-12/);
    expect(res.out).toMatch(/^2026-01\s+5\s+32\.8%/m);
  });

  it('usage mistakes exit 2; an unknown team exits 1 naming the teams', async () => {
    for (const args of [[], ['--by', 'year'], ['--per', 'service'], ['--from', '2026-1-1'], ['--from', '2026-02-01', '--to', '2026-01-01'], ['--bogus']]) {
      const res = await cli('metrics', ...(args.length === 0 ? [] : [path, ...args]));
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.err).toMatch(/Usage: npm run cli -- metrics <workspace.duckdb>/);
    }
    const unknown = await cli('metrics', path, '--team', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No team "nope".*ops, pay, web/);
  });
});
