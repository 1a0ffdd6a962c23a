import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headlines, lastCompleteMonth, overview } from '../../analytics/metrics/overview';
import { teamsList } from '../../analytics/metrics/teams';
import { Workspace } from '../../analytics/workspace/workspace';
import { tempDir } from './helpers/temp';

/**
 * A tiny org where every answer is known by hand:
 * Jan 2026: 2 merged PRs (100 + 300 added lines, AI shares 1.0 and 0.0 → 100/400 = 25%),
 *           1 incident, 2 bugs (+1 non-bug), 3 tickets, NPS responses 10, 9, 7, 3 → (2−1)/4 = +25.
 * Feb 2026: 1 merged PR (200 lines, AI 0.5 → 50%), 0 incidents, 0 bugs, 1 ticket, no NPS responses.
 * An open PR and a PR merged in March fall outside Jan–Feb or are unmerged.
 */
async function handBuilt(path: string): Promise<Workspace> {
  const ws = await Workspace.create(path);
  await ws.run(`
    INSERT INTO teams VALUES ('pay', 'Payments', NULL), ('web', 'Web', NULL);
    INSERT INTO org_map VALUES ('person', 'ana', 'pay', 'senior', NULL), ('person', 'bo', 'web', 'mid', NULL),
      ('repo', 'acme/pay', 'pay', NULL, NULL), ('service', 'Payments API', 'pay', NULL, NULL);
    INSERT INTO people (login) VALUES ('ana'), ('bo');
    INSERT INTO pull_requests (repo, number, author, created_at, merged_at, additions, ai_share) VALUES
      ('acme/pay', 1, 'ana', '2026-01-02', '2026-01-05 10:00', 100, 1.0),
      ('acme/web', 2, 'bo',  '2026-01-03', '2026-01-31 23:59', 300, 0.0),
      ('acme/pay', 3, 'ana', '2026-02-01', '2026-02-10', 200, 0.5),
      ('acme/pay', 4, 'ana', '2026-02-11', NULL, 50, 1.0),
      ('acme/pay', 5, 'ana', '2026-02-20', '2026-03-01 00:00', 80, 0.0);
    INSERT INTO incidents (source, incident_id, service_name, created_at) VALUES ('pagerduty', 'P1', 'Payments API', '2026-01-20');
    INSERT INTO issues (issue_key, is_bug, created_at) VALUES ('PAY-1', true, '2026-01-10'), ('PAY-2', true, '2026-01-11'), ('PAY-3', false, '2026-01-12');
    INSERT INTO tickets (source, ticket_id, created_at) VALUES ('zendesk', '1', '2026-01-01'), ('zendesk', '2', '2026-01-15'), ('zendesk', '3', '2026-01-31 12:00'), ('zendesk', '4', '2026-02-02');
    INSERT INTO nps_responses (source, response_id, responded_at, score) VALUES
      ('csv', 'a', '2026-01-03', 10), ('csv', 'b', '2026-01-04', 9), ('csv', 'c', '2026-01-05', 7), ('csv', 'd', '2026-01-06', 3);
  `);
  return ws;
}

describe('overview metrics', () => {
  let dir: ReturnType<typeof tempDir>;
  let ws: Workspace;
  beforeEach(async () => {
    dir = tempDir();
    ws = await handBuilt(dir.file('hand.duckdb'));
  });
  afterEach(async () => {
    await ws.close();
    dir.cleanup();
  });

  it('computes the monthly board story by hand-checkable definitions', async () => {
    const data = await overview(ws, { from: '2026-01-01', to: '2026-02-28' });
    expect(data.months).toEqual([
      { month: '2026-01', mergedPrs: 2, aiShare: 0.25, incidents: 1, bugs: 2, tickets: 3, nps: 25, npsResponses: 4 },
      { month: '2026-02', mergedPrs: 1, aiShare: 0.5, incidents: 0, bugs: 0, tickets: 1, nps: null, npsResponses: 0 },
    ]);
  });

  it('defaults to the data range and leaves empty months as zero, not missing', async () => {
    const data = await overview(ws, {});
    expect(data.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(data.months[2]).toMatchObject({ mergedPrs: 1, aiShare: 0, incidents: 0 });
  });

  it('headlines compare the last complete month with the one before', async () => {
    // Data ends 2026-03-01, so March is incomplete and February is the headline month.
    const data = await overview(ws, {});
    const merged = data.headlines.find((h) => h.key === 'mergedPrs')!;
    expect(merged).toMatchObject({ value: 1, previous: 2, month: '2026-02' });
    expect(data.headlines.find((h) => h.key === 'nps')).toMatchObject({ value: null, previous: 25 });
  });

  it('returns no months for an empty workspace', async () => {
    const empty = await Workspace.create(dir.file('empty.duckdb'));
    expect(await overview(empty, {})).toEqual({ months: [], headlines: headlines([], null) });
    await empty.close();
  });

  it('attributes PRs to the repo team, else the author team, and incidents by service', async () => {
    const teams = await teamsList(ws, { from: '2026-01-01', to: '2026-02-28' });
    expect(teams).toEqual([
      { teamId: 'pay', name: 'Payments', engineers: 1, repos: 1, mergedPrs: 2, aiShare: 200 / 300, incidents: 1 },
      { teamId: 'web', name: 'Web', engineers: 1, repos: 0, mergedPrs: 1, aiShare: 0, incidents: 0 },
    ]);
  });
});

describe('lastCompleteMonth', () => {
  it.each([
    ['2026-10-31', '2026-10'],
    ['2026-10-30', '2026-09'],
    ['2026-03-01', '2026-02'],
    ['2026-01-15', '2025-12'],
    ['2024-02-29', '2024-02'],
  ])('%s → %s', (day, month) => expect(lastCompleteMonth(day)).toBe(month));
});
