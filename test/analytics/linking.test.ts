import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveAfterImport, runDerivations } from '../../analytics/derive';
import type { UndertowError } from '../../analytics/errors';
import { importers, importFiles } from '../../analytics/importers';
import type { ImportHooks } from '../../analytics/importers/run';
import { coverage, getLinkSettings, relink, saveLinkSettings, DEFAULT_LINK_SETTINGS } from '../../analytics/linking';
import { Workspace } from '../../analytics/workspace/workspace';
import { tempDir } from './helpers/temp';

let dir: ReturnType<typeof tempDir>;
let ws: Workspace;

beforeEach(async () => {
  dir = tempDir('undertow-link-');
  ws = await Workspace.create(dir.file('w.duckdb'));
});
afterEach(async () => {
  await ws.close();
  dir.cleanup();
});

/** Hours relative to T = 2025-06-10 12:00 UTC, as a timestamp literal. */
const at = (hours: number) => new Date(Date.UTC(2025, 5, 10, 12) + hours * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');

async function pr(f: { repo?: string; number: number; title?: string; body?: string; headRef?: string; mergedAt?: string | null; mergeCommitSha?: string; createdAt?: string }) {
  await ws.run(
    `INSERT INTO pull_requests (repo, number, title, body, author, head_ref, state, created_at, merged_at, additions, merge_commit_sha)
     VALUES ($repo, $number, $title, $body, 'jane', $head, 'merged', CAST($created AS TIMESTAMP), CAST($merged AS TIMESTAMP), 10, $sha)`,
    {
      repo: f.repo ?? 'acme/api',
      number: f.number,
      title: f.title ?? `Change ${f.number}`,
      body: f.body ?? 'Description.',
      head: f.headRef ?? `feature/change-${f.number}`,
      created: f.createdAt ?? at(-200),
      merged: f.mergedAt === undefined ? at(-100) : f.mergedAt,
      sha: f.mergeCommitSha ?? null,
    },
  );
}

async function commit(f: { repo?: string; sha: string; pr: number | null; message: string }) {
  await ws.run(
    "INSERT INTO commits (repo, sha, pr_number, author_login, authored_at, message, additions) VALUES ($repo, $sha, $pr, 'jane', CAST($at AS TIMESTAMP), $message, 1)",
    { repo: f.repo ?? 'acme/api', sha: f.sha, pr: f.pr, at: at(-300), message: f.message },
  );
}

async function issue(key: string, isBug = false) {
  await ws.run("INSERT INTO issues (issue_key, project, issue_type, is_bug, created_at) VALUES ($key, split_part($key, '-', 1), $type, $bug, CAST($at AS TIMESTAMP))", {
    key,
    type: isBug ? 'Bug' : 'Story',
    bug: isBug,
    at: at(-500),
  });
}

async function orgMap(type: string, key: string, team: string) {
  await ws.run('INSERT INTO org_map (type, key, team_id) VALUES ($type, $key, $team)', { type, key, team });
}

async function deployment(id: string, repo: string, hours: number, environment = 'production', status = 'success') {
  await ws.run(
    'INSERT INTO deployments (repo, deployment_id, environment, status, created_at, finished_at) VALUES ($repo, $id, $env, $status, CAST($created AS TIMESTAMP), CAST($finished AS TIMESTAMP))',
    { repo, id, env: environment, status, created: at(hours - 0.25), finished: at(hours) },
  );
}

async function incident(id: string, f: { serviceId: string; serviceName?: string; hours: number; urgency?: string | null; priority?: string | null }) {
  await ws.run(
    "INSERT INTO incidents (source, incident_id, service_id, service_name, urgency, priority, created_at) VALUES ('pagerduty', $id, $sid, $sname, $urgency, $priority, CAST($created AS TIMESTAMP))",
    { id, sid: f.serviceId, sname: f.serviceName ?? null, urgency: f.urgency === undefined ? 'high' : f.urgency, priority: f.priority ?? null, created: at(f.hours) },
  );
}

const linkAll = () => ws.transaction((tx) => relink(tx));

describe('issue ↔ PR links', () => {
  beforeEach(async () => {
    for (const key of ['ABC-1', 'ABC-2', 'ABC-3', 'DEF-10', 'ABC-12']) await issue(key, key === 'ABC-1' || key === 'DEF-10');
    await pr({ number: 1, title: 'ABC-1 fix login' });
    await pr({ number: 2, headRef: 'feature/abc-2-new-thing' });
    await pr({ number: 3, body: 'Fixes ABC-3 and ZZZ-9 (no such issue).' });
    await pr({ number: 4 });
    await commit({ sha: 'c4', pr: 4, message: 'DEF-10: repair the cache' });
    await pr({ number: 5, title: '[ABC-1] follow-up', body: 'Also ABC-1' });
    await commit({ sha: 'c5', pr: 5, message: 'ABC-1 again' });
    await pr({ number: 6, title: 'abc-1 in lower case, xABC-2 glued, ABC-12x3' });
    await pr({ number: 7, title: 'Squashed', mergeCommitSha: 'm7' });
    await commit({ sha: 'm7', pr: null, message: 'Squashed (#7)\n\n* ABC-3: part one' });
    await pr({ number: 8, title: 'ABC-2,ABC-3 two at once' });
  });

  it('links keys in title, branch, body and commits, by the first place naming them, and ignores unknown keys', async () => {
    await linkAll();
    const links = await ws.all<{ issue_key: string; pr_number: number; rule: string }>('SELECT issue_key, pr_number, rule FROM issue_pr_links ORDER BY pr_number, issue_key');
    expect(links).toEqual([
      { issue_key: 'ABC-1', pr_number: 1, rule: 'title' },
      { issue_key: 'ABC-2', pr_number: 2, rule: 'branch' },
      { issue_key: 'ABC-3', pr_number: 3, rule: 'body' },
      { issue_key: 'DEF-10', pr_number: 4, rule: 'commit' },
      { issue_key: 'ABC-1', pr_number: 5, rule: 'title' },
      { issue_key: 'ABC-12', pr_number: 6, rule: 'title' },
      { issue_key: 'ABC-3', pr_number: 7, rule: 'commit' },
      { issue_key: 'ABC-2', pr_number: 8, rule: 'title' },
      { issue_key: 'ABC-3', pr_number: 8, rule: 'title' },
    ]);
  });

  it('is idempotent and follows changes to the texts', async () => {
    await linkAll();
    const dump = () => ws.all('SELECT * FROM issue_pr_links ORDER BY ALL');
    const first = await dump();
    await linkAll();
    expect(await dump()).toEqual(first);
    await ws.run("UPDATE pull_requests SET title = 'No key any more' WHERE number = 1");
    await issue('ZZZ-9');
    await linkAll();
    const after = await ws.all<{ issue_key: string; pr_number: number }>('SELECT issue_key, pr_number FROM issue_pr_links ORDER BY ALL');
    expect(after).toContainEqual({ issue_key: 'ZZZ-9', pr_number: 3 });
    expect(after).not.toContainEqual({ issue_key: 'ABC-1', pr_number: 1 });
  });
});

describe('reverts and hotfixes', () => {
  const shaOf10 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  beforeEach(async () => {
    await pr({ number: 10, title: 'Add cache', mergeCommitSha: shaOf10, mergedAt: at(-50) });
    await commit({ sha: 'f00dfeed00000000000000000000000000000001', pr: 10, message: 'Add cache' });
    await pr({ number: 9, title: 'Add cache', mergedAt: at(-400) }); // an older PR with the same title
    await pr({ number: 11, title: 'Revert "Add cache"', createdAt: at(-10) });
    await pr({ number: 12, title: 'Undo the cache', body: 'Reverts acme/api#10\n\nIt broke checkout.' });
    await pr({ number: 13, title: 'Back out', body: `This reverts commit ${shaOf10.slice(0, 8)}.` });
    await pr({ number: 14, title: 'Revert "Something renamed since"', createdAt: at(-10) });
    await commit({ sha: 'c14', pr: 14, message: 'Revert "Add cache"\n\nThis reverts commit f00dfeed00000000000000000000000000000001.' });
    await pr({ number: 15, title: 'Revert upstream change', body: 'Reverts other/lib#3' });
    await pr({ number: 16, title: 'Revert "Revert "Add cache""', createdAt: at(-1) });
    await pr({ number: 17, title: 'Reverting is hard', body: 'We thought about reverts' });
    await pr({ number: 18, title: 'Revert "Add cache"', body: 'Reverts acme/api#9', createdAt: at(-0.5) });
    await pr({ number: 20, headRef: 'hotfix/db-timeout' });
    await pr({ number: 21, headRef: 'HOTFIX-123' });
    await pr({ number: 22, headRef: 'feature/hotfix-later' });
  });

  const flags = () => ws.all<{ number: number; is_revert: boolean; reverts_pr: number | null; is_hotfix: boolean }>('SELECT number, is_revert, reverts_pr, is_hotfix FROM pull_requests ORDER BY number');

  it('detects reverts by title, body and sha, and hotfixes by branch prefix', async () => {
    await linkAll();
    const byNumber = new Map((await flags()).map((r) => [r.number, r]));
    expect(byNumber.get(11)).toMatchObject({ is_revert: true, reverts_pr: 10 }); // title → latest merged PR of that title
    expect(byNumber.get(12)).toMatchObject({ is_revert: true, reverts_pr: 10 }); // body "Reverts owner/repo#N"
    expect(byNumber.get(13)).toMatchObject({ is_revert: true, reverts_pr: 10 }); // abbreviated merge commit sha
    expect(byNumber.get(14)).toMatchObject({ is_revert: true, reverts_pr: 10 }); // sha of a commit of PR 10, in a commit message
    expect(byNumber.get(15)).toMatchObject({ is_revert: true, reverts_pr: null }); // another repo: flagged, not resolvable
    expect(byNumber.get(16)).toMatchObject({ is_revert: true, reverts_pr: 11 }); // revert of a revert
    expect(byNumber.get(18)).toMatchObject({ is_revert: true, reverts_pr: 9 }); // the body's #N beats the title
    for (const n of [9, 10, 17, 20]) expect(byNumber.get(n), `#${n}`).toMatchObject({ is_revert: false, reverts_pr: null });
    expect([20, 21, 22].map((n) => byNumber.get(n)!.is_hotfix)).toEqual([true, true, false]);
    expect(byNumber.get(10)!.is_hotfix).toBe(false);
  });

  it('follows the hotfix prefixes setting and clears stale flags', async () => {
    await ws.run('UPDATE pull_requests SET is_revert = true, reverts_pr = 99 WHERE number = 17');
    await saveLinkSettings(ws, { hotfixBranchPrefixes: ['feature/hotfix'] });
    const byNumber = new Map((await flags()).map((r) => [r.number, r]));
    expect([20, 21, 22].map((n) => byNumber.get(n)!.is_hotfix)).toEqual([false, false, true]);
    expect(byNumber.get(17)).toMatchObject({ is_revert: false, reverts_pr: null });
    expect((await getLinkSettings(ws)).hotfixBranchPrefixes).toEqual(['feature/hotfix']);
  });
});

describe('incident ↔ change links', () => {
  beforeEach(async () => {
    await orgMap('service', 'PSVC1', 'team-a');
    await orgMap('service', 'Search API', 'team-b');
    await orgMap('repo', 'acme/api', 'team-a');
    await orgMap('repo', 'acme/web', 'team-a'); // no deployments: judged by its merges
    await orgMap('repo', 'acme/search', 'team-b');
    await deployment('d1', 'acme/api', -10);
    await deployment('d2', 'acme/api', -2);
    await deployment('d3', 'acme/api', -1, 'production', 'failure');
    await deployment('d4', 'acme/api', -0.5, 'staging');
    await deployment('d5', 'acme/api', 1);
    await pr({ repo: 'acme/api', number: 1, mergedAt: at(-0.2) }); // api deploys: its merges are not candidates
    await pr({ repo: 'acme/search', number: 20, mergedAt: at(-5) });
    await pr({ repo: 'acme/search', number: 21, mergedAt: at(-0.5) });
    await pr({ repo: 'acme/search', number: 22, mergedAt: at(1) });
    await pr({ repo: 'acme/search', number: 23, mergedAt: null });
    await pr({ repo: 'acme/web', number: 30, mergedAt: at(240 - 3) });
    await pr({ repo: 'acme/api', number: 31, mergedAt: at(240 - 1) });
    await incident('I1', { serviceId: 'PSVC1', hours: 0 });
    await incident('I2', { serviceId: 'PXYZ', serviceName: 'Search API', hours: 0 });
    await incident('I3', { serviceId: 'PSVC1', hours: 240 });
    await incident('I4', { serviceId: 'PSVC1', hours: 480 });
    await incident('I5', { serviceId: 'PSVC1', hours: 0, urgency: 'Low', priority: 'P3' });
    await incident('I6', { serviceId: 'PNONE', serviceName: 'Unknown', hours: 0 });
    await incident('I7', { serviceId: 'PSVC1', hours: 0, priority: 'P1' });
  });

  const links = () => ws.all<{ incident_id: string; change_kind: string; repo: string; change_id: string; rule: string }>('SELECT incident_id, change_kind, repo, change_id, rule FROM incident_change_links ORDER BY incident_id');
  const statuses = async () => Object.fromEntries((await ws.all<{ incident_id: string; status: string }>('SELECT incident_id, status FROM incident_link_status ORDER BY 1')).map((r) => [r.incident_id, r.status]));

  it('links to the last production deployment, else the last merge of a repo without deployments, else nothing', async () => {
    await linkAll();
    expect(await links()).toEqual([
      { incident_id: 'I1', change_kind: 'deployment', repo: 'acme/api', change_id: 'd2', rule: 'last-deploy-72h' },
      { incident_id: 'I2', change_kind: 'pr', repo: 'acme/search', change_id: '21', rule: 'merged-pr-72h' },
      { incident_id: 'I3', change_kind: 'pr', repo: 'acme/web', change_id: '30', rule: 'merged-pr-72h' },
      { incident_id: 'I5', change_kind: 'deployment', repo: 'acme/api', change_id: 'd2', rule: 'last-deploy-72h' },
      { incident_id: 'I7', change_kind: 'deployment', repo: 'acme/api', change_id: 'd2', rule: 'last-deploy-72h' },
    ]);
    expect(await statuses()).toEqual({ I1: 'deployment', I2: 'pr', I3: 'pr', I4: 'no_candidate', I5: 'deployment', I6: 'no_team', I7: 'deployment' });
  });

  it('applies the urgency/priority filters and the window from the settings', async () => {
    await saveLinkSettings(ws, { incidentUrgencies: ['high'], incidentPriorities: ['p1', 'P2'] });
    expect(await statuses()).toMatchObject({ I1: 'deployment', I5: 'filtered', I7: 'deployment' });
    await saveLinkSettings(ws, { incidentPriorities: ['P2'] });
    expect(await statuses()).toMatchObject({ I1: 'deployment', I7: 'filtered' }); // I1 states no priority: it passes
    await saveLinkSettings(ws, { incidentUrgencies: null, incidentPriorities: null, incidentWindowHours: 1 });
    expect(await links()).toEqual([
      { incident_id: 'I2', change_kind: 'pr', repo: 'acme/search', change_id: '21', rule: 'merged-pr-1h' },
    ]);
    expect(await statuses()).toEqual({ I1: 'no_candidate', I2: 'pr', I3: 'no_candidate', I4: 'no_candidate', I5: 'no_candidate', I6: 'no_team', I7: 'no_candidate' });
    const err = await saveLinkSettings(ws, { incidentWindowHours: -3 }).then(() => null, (e: unknown) => e);
    expect((err as UndertowError).code).toBe('invalid_request');
    expect((await getLinkSettings(ws)).incidentWindowHours).toBe(1);
  });

  it('is idempotent', async () => {
    await linkAll();
    const dump = async () => [await ws.all('SELECT * FROM incident_change_links ORDER BY ALL'), await ws.all('SELECT * FROM incident_link_status ORDER BY ALL')];
    const first = await dump();
    await linkAll();
    expect(await dump()).toEqual(first);
  });
});

describe('coverage', () => {
  it('counts AI evidence, linked bugs, linked and unlinked incidents, teams and months', async () => {
    await orgMap('service', 'PSVC1', 'team-a');
    await orgMap('repo', 'acme/api', 'team-a');
    await orgMap('repo', 'acme/web', 'team-b');
    await deployment('d1', 'acme/api', -1);
    await issue('ABC-1', true);
    await issue('ABC-2', true);
    await issue('ABC-3');
    await pr({ number: 1, title: 'ABC-1 fix', mergedAt: at(-30), headRef: 'copilot/fix' });
    await pr({ number: 2, title: 'ABC-3 story', mergedAt: at(-24 * 40) });
    await pr({ number: 3, mergedAt: null });
    await pr({ repo: 'acme/web', number: 1, mergedAt: at(-2) });
    await pr({ repo: 'acme/other', number: 1, mergedAt: at(-2) });
    await incident('I1', { serviceId: 'PSVC1', hours: 0 });
    await incident('I2', { serviceId: 'PSVC1', hours: 500 });
    await incident('I3', { serviceId: 'PNONE', hours: 0 });
    await incident('I4', { serviceId: 'PSVC1', hours: 0, urgency: 'low' });
    await ws.transaction((tx) => deriveAfterImport(tx, ['org']));
    await saveLinkSettings(ws, { incidentUrgencies: ['high'] });
    await incident('I5', { serviceId: 'PSVC1', hours: 1 }); // imported after the last relink
    const c = await coverage(ws);
    expect(c.pullRequests).toEqual({
      total: 5,
      merged: 4,
      withAiEvidence: 1,
      mergedWithAiEvidence: 1,
      byConfidence: { high: 0, medium: 1, low: 0, none: 4 },
      mergedAiShare: 0.25,
      inUnmappedRepos: 1,
    });
    expect(c.bugs).toEqual({ total: 2, linkedToPr: 1 });
    expect(c.issues).toEqual({ total: 3, linkedToPr: 2 });
    expect(c.incidents).toEqual({
      total: 5, linked: 1, linkedToDeployment: 1, linkedToPr: 0, unlinked: 4, filtered: 1, noTeam: 1, noCandidate: 1, notEvaluated: 1,
    });
    expect(c.teams).toEqual({ mapped: 2, withMergedPrs: 2, withIncidents: 1 });
    expect(c.months).toEqual({ withMergedPrs: 2, from: '2025-05', to: '2025-06' });
    expect(c.teamMonths).toBe(3);
  });
});

describe('deriveAfterImport', () => {
  it('runs as the import runner\'s derive hook: importing an org map links incidents and attributes PRs', async () => {
    await deployment('d1', 'acme/api', -1);
    await incident('I1', { serviceId: 'PSVC1', hours: 0 });
    await pr({ number: 1, headRef: 'claude/x' });
    const csv = dir.file('org-map.csv');
    writeFileSync(csv, 'type,key,team,seniority\nservice,PSVC1,Team A,\nrepo,acme/api,Team A,\n');
    const hooks: ImportHooks = { derive: deriveAfterImport };
    const [report] = await importFiles(ws, importers, [csv], { timeZone: 'UTC' }, hooks);
    expect(report!.error).toBeUndefined();
    expect(await ws.all('SELECT incident_id, change_id, rule FROM incident_change_links')).toEqual([{ incident_id: 'I1', change_id: 'd1', rule: 'last-deploy-72h' }]);
    expect(await ws.all('SELECT ai_evidence FROM pull_requests')).toEqual([{ ai_evidence: ['branch-prefix-claude'] }]);
  });

  it('rebuilds what each source affects', async () => {
    await orgMap('service', 'PSVC1', 'team-a');
    await orgMap('repo', 'acme/api', 'team-a');
    await deployment('d1', 'acme/api', -1);
    await pr({ number: 1, title: 'ABC-1 thing', headRef: 'copilot/x' });
    const derive = (sources: Parameters<typeof runDerivations>[1]) => ws.transaction((tx) => runDerivations(tx, sources));

    const helpdesk = await derive(new Set(['helpdesk', 'nps'] as const));
    expect(helpdesk).toEqual({ attribution: null, links: null });

    await issue('ABC-1');
    await incident('I1', { serviceId: 'PSVC1', hours: 0 });
    const jira = await derive(['jira']);
    expect(jira.attribution).toBeNull();
    expect(jira.links!.parts).toEqual(['issues']);
    expect((await ws.all('SELECT issue_key FROM issue_pr_links'))).toEqual([{ issue_key: 'ABC-1' }]);
    expect((await coverage(ws)).incidents.notEvaluated).toBe(1);
    expect((await ws.all<{ ai_confidence: string }>('SELECT ai_confidence FROM pull_requests'))[0]!.ai_confidence).toBe('none');

    const pagerduty = await derive(['pagerduty']);
    expect(pagerduty.links!.parts).toEqual(['incidents']);
    expect((await coverage(ws)).incidents.linkedToDeployment).toBe(1);

    const copilot = await derive(['copilot']);
    expect(copilot.links).toBeNull();
    expect(copilot.attribution!.withEvidence).toBe(1);

    const github = await derive(['github']);
    expect(github.attribution).not.toBeNull();
    expect(github.links!.parts).toEqual(['issues', 'reverts', 'incidents']);
  });

  it('uses the seeded default settings', async () => {
    expect(await getLinkSettings(ws)).toEqual(DEFAULT_LINK_SETTINGS);
  });
});
