import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectFormat, importFiles } from '../../../analytics/importers';
import { copilotImporters } from '../../../analytics/importers/formats/copilot';
import { githubImporters } from '../../../analytics/importers/formats/github';
import { sampleFile } from '../../../analytics/importers/sample';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const FIXTURES = fileURLToPath(new URL('../../fixtures/copilot', import.meta.url));
const ALL = [...githubImporters, ...copilotImporters];

describe('Copilot usage exports', () => {
  const bed = workspaceTestbed(FIXTURES);
  const { fixture } = bed;
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));
  const importAll = async (...paths: string[]) => {
    const reports = await importFiles(ws, ALL, paths, { timeZone: 'America/Los_Angeles' });
    for (const r of reports) expect(r.error).toBeUndefined();
    return reports;
  };
  const usage = (scope: string) =>
    ws.all(`SELECT strftime(day, '%Y-%m-%d') AS day, user_login, loc_suggested, loc_added, interactions, active FROM copilot_usage WHERE scope = $1 ORDER BY day, user_login`, [scope]);

  it('recognises each report by its content', async () => {
    const formats: Record<string, string | undefined> = {};
    for (const name of ['users-1-day.ndjson', 'users-28-day.json', 'org-28-day.json', 'enterprise-1-day.ndjson', 'legacy-metrics.json']) {
      formats[name] = detectFormat(ALL, await sampleFile(fixture(name)))?.format;
    }
    expect(formats).toEqual({
      'users-1-day.ndjson': 'copilot-usage-users',
      'users-28-day.json': 'copilot-usage-users',
      'org-28-day.json': 'copilot-usage-org',
      'enterprise-1-day.ndjson': 'copilot-usage-org',
      'legacy-metrics.json': 'copilot-metrics-legacy',
    });
  });

  it('users reports: one row per user and day (no time zone shift), rejects with line, field and reason', async () => {
    const [report] = await importAll(fixture('users-1-day.ndjson'));
    expect(report).toMatchObject({ format: 'copilot-usage-users', inserted: 3, rejected: 2 });
    expect(report!.rejects).toEqual([
      { line: 4, field: 'user_login', reason: 'user_login is missing' },
      { line: 5, field: 'day', reason: 'day is not a date (YYYY-MM-DD)' },
    ]);
    // The raw content kept with a reject is the record as the file has it (read again for rejected lines).
    const raws = await ws.all<{ line: number; raw: string }>('SELECT line, raw FROM import_rejects ORDER BY line');
    expect(raws.map((r) => ({ line: r.line, ...(JSON.parse(r.raw) as { user_id: number; day: string }) }))).toMatchObject([
      { line: 4, user_id: 3, day: '2026-02-10' },
      { line: 5, user_id: 4, day: '10/02/2026', user_login: 'bo' },
    ]);
    expect(await usage('user')).toEqual([
      { day: '2026-02-10', user_login: 'ana', loc_suggested: 120, loc_added: 40, interactions: 3, active: true },
      { day: '2026-02-10', user_login: 'eli', loc_suggested: 15, loc_added: 0, interactions: 0, active: true },
      { day: '2026-02-11', user_login: 'ana', loc_suggested: 30, loc_added: 12, interactions: 1, active: true },
    ]);
  });

  it('users reports give the same values whether DuckDB converts them as it reads or the file is read again as text', async () => {
    // Counts as a report could hold them. The second file also has a day that is not a date and a
    // count that is no number: DuckDB's typed read fails on them, and that file is read as text.
    const counts = ['12', '2.5', '3.5', 'true', '"7"', '" 8 "', '1e3', 'null'];
    const records = (prefix: string) =>
      counts.map((n, i) => `{"user_login":"${prefix}${i}","day":" 2026-03-0${1 + i} ","loc_suggested_to_add_sum":${n},"loc_added_sum":${n},"user_initiated_interaction_count":${n}}`);
    const typed = dir.file('typed.ndjson');
    const text = dir.file('text.ndjson');
    writeFileSync(typed, records('t').join('\n'));
    writeFileSync(text, [...records('x'), '{"user_login":"x8","day":"2026-03-09","loc_added_sum":"many"}', '{"user_login":"bad","day":"2026-02-30"}'].join('\n'));
    const [a, b] = await importAll(typed, text);
    expect(a).toMatchObject({ inserted: 8, rejected: 0 });
    expect(b).toMatchObject({ inserted: 9, rejected: 1, rejects: [{ line: 10, field: 'day', reason: 'day is not a date (YYYY-MM-DD)' }] });
    const rows = await ws.all<{ user_login: string; day: string; loc_added: number | null }>(
      "SELECT user_login, strftime(day, '%Y-%m-%d') AS day, loc_added FROM copilot_usage ORDER BY user_login",
    );
    const values = (prefix: string) => rows.filter((r) => r.user_login.startsWith(prefix)).map((r) => [r.user_login.slice(1), r.day, r.loc_added]);
    expect(values('x').slice(0, 8)).toEqual(values('t'));
    // Half to even, as DuckDB's JSON reader rounds; true counts 1; a quoted number is a number.
    expect(values('t').map((v) => v[2])).toEqual([12, 2, 4, 1, 7, 8, 1000, null]);
    expect(values('x')[8]).toEqual(['8', '2026-03-09', null]);
  });

  it('an overlapping 28-day users report updates the days it shares and adds the rest; re-import is a no-op', async () => {
    await importAll(fixture('users-1-day.ndjson'));
    const [report] = await importAll(fixture('users-28-day.json'));
    expect(report).toMatchObject({ inserted: 1, updated: 1 });
    expect(await usage('user')).toContainEqual({ day: '2026-02-11', user_login: 'ana', loc_suggested: 44, loc_added: 20, interactions: 2, active: true });
    const [again] = await importAll(fixture('users-28-day.json'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await ws.all('SELECT count(*)::INT AS n FROM imports')).toEqual([{ n: 2 }]);
  });

  it('organization and enterprise reports: org rows per day from day_totals; entities in one file add up', async () => {
    const [org, enterprise] = await importAll(fixture('org-28-day.json'), fixture('enterprise-1-day.ndjson'));
    expect(org).toMatchObject({ format: 'copilot-usage-org', inserted: 3, rejected: 0 });
    expect(enterprise).toMatchObject({ inserted: 1 });
    expect(await usage('org')).toEqual([
      { day: '2026-02-09', user_login: '', loc_suggested: 30, loc_added: 10, interactions: 1, active: null },
      { day: '2026-02-10', user_login: '', loc_suggested: 150, loc_added: 52, interactions: 4, active: null },
      { day: '2026-02-11', user_login: '', loc_suggested: 74, loc_added: 32, interactions: 3, active: null },
      { day: '2026-02-12', user_login: '', loc_suggested: 50, loc_added: 38, interactions: 3, active: null },
    ]);
  });

  it('counts a day once when one file holds overlapping 28-day reports of the same organization', async () => {
    const report = (end: string, days: Array<[string, number]>) => ({
      organization_id: '4711',
      report_end_day: end,
      day_totals: days.map(([day, added]) => ({ day, loc_added_sum: added, loc_suggested_to_add_sum: added * 2, user_initiated_interaction_count: 1 })),
    });
    const path = dir.file('two-reports.ndjson');
    writeFileSync(path, `${JSON.stringify(report('2026-02-10', [['2026-02-09', 5], ['2026-02-10', 6]]))}\n${JSON.stringify(report('2026-02-11', [['2026-02-10', 7], ['2026-02-11', 8]]))}\n`);
    await importAll(path);
    expect((await usage('org')).map((r) => [r.day, r.loc_added])).toEqual([['2026-02-09', 5], ['2026-02-10', 7], ['2026-02-11', 8]]);
  });

  it('legacy /copilot/metrics: lines summed over editors, models and languages; chats as interactions', async () => {
    const [report] = await importAll(fixture('legacy-metrics.json'));
    expect(report).toMatchObject({ format: 'copilot-metrics-legacy', inserted: 2, rejected: 1, rejects: [{ line: 3, field: 'date', reason: 'date is not a date (YYYY-MM-DD)' }] });
    expect(await usage('org')).toEqual([
      { day: '2024-06-24', user_login: '', loc_suggested: 450, loc_added: 150, interactions: 83, active: null },
      { day: '2024-06-25', user_login: '', loc_suggested: null, loc_added: null, interactions: null, active: null },
    ]);
  });
});
