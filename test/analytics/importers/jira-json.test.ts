import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { jiraImporters } from '../../../analytics/importers/formats/jira';
import { pagerDutyImporters } from '../../../analytics/importers/formats/pagerduty';
import type { FormatImporter } from '../../../analytics/importers/types';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const FIXTURES = join(__dirname, '../../fixtures/jira');
const all: FormatImporter[] = [...new Map([...registered, ...jiraImporters, ...pagerDutyImporters].map((i) => [i.format, i])).values()];
const berlin = { timeZone: 'Europe/Berlin' };

describe('Jira REST JSON import', () => {
  const bed = workspaceTestbed(FIXTURES);
  const { fixture } = bed;
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));
  const issue = async (key: string) => (await ws.all('SELECT * EXCLUDE (source_import) FROM issues WHERE issue_key = $key', { key }))[0];

  it('reads /search/jql pages: translated types, offsets without colon, names-mapped custom fields, hierarchy', async () => {
    const [report] = await importFiles(ws, all, [fixture('search-jql-pages.json')], berlin);
    expect(report!.error).toBeUndefined();
    expect(report).toMatchObject({ format: 'jira-rest-json', inserted: 5, rejected: 0 });
    expect(await issue('OPS-2')).toEqual({
      issue_key: 'OPS-2',
      issue_id: '30002',
      project: 'OPS',
      summary: 'Zeitüberschreitung beim Login',
      issue_type: 'Fehler',
      is_bug: true,
      priority: 'Highest',
      status: 'Erledigt',
      status_category: 'done',
      created_at: '2026-02-15T08:37:12.345Z', // 16:37:12.345+0800
      resolved_at: '2026-02-16T02:00:00.000Z',
      story_points: 3, // customfield_10035, named "Story point estimate" in `names`
      sprint: 'OPS Sprint 2', // customfield_10021 (not the usual 10020), the last sprint
      parent_key: 'OPS-1',
      epic_key: 'OPS-1', // the parent is at hierarchy level 1
      components: ['Auth'],
      labels: ['login', 'sev2'],
      dev_pr_count: 3,
      url: 'https://acme.atlassian.net/browse/OPS-2',
    });
    expect(await ws.all('SELECT issue_key, issue_type, is_bug, status_category FROM issues ORDER BY issue_key')).toEqual([
      { issue_key: 'OPS-1', issue_type: 'Epos', is_bug: false, status_category: 'done' },
      { issue_key: 'OPS-2', issue_type: 'Fehler', is_bug: true, status_category: 'done' },
      { issue_key: 'OPS-3', issue_type: 'Bogue', is_bug: true, status_category: 'indeterminate' },
      { issue_key: 'OPS-4', issue_type: 'バグ', is_bug: true, status_category: 'done' },
      { issue_key: 'OPS-5', issue_type: 'Unteraufgabe', is_bug: false, status_category: 'new' },
    ]);
    expect(await issue('OPS-3')).toMatchObject({ created_at: '2026-07-01T13:00:00.000Z', sprint: 'OPS Sprint 13', resolved_at: null });
    expect(await issue('OPS-4')).toMatchObject({ created_at: '2026-03-10T00:30:00.000Z', story_points: 1 });
    // A sub-task's parent is a standard issue, not an epic.
    expect(await issue('OPS-5')).toMatchObject({ parent_key: 'OPS-2', epic_key: null });
  });

  it('reads old /search pages with the usual custom field ids, and rejects records without key or created', async () => {
    const [report] = await importFiles(ws, all, [fixture('search-v2-page.json')], berlin);
    expect(report).toMatchObject({ format: 'jira-rest-json', inserted: 2, rejected: 2 });
    expect(report!.rejects).toEqual([
      { line: 2, field: 'key', reason: 'key is missing' },
      { line: 3, field: 'fields.created', reason: "fields.created 'next tuesday' is not an ISO 8601 timestamp" },
    ]);
    const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects WHERE line = 3');
    expect(JSON.parse(raw!.raw)).toMatchObject({ key: 'WEB-9', id: '40003' });
    expect(await issue('WEB-7')).toMatchObject({
      is_bug: true,
      created_at: '2019-11-04T09:12:33.000Z',
      epic_key: 'WEB-1', // customfield_10014
      story_points: 2, // customfield_10016
      sprint: 'WEB Sprint 7', // the old server's string form
      dev_pr_count: null, // no Development field in this export
      url: 'https://acme.atlassian.net/browse/WEB-7',
    });
  });

  it('re-importing is a no-op; an empty last page imports nothing without error', async () => {
    const path = fixture('search-jql-pages.json');
    await importFiles(ws, all, [path], berlin);
    const before = JSON.stringify(await ws.all('SELECT * FROM issues ORDER BY issue_key'));
    const [again] = await importFiles(ws, all, [path], berlin);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    expect(JSON.stringify(await ws.all('SELECT * FROM issues ORDER BY issue_key'))).toBe(before);

    const empty = dir.file('last.json');
    writeFileSync(empty, JSON.stringify({ startAt: 100, maxResults: 100, total: 100, issues: [] }));
    const [report] = await importFiles(ws, all, [empty], berlin);
    expect(report).toMatchObject({ format: 'jira-rest-json', inserted: 0, rejected: 0 });
    expect(report!.error).toBeUndefined();
  });

  it('reads NDJSON and Airbyte records of issues, merging with what is stored', async () => {
    await importFiles(ws, all, [fixture('search-jql-pages.json')], berlin);
    const lines = [
      { stream: 'issues', data: { key: 'OPS-3', id: '30003', self: 'https://acme.atlassian.net/rest/api/3/issue/30003', fields: { summary: 'Le rapport mensuel est vide', issuetype: { name: 'Bogue' }, status: { name: 'Terminé', statusCategory: { key: 'done' } }, created: '2026-07-01T08:00:00.000-0500', resolutiondate: '2026-07-03T08:00:00.000-0500' } }, emitted_at: 1 },
      { stream: 'issues', data: { key: 'OPS-2', id: '30002', fields: { summary: 'Zeitüberschreitung beim Login', issuetype: { name: 'Fehler' }, priority: { name: 'High' }, created: '2026-02-15T16:37:12.345+0800' } }, emitted_at: 1 },
      { stream: 'issues', data: { key: 'OPS-6', id: '30006', fields: { summary: 'Neu', issuetype: { name: 'Task' }, created: '2026-07-05T10:00:00.000' } }, emitted_at: 2 },
    ];
    const path = dir.file('airbyte.jsonl');
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const [report] = await importFiles(ws, all, [path], berlin);
    expect(report).toMatchObject({ format: 'jira-rest-json', inserted: 1, updated: 2 });
    // Fields a record leaves out (not requested) keep their stored values.
    expect(await issue('OPS-2')).toMatchObject({ priority: 'High', labels: ['login', 'sev2'], components: ['Auth'], sprint: 'OPS Sprint 2', dev_pr_count: 3, epic_key: 'OPS-1' });
    expect(await issue('OPS-3')).toMatchObject({ status_category: 'done', resolved_at: '2026-07-03T13:00:00.000Z', sprint: 'OPS Sprint 13' });
    expect(await issue('OPS-6')).toMatchObject({ created_at: '2026-07-05T08:00:00.000Z' }); // no offset → Berlin
  });
});
