/**
 * The Data and Settings views' contract calls, through the same dispatch every adapter uses (so the
 * request schemas are exercised too), each on a temporary workspace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallName, CallRequest, CallResponse, Events } from '../../shared/contract';
import type { JobProgress } from '../../shared/domain';
import { createHandlers, dispatch, type Handlers } from '../../analytics/app/handlers';
import { Session } from '../../analytics/app/session';
import { zonelessTimes } from '../../analytics/app/preview';
import { tempDir } from './helpers/temp';

const fixture = (...parts: string[]) => resolve('test', 'fixtures', ...parts);

describe('Data and Settings calls', () => {
  let dir: ReturnType<typeof tempDir>;
  let session: Session;
  let handlers: Handlers;
  let events: Array<{ event: keyof Events; payload: unknown }>;

  async function call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> {
    const result = await dispatch(handlers, name, request, () => undefined);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as CallResponse<K>;
  }
  async function failure(name: CallName, request: unknown) {
    const result = await dispatch(handlers, name, request, () => undefined);
    if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
    return result.error;
  }

  beforeEach(async () => {
    dir = tempDir();
    events = [];
    session = new Session({ mode: 'cli', version: '0.0.0-test', stateDir: dir.file('state'), emit: (event, payload) => events.push({ event, payload }) });
    handlers = createHandlers(session);
    await session.create(dir.file('w.duckdb'));
  });
  afterEach(async () => {
    await session.close();
    dir.cleanup();
  });

  describe('import:preview', () => {
    it('detects each file’s format, shows its first records, and says which need a zone or a column mapping', async () => {
      writeFileSync(dir.file('empty.csv'), '');
      writeFileSync(dir.file('notes.txt'), 'quarterly notes\nnothing to import here\n');
      const preview = await call('import:preview', {
        paths: [
          fixture('github', 'gh-pr-list.json'),
          fixture('jira', 'all-fields-bom-crlf.csv'),
          fixture('helpdesk', 'unmapped-tickets.csv'),
          fixture('nps', 'nps-responses.csv'),
          dir.file('empty.csv'),
          dir.file('notes.txt'),
        ],
      });
      const [gh, jira, tickets, nps, empty, notes] = preview.files;
      expect(gh).toMatchObject({ name: 'gh-pr-list.json', format: 'github-gh-pr-json', source: 'github', shape: 'json', mapping: null, timeZone: { needed: false } });
      expect(gh!.columns.slice(0, 2)).toEqual(['number', 'title']);
      expect(gh!.rows.map((r) => r[0])).toEqual(['104', '102', '101', '7']);
      expect(gh!.rows[1]).toContain('app/copilot-swe-agent'); // an actor shows as its login

      expect(jira).toMatchObject({ format: 'jira-csv', shape: 'csv', timeZone: { needed: true } });
      expect(jira!.columns).toContain('Issue key');
      expect(jira!.timeZone.examples[0]).toMatch(/\d{1,2}\/[A-Za-z]{3}\/\d{2} \d{1,2}:\d{2} [AP]M/);
      expect(jira!.rows.length).toBeGreaterThan(2);

      expect(tickets).toMatchObject({ format: 'generic-tickets-csv', mapping: { entity: 'ticket', unresolved: ['created_at'], proposed: { ticket_id: 'Ref' } } });
      expect(tickets!.mapping!.columns).toEqual(['Ref', 'Logged', 'Headline', 'Who']);
      expect(tickets!.mapping!.fields.filter((f) => f.required).map((f) => f.field)).toEqual(['ticket_id', 'created_at']);

      expect(nps).toMatchObject({ format: 'nps-csv', mapping: { unresolved: [], proposed: { responded_at: 'Date', score: 'NPS Score' } } });
      expect(nps!.rows[0]![3]).toBe('Fast, reliable and friendly'); // a quoted multi-line cell stays one cell

      expect(empty).toMatchObject({ format: null, error: expect.stringMatching(/empty/) });
      expect(empty!.error).not.toContain(dir.path); // names the file, not the temp path
      expect(notes).toMatchObject({ format: null, error: expect.stringMatching(/matches no export format/) });
      expect(preview.defaultTimeZone).toBeTruthy();
      // Nothing was written.
      expect((await call('imports:list', {})).total).toBe(0);
    });

    it('finds times written without a zone, and not those with one', () => {
      expect(zonelessTimes('a,2026-02-15T16:37:00Z,b,2026-02-15 16:37:00+01:00,c,2026-02-15 16:37 UTC').count).toBe(0);
      expect(zonelessTimes('2026-03-29 03:30:00,2026-03-29 05:00:00').examples).toEqual(['2026-03-29 03:30:00', '2026-03-29 05:00:00']);
      expect(zonelessTimes('"15/Mär/26 4:37 PM"').examples).toEqual(['15/Mär/26 4:37 PM']);
      expect(zonelessTimes('Mar 5, 2026 2:22 PM').count).toBe(1);
      expect(zonelessTimes('2026-02-15,2026-02-16').count).toBe(0); // dates alone are not shifted
    });

    it('rejects a request without files', async () => {
      expect((await failure('import:preview', { paths: [] })).code).toBe('invalid_request');
    });
  });

  describe('import:files, imports:list, imports:rejects', () => {
    it('imports with a per-file zone and column mapping, reports progress per file and the import ids', async () => {
      const report = await call('import:files', {
        paths: [fixture('helpdesk', 'unmapped-tickets.csv'), fixture('github', 'gh-pr-list-bad.json')],
        perFile: { [fixture('helpdesk', 'unmapped-tickets.csv')]: { timeZone: 'America/New_York', columnMapping: { created_at: 'Logged', subject: 'Headline', account: 'Who' } } },
      });
      const [tickets, bad] = report.files;
      expect(tickets).toMatchObject({ format: 'generic-tickets-csv', inserted: 2, importId: expect.any(Number) });
      expect(tickets!.error).toBeUndefined();
      expect(bad!.rejected).toBeGreaterThan(0);
      expect(bad!.importId).toBeGreaterThan(tickets!.importId!);

      const ws = session.requireWorkspace();
      const [ticket] = await ws.all<{ created: string; subject: string }>("SELECT strftime(created_at, '%Y-%m-%d %H:%M') AS created, subject FROM tickets WHERE ticket_id = 'R-9'");
      expect(ticket).toEqual({ created: '2026-02-01 15:00', subject: 'Printer on fire' }); // 10:00 in New York = 15:00 UTC

      const progress = events.filter((e) => e.event === 'job:progress').map((e) => e.payload as JobProgress);
      const files = progress.filter((p) => p.file).map((p) => p.file!);
      expect(new Set(files.map((f) => f.index))).toEqual(new Set([0, 1]));
      expect(files.every((f) => f.count === 2)).toBe(true);
      expect(files.find((f) => f.index === 1 && f.fraction === 1)?.path).toBe(fixture('github', 'gh-pr-list-bad.json'));
      expect(progress.at(-1)).toMatchObject({ done: true, fraction: 1 });
      expect(events.some((e) => e.event === 'workspace:changed')).toBe(true);

      const history = await call('imports:list', {});
      expect(history.total).toBe(2);
      expect(history.entries.map((e) => e.fileName)).toEqual(['gh-pr-list-bad.json', 'unmapped-tickets.csv']);
      expect(history.entries[0]).toMatchObject({ status: 'ok', format: 'github-gh-pr-json', formatLabel: expect.stringContaining('GitHub'), rejected: bad!.rejected });
      expect(history.entries[0]!.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

      const rejects = await call('imports:rejects', { importId: bad!.importId! });
      expect(rejects.total).toBe(bad!.rejected);
      expect(rejects.rejects[0]).toMatchObject({ line: expect.any(Number), reason: expect.any(String) });
      expect(rejects.rejects.some((r) => r.raw !== null)).toBe(true);
      expect((await failure('imports:rejects', { importId: 9999 })).code).toBe('not_found');
    });

    it('uses the workspace’s default zone when the request names none', async () => {
      await call('settings:save', { timeZone: 'Asia/Tokyo' });
      const report = await call('import:files', { paths: [fixture('helpdesk', 'generic-tickets.csv')] });
      expect(report.timeZone).toBe('Asia/Tokyo');
      expect((await call('import:preview', { paths: [fixture('helpdesk', 'generic-tickets.csv')] })).defaultTimeZone).toBe('Asia/Tokyo');
    });
  });

  describe('org map', () => {
    beforeEach(async () => {
      await call('import:files', { paths: [fixture('github', 'gh-pr-list.json'), fixture('org', 'org-map.csv')] });
    });

    it('lists the map with its teams, and what the data names but no team owns', async () => {
      const map = await call('org:list', {});
      expect(map.entries).toContainEqual({ type: 'person', key: 'ana', teamId: 'payments', teamName: 'Payments', seniority: 'senior' });
      expect(map.teams.find((t) => t.teamId === 'payments')?.counts).toMatchObject({ person: 1, repo: 1, jira_project: 1 });

      const unknowns = await call('org:unknowns', {});
      expect(unknowns.items).toContainEqual(expect.objectContaining({ type: 'person', key: 'cy', rows: 1 }));
      expect(unknowns.items).toContainEqual(expect.objectContaining({ type: 'repo', key: 'acme/payments-api', rows: 4 }));
      // Mapped people and bots are not unknowns.
      expect(unknowns.items.map((i) => i.key)).not.toContain('ana');
      expect(unknowns.items.some((i) => /copilot/i.test(i.key))).toBe(false);
      expect(unknowns.totals.repo).toBe(1);
    });

    it('maps an unknown to a new team in one step, recomputing links and coverage; removes it again', async () => {
      const before = await call('data:coverage', {});
      expect(before.pullRequests.inUnmappedRepos).toBe(4);
      events = [];
      const change = await call('org:upsert', { entries: [{ type: 'repo', key: 'acme/payments-api', team: 'Payments' }, { type: 'person', key: 'cy', team: 'Platform & Infra', seniority: 'staff' }] });
      expect(change.changed).toBe(2);
      expect(change.map.teams.map((t) => t.teamId)).toContain('platform-infra');
      expect(change.map.entries).toContainEqual({ type: 'person', key: 'cy', teamId: 'platform-infra', teamName: 'Platform & Infra', seniority: 'staff' });
      expect(events.some((e) => e.event === 'workspace:changed')).toBe(true);
      expect((await call('data:coverage', {})).pullRequests.inUnmappedRepos).toBe(0);
      expect((await call('org:unknowns', {})).items.map((i) => i.key)).not.toContain('acme/payments-api');

      // The same key in another letter case replaces the row rather than adding a second one.
      await call('org:upsert', { entries: [{ type: 'person', key: 'CY', team: 'Payments', seniority: null }] });
      const people = (await call('org:list', {})).entries.filter((e) => e.type === 'person' && e.key.toLowerCase() === 'cy');
      expect(people).toEqual([{ type: 'person', key: 'CY', teamId: 'payments', teamName: 'Payments', seniority: null }]);
      // Platform & Infra lost its only member: the team goes with it.
      expect((await call('org:list', {})).teams.map((t) => t.teamId)).not.toContain('platform-infra');
      const removed = await call('org:remove', { entries: [{ type: 'person', key: 'cy' }, { type: 'repo', key: 'ACME/PAYMENTS-API' }] });
      expect(removed.changed).toBe(2);
      expect(removed.map.entries.some((e) => e.key === 'CY' || e.key === 'acme/payments-api')).toBe(false);
      expect((await call('data:coverage', {})).pullRequests.inUnmappedRepos).toBe(4);
    });

    it('refuses bad rows and changes nothing', async () => {
      const before = await call('org:list', {});
      expect((await failure('org:upsert', { entries: [{ type: 'robot', key: 'x', team: 'A' }] })).code).toBe('invalid_request');
      expect((await failure('org:upsert', { entries: [{ type: 'person', key: 'x', team: '!!!' }] })).message).toMatch(/team/);
      expect((await failure('org:upsert', { entries: [{ type: 'person', key: 'x', team: 'A' }, { type: 'person', key: 'X', team: 'B' }] })).message).toMatch(/twice/);
      expect(await call('org:list', {})).toEqual(before);
    });

    it('exports the map as the org-map CSV, formula-safe, and the wizard imports it back to the same map', async () => {
      await call('org:upsert', { entries: [{ type: 'service', key: '=cmd|calc', team: 'Payments' }, { type: 'person', key: 'dee', team: 'Data, ML', seniority: 'junior' }] });
      const { csv, rows } = await call('org:export', {});
      expect(rows).toBe(7);
      expect(csv.split('\r\n')[0]).toBe('type,key,team,seniority');
      expect(csv).toContain('person,dee,"Data, ML",junior\r\n');
      expect(csv).toContain('person,ana,Payments,senior\r\n');
      expect(csv).toContain("service,'=cmd|calc,Payments,");
      writeFileSync(dir.file('exported.csv'), csv);

      const original = (await call('org:list', {})).entries.filter((e) => !e.key.startsWith('='));
      await session.create(dir.file('other.duckdb'));
      const preview = await call('import:preview', { paths: [dir.file('exported.csv')] });
      expect(preview.files[0]!.format).toBe('org-map-csv');
      await call('import:files', { paths: [dir.file('exported.csv')] });
      const reimported = (await call('org:list', {})).entries.filter((e) => !e.key.startsWith("'"));
      expect(reimported).toEqual(original);
      expect(readFileSync(dir.file('exported.csv'), 'utf8')).toBe(csv);
    });
  });

  describe('attribution rules', () => {
    beforeEach(async () => {
      await call('import:files', { paths: [fixture('github', 'gh-pr-list.json')] });
    });

    it('lists every rule with the PRs it matches, counts drafts live and explains invalid ones', async () => {
      const rules = await call('attribution:rules', {});
      expect(rules.pullRequests).toBe(4);
      expect(rules.withEvidence).toBeGreaterThan(0);
      const label = rules.rules.find((r) => r.ruleId === 'label-ai-assisted');
      expect(label).toMatchObject({ kind: 'label', builtin: true, enabled: true, prs: 1 });

      const counts = await call('attribution:preview', {
        drafts: [
          { kind: 'branch_prefix', pattern: 'spike', confidence: 'medium' },
          { kind: 'trailer', pattern: '(unclosed', confidence: 'high' },
          { kind: 'body_marker', pattern: '.*', confidence: 'high' },
          { kind: 'label', pattern: 'no-such-label', confidence: 'medium' },
        ],
      });
      expect(counts[0]).toEqual({ ok: true, prs: 1, commits: 0 });
      expect(counts[1]).toMatchObject({ ok: false, field: 'pattern', error: expect.stringMatching(/regular expression/) });
      expect(counts[2]).toMatchObject({ ok: false, error: expect.stringMatching(/empty line/) });
      expect(counts[3]).toEqual({ ok: true, prs: 0, commits: 0 });
    });

    it('saves a rule and recomputes attribution without re-import; disables and deletes', async () => {
      const before = await call('attribution:rules', {});
      const saved = await call('attribution:saveRule', { rule: { kind: 'branch_prefix', pattern: 'spike', confidence: 'medium', tool: null, description: 'Spikes are AI prototypes here' } });
      expect(saved.savedRuleId).toBe('branch-prefix-spike');
      expect(saved.withEvidence).toBe(before.withEvidence + 1);
      expect(saved.rules.find((r) => r.ruleId === 'branch-prefix-spike')).toMatchObject({ prs: 1, soleEvidence: 1, builtin: false });
      const [pr] = await session.requireWorkspace().all<{ ai_confidence: string }>('SELECT ai_confidence FROM pull_requests WHERE number = 7');
      expect(pr!.ai_confidence).toBe('medium');

      const disabled = await call('attribution:saveRule', { rule: { ruleId: 'branch-prefix-spike', kind: 'branch_prefix', pattern: 'spike', confidence: 'medium', enabled: false } });
      expect(disabled.withEvidence).toBe(before.withEvidence);
      const deleted = await call('attribution:deleteRule', { ruleId: 'branch-prefix-spike' });
      expect(deleted.rules.some((r) => r.ruleId === 'branch-prefix-spike')).toBe(false);
      expect((await failure('attribution:deleteRule', { ruleId: 'label-ai-assisted' })).message).toMatch(/built-in/);
      expect((await failure('attribution:saveRule', { rule: { kind: 'trailer', pattern: '', confidence: 'high' } })).message).toMatch(/empty/);
    });
  });

  describe('settings', () => {
    it('answers the defaults and the values seen in the data', async () => {
      await call('import:files', { paths: [fixture('pagerduty', 'incidents-web-ui.csv'), fixture('jira', 'all-fields-bom-crlf.csv')] });
      const settings = await call('settings:get', {});
      expect(settings.linking).toEqual(settings.linkingDefaults);
      expect(settings.linking.incidentWindowHours).toBe(72);
      expect(settings.seen.urgencies.map((u) => u.value.toLowerCase())).toContain('high');
      expect(settings.seen.issueTypes.find((t) => t.value === 'Bug')).toMatchObject({ isBug: true });
      expect(settings.jiraBugTypes.isDefault).toBe(true);
      expect(settings.timeZone).toEqual({ value: null, machine: expect.any(String) });
    });

    it('saves linking settings and the bug type map, rebuilding what depends on them', async () => {
      await call('import:files', { paths: [fixture('jira', 'all-fields-bom-crlf.csv')] });
      const ws = session.requireWorkspace();
      const bugsBefore = (await ws.all<{ n: number }>('SELECT count(*) AS n FROM issues WHERE is_bug'))[0]!.n;
      const types = (await call('settings:get', {})).seen.issueTypes;
      const story = types.find((t) => !t.isBug)!;

      const saved = await call('settings:save', { linking: { incidentWindowHours: 24, incidentUrgencies: ['high'] }, jiraBugTypes: ['Bug', story.value] });
      expect(saved.relinked).toBe(true);
      const nowBugs = types.filter((t) => ['bug', story.value.toLowerCase()].includes(t.value.toLowerCase()));
      const changedTypes = types.filter((t) => t.isBug !== nowBugs.includes(t));
      expect(saved.reclassified).toBe(changedTypes.reduce((n, t) => n + t.count, 0));
      expect(saved.settings.seen.issueTypes.filter((t) => t.isBug).map((t) => t.value).sort()).toEqual(nowBugs.map((t) => t.value).sort());
      expect(saved.settings.linking).toMatchObject({ incidentWindowHours: 24, incidentUrgencies: ['high'] });
      expect(saved.settings.jiraBugTypes).toMatchObject({ isDefault: false, types: ['Bug', story.value] });
      expect(Number((await ws.all<{ n: number }>('SELECT count(*) AS n FROM issues WHERE is_bug'))[0]!.n)).toBe(nowBugs.reduce((n, t) => n + t.count, 0));

      const reset = await call('settings:save', { jiraBugTypes: null, timeZone: 'Europe/Berlin' });
      expect(reset.settings.jiraBugTypes.isDefault).toBe(true);
      expect(reset.settings.timeZone.value).toBe('Europe/Berlin');
      expect((await ws.all<{ n: number }>('SELECT count(*) AS n FROM issues WHERE is_bug'))[0]!.n).toBe(bugsBefore);

      expect((await failure('settings:save', { linking: { incidentWindowHours: -1 } })).code).toBe('invalid_request');
      expect((await failure('settings:save', { timeZone: 'Mars/Olympus' })).code).toBe('invalid_request');
      expect((await failure('settings:save', { jiraBugTypes: [' '] })).message).toMatch(/at least one/);
      expect((await call('settings:get', {})).linking.incidentWindowHours).toBe(24);
    });
  });

  it('calls that need a workspace say so when none is open', async () => {
    await session.close();
    for (const name of ['org:list', 'attribution:rules', 'settings:get', 'imports:list'] as const) {
      expect((await failure(name, {})).code).toBe('no_workspace');
    }
    // The preview reads files only.
    expect((await call('import:preview', { paths: [join('test', 'fixtures', 'org', 'org-map.csv')] })).files[0]!.format).toBe('org-map-csv');
  });
});
