import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { jiraImporters, reclassifyJiraBugs } from '../../../analytics/importers/formats/jira';
import { planJiraCsvColumns } from '../../../analytics/importers/formats/jira/csv-columns';
import { pagerDutyImporters } from '../../../analytics/importers/formats/pagerduty';
import type { FormatImporter } from '../../../analytics/importers/types';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { writeLargeJiraCsv } from '../../fixtures/jira/large-export';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const FIXTURES = join(__dirname, '../../fixtures/jira');
/** Every format, as the app will have them, so detection is tested against the others too. */
const all: FormatImporter[] = [...new Map([...registered, ...jiraImporters, ...pagerDutyImporters].map((i) => [i.format, i])).values()];
const berlin = { timeZone: 'Europe/Berlin' };

describe('Jira CSV import', () => {
  const bed = workspaceTestbed(FIXTURES);
  const { fixture } = bed;
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));
  const issue = async (key: string) => (await ws.all('SELECT * EXCLUDE (source_import) FROM issues WHERE issue_key = $key', { key }))[0];
  const snapshot = async () =>
    JSON.stringify(await ws.all(`SELECT (SELECT list(i ORDER BY i.issue_key) FROM issues i) AS issues, (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM import_rejects) AS rejects`));

  it('reads an "all fields" export: BOM, CRLF, multi-line cells, repeated headers, translated types, zone → UTC', async () => {
    const path = fixture('all-fields-bom-crlf.csv');
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');

    const [report] = await importFiles(ws, all, [path], berlin);
    expect(report!.error).toBeUndefined();
    expect(report).toMatchObject({ format: 'jira-csv', inserted: 5, updated: 0, rejected: 2 });
    // Lines are spreadsheet rows: row 3 spans several physical lines, yet the rejects are rows 5 and 6.
    expect(report!.rejects).toEqual([
      { line: 5, field: 'Issue key', reason: 'Issue key is empty' },
      { line: 6, field: 'Created', reason: expect.stringMatching(/^Created '31\/Foo\/26 25:99 PM' is not a date and time/) },
    ]);
    const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects WHERE line = 5');
    expect(JSON.parse(raw!.raw)).toMatchObject({ 'Issue id': '20104', Summary: 'Orphan row without a key' });

    expect(await issue('PAY-102')).toEqual({
      issue_key: 'PAY-102',
      issue_id: '20102',
      project: 'PAY',
      summary: 'Refund fails for amounts > 1,000 ("EUR" only)',
      issue_type: 'Bug',
      is_bug: true,
      priority: 'Highest',
      status: 'Done',
      status_category: 'done',
      created_at: '2026-02-15T15:37:00.000Z', // 15/Feb/26 4:37 PM CET (UTC+1)
      resolved_at: '2026-02-16T08:05:00.000Z',
      story_points: 2,
      sprint: 'PAY Sprint 2', // the last non-empty of three Sprint columns
      parent_key: 'PAY-101', // Parent holds the epic's issue id
      epic_key: 'PAY-101',
      components: ['Ledger', 'API'],
      labels: ['customer', 'regression'], // the empty middle copy is skipped
      dev_pr_count: 2, // overall count, not the OPEN stateCount of 1
      url: null,
    });
    // Translated type and status category; four-digit year, 24-hour clock, summer time (UTC+2).
    expect(await issue('PAY-103')).toMatchObject({ issue_type: 'Fehler', is_bug: true, status_category: 'done', created_at: '2026-07-01T14:37:00.000Z', epic_key: 'PAY-101', parent_key: null, dev_pr_count: 1 });
    // The epic: created in winter, resolved the day after the switch to summer time.
    expect(await issue('PAY-101')).toMatchObject({ is_bug: false, created_at: '2026-01-02T08:00:00.000Z', resolved_at: '2026-03-30T08:15:00.000Z', dev_pr_count: 0, sprint: null });
    // 03:30 on the spring-forward night is CEST; a sub-task's parent is not its epic; "1,5" points.
    expect(await issue('PAY-106')).toMatchObject({ created_at: '2026-03-29T01:30:00.000Z', parent_key: 'PAY-102', epic_key: null, story_points: 1.5, status_category: 'indeterminate', sprint: 'PAY Sprint 3' });
    // 01:59 on the fall-back night is still CEST; empty Status Category falls back to the status name.
    expect(await issue('PAY-107')).toMatchObject({ created_at: '2026-10-24T23:59:00.000Z', status_category: 'indeterminate', epic_key: 'PAY-101', labels: ['docs'] });
  });

  it('reads offset-less times in the zone the user chose', async () => {
    const [report] = await importFiles(ws, all, [fixture('all-fields-bom-crlf.csv')], { timeZone: 'America/New_York' });
    expect(report!.inserted).toBe(5);
    expect(await issue('PAY-102')).toMatchObject({ created_at: '2026-02-15T21:37:00.000Z' }); // EST, UTC−5
    expect(await issue('PAY-103')).toMatchObject({ created_at: '2026-07-01T20:37:00.000Z' }); // EDT, UTC−4
  });

  it('reads the repeated hour of a fall-back night as its first occurrence, the skipped hour of spring as shifted', async () => {
    const path = dir.file('dst.csv');
    writeFileSync(path, 'Issue key,Summary,Issue Type,Created\r\nDST-1,a,Task,25/Oct/26 2:30 AM\r\nDST-2,b,Task,25/Oct/26 3:30 AM\r\nDST-3,c,Task,29/Mar/26 2:30 AM\r\nDST-4,d,Task,01/Nov/26 1:30 AM\r\n');
    await importFiles(ws, all, [path], berlin);
    expect(await ws.all('SELECT issue_key, created_at FROM issues ORDER BY issue_key')).toEqual([
      { issue_key: 'DST-1', created_at: '2026-10-25T00:30:00.000Z' }, // 02:30 CEST, not 02:30 CET
      { issue_key: 'DST-2', created_at: '2026-10-25T02:30:00.000Z' }, // after the repeated hour: CET
      { issue_key: 'DST-3', created_at: '2026-03-29T01:30:00.000Z' }, // 02:30 does not exist: read as 03:30 CEST
      { issue_key: 'DST-4', created_at: '2026-11-01T00:30:00.000Z' },
    ]);
    const [ny] = await importFiles(ws, all, [path], { timeZone: 'America/New_York' });
    expect(ny!.updated).toBe(4);
    expect(await ws.all("SELECT created_at FROM issues WHERE issue_key = 'DST-4'")).toEqual([{ created_at: '2026-11-01T05:30:00.000Z' }]); // 01:30 EDT
  });

  it('refuses an unknown time zone for the whole file, naming it, and stores nothing', async () => {
    const [report] = await importFiles(ws, all, [fixture('all-fields-bom-crlf.csv')], { timeZone: 'Mars/Olympus' });
    expect(report!.error).toMatch(/unknown time zone 'Mars\/Olympus'/);
    expect(await ws.all('SELECT count(*) AS n FROM issues')).toEqual([{ n: 0 }]);
  });

  it('re-importing the same file changes nothing', async () => {
    const path = fixture('all-fields-bom-crlf.csv');
    await importFiles(ws, all, [path], berlin);
    const before = await snapshot();
    const [again] = await importFiles(ws, all, [path], berlin);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, rejected: 2 });
    expect(await snapshot()).toBe(before);
  });

  it('merges an overlapping "current fields" export: new issues added, changes applied, nothing erased', async () => {
    await importFiles(ws, all, [fixture('all-fields-bom-crlf.csv')], berlin);
    const [report] = await importFiles(ws, all, [fixture('current-fields-lf.csv')], berlin);
    expect(report).toMatchObject({ format: 'jira-csv', inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    // PAY-103 changed priority and gained story points; what the narrower export lacks is kept.
    expect(await issue('PAY-103')).toMatchObject({ priority: 'High', story_points: 3, epic_key: 'PAY-101', dev_pr_count: 1 });
    expect(await issue('PAY-102')).toMatchObject({ components: ['Ledger', 'API'], dev_pr_count: 2, parent_key: 'PAY-101' });
    // No Status Category column: Jira's default status names decide; an ISO time without zone.
    expect(await issue('PAY-108')).toMatchObject({ status_category: 'new', created_at: '2026-08-03T07:15:00.000Z', story_points: 8, components: null });
    expect(await ws.all('SELECT count(*) AS n FROM issues')).toEqual([{ n: 6 }]);
  });

  it('classifies bugs with the workspace type map, and reclassifies stored issues when it changes', async () => {
    await ws.run(`INSERT INTO settings VALUES ('jira.bugTypes', '["fehler", "Defect"]', now()::TIMESTAMP)`);
    await importFiles(ws, all, [fixture('all-fields-bom-crlf.csv')], berlin);
    expect(await ws.all('SELECT issue_key FROM issues WHERE is_bug ORDER BY issue_key')).toEqual([{ issue_key: 'PAY-103' }]);
    await ws.run(`UPDATE settings SET value = '["Bug"]' WHERE key = 'jira.bugTypes'`);
    await ws.transaction((tx) => reclassifyJiraBugs(tx));
    expect(await ws.all('SELECT issue_key FROM issues WHERE is_bug ORDER BY issue_key')).toEqual([{ issue_key: 'PAY-102' }]);
  });

  it('merges several wide 1,000-issue files of one project by key, every copy of the repeated columns included', async () => {
    const a = dir.file('BIG-1.csv');
    const b = dir.file('BIG-2.csv');
    const statsA = await writeLargeJiraCsv(a, 1000, { bom: true });
    const statsB = await writeLargeJiraCsv(b, 1000, { firstKey: 801 });
    const both = await writeLargeJiraCsv(dir.file('BIG-all.csv'), 1800);
    expect(statsA.columns).toBeGreaterThan(200);
    const [ra, rb] = await importFiles(ws, all, [a, b], berlin);
    expect(ra).toMatchObject({ format: 'jira-csv', inserted: 1000, rejected: 0 });
    expect(rb).toMatchObject({ inserted: 800, updated: 0, unchanged: 200, rejected: 0 });
    expect(statsB.labels).toBeGreaterThan(0);
    const [totals] = await ws.all(
      `SELECT count(*) AS issues, sum(len(labels)) AS labels, sum(len(components)) AS components, count(sprint) AS with_sprint,
              sum(dev_pr_count) AS dev_prs, count(*) FILTER (WHERE is_bug) AS bugs, count(parent_key) AS parents
       FROM issues`,
    );
    expect(totals).toMatchObject({ issues: 1800, labels: both.labels, components: both.components, with_sprint: both.withSprint, dev_prs: both.devPrs, bugs: both.bugs, parents: both.parents });
    // Parents resolve across files (BIG-801's parent, the id of BIG-794, came with the first file).
    expect(await ws.all(`SELECT count(*) AS n FROM issues WHERE parent_key IS NOT NULL AND split_part(parent_key, '-', 2)::INT <> split_part(issue_key, '-', 2)::INT - 7`)).toEqual([{ n: 0 }]);
  });

  it('reads rows larger than DuckDB\'s default 2 MB row limit, in the first rows or later ones', async () => {
    // A 3 MB multi-line description: the file is read again with Jira's 64 MB limit.
    const long = `Line one\n${'lorem ipsum '.repeat(250_000)}\nlast line`;
    const rows = (at: number) =>
      Array.from({ length: 40 }, (_, i) => `PAY-${i + 1},${i + 1},Issue ${i + 1},"${i === at ? long : 'Short'}",Task,15/Feb/26 4:37 PM`).join('\r\n');
    const early = dir.file('long-early.csv');
    const late = dir.file('long-late.csv');
    writeFileSync(early, `Issue key,Issue id,Summary,Description,Issue Type,Created\r\n${rows(0)}\r\nPAY-41,41,Bad date,x,Task,31/Foo/26 25:99 PM\r\n`);
    writeFileSync(late, `Issue key,Issue id,Summary,Description,Issue Type,Created\r\n${rows(38)}\r\n`);
    const [a, b] = await importFiles(ws, all, [early, late], berlin);
    expect(a).toMatchObject({ format: 'jira-csv', inserted: 40, rejected: 1 });
    // The spreadsheet row of the bad one: 40 issues after the header, whatever the long cell spans.
    expect(a!.rejects).toEqual([{ line: 42, field: 'Created', reason: expect.stringMatching(/^Created '31\/Foo\/26 25:99 PM'/) }]);
    expect(b).toMatchObject({ format: 'jira-csv', inserted: 0, unchanged: 40, rejected: 0 });
  });

  it('fails a Jira CSV without a Created column as a whole, and the rest of the batch still imports', async () => {
    const noCreated = dir.file('no-created.csv');
    writeFileSync(noCreated, 'Summary,Issue key,Issue id,Issue Type\r\nx,PAY-1,1,Bug\r\n');
    const truncated = dir.file('truncated.csv');
    writeFileSync(truncated, 'Summary,Issue key,Issue id,Created\r\n"cut off in a quote,PAY-2,2,15/Feb/26 4:37 PM\r\n');
    const reports = await importFiles(ws, all, [noCreated, truncated, fixture('current-fields-lf.csv')], berlin);
    expect(reports[0]!.error).toMatch(/no-created\.csv: a Jira CSV needs the "Issue key" and "Created" columns/);
    expect(reports[1]!.error).toMatch(/truncated\.csv/);
    expect(reports[2]).toMatchObject({ inserted: 3 });
    expect(await ws.all('SELECT count(*) AS n FROM imports')).toEqual([{ n: 1 }]);
  });

  it('groups repeated headers as DuckDB names them, and builds identifiers from its own names', () => {
    const plan = planJiraCsvColumns(['Summary', 'Issue Key', 'Labels', 'Labels_1', 'Labels_2', 'Sprint', 'Sprint_1', 'Component/s', 'Created', 'Custom field (Story point estimate)', 'Foo_1']);
    expect(plan.single.key).toBe('"issue key"');
    expect(plan.multi.labels).toEqual(['"labels"', '"labels_1"', '"labels_2"']);
    expect(plan.multi.sprints).toEqual(['"sprint"', '"sprint_1"']);
    expect(plan.multi.components).toEqual(['"component/s"']);
    expect(plan.storyPoints).toEqual(['"custom field (story point estimate)"']);
    expect(plan.single.statusCategory).toBeNull();
  });
});
