import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoOrg, writeDemoExports, type DemoExportFile, type DemoOrg } from '../../../analytics/demo';
import { canonicalRows } from '../helpers/demo-reference';
import { HOUR_MS, berlinOffsetMs } from '../../../analytics/demo/period';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { jiraImporters } from '../../../analytics/importers/formats/jira';
import { pagerDutyImporters } from '../../../analytics/importers/formats/pagerduty';
import type { FormatImporter } from '../../../analytics/importers/types';
import { Workspace, plainValue } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';

const all: FormatImporter[] = [...new Map([...registered, ...jiraImporters, ...pagerDutyImporters].map((i) => [i.format, i])).values()];

/** The demo's canonical rows of one table, as the workspace returns them (ISO times, plain values). */
function expectedRows(org: DemoOrg, table: string, columns: readonly string[], asWrittenInBerlin = false): Record<string, unknown>[] {
  const t = canonicalRows(org, 0).find((x) => x.table === table)!;
  const times = new Set(['created_at', 'resolved_at']);
  return t.rows.map((row) =>
    Object.fromEntries(columns.map((c) => {
      const v = row[t.columns.indexOf(c)];
      return [c, times.has(c) && typeof v === 'number' ? new Date(asWrittenInBerlin ? berlinWallClockInstant(v) : v).toISOString() : plainValue(v)];
    })),
  );
}

/**
 * The instant a Jira CSV time (Berlin wall clock, minutes, no zone) stands for: seconds are not
 * written, and a time in the repeated hour of a fall-back night is ambiguous in the file — the
 * importer reads it as the first occurrence (summer time), as Java and Jira do.
 */
function berlinWallClockInstant(ms: number): number {
  const minute = Math.floor(ms / 60_000) * 60_000;
  const secondOccurrence = berlinOffsetMs(minute) === HOUR_MS && berlinOffsetMs(minute - HOUR_MS) === 2 * HOUR_MS;
  return secondOccurrence ? minute - HOUR_MS : minute;
}

const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));

describe("the demo's Jira and PagerDuty exports", () => {
  let dir: ReturnType<typeof tempDir>;
  let ws: Workspace;
  let org: DemoOrg;
  let files: DemoExportFile[];
  beforeAll(async () => {
    dir = tempDir();
    org = generateDemoOrg();
    files = await writeDemoExports(dir.path, { org });
    ws = await Workspace.create(dir.file('w.duckdb'));
  });
  afterAll(async () => {
    await ws.close();
    dir.cleanup();
  });

  it('Jira CSVs (Europe/Berlin) import with zero rejects and exactly the demo issues', async () => {
    const jira = files.filter((f) => f.format === 'jira-csv');
    expect(jira.length).toBeGreaterThan(0);
    const reports = await importFiles(ws, all, jira.map((f) => join(dir.path, f.path)), { timeZone: 'Europe/Berlin' });
    for (const [i, report] of reports.entries()) {
      expect(report).toMatchObject({ format: 'jira-csv', inserted: jira[i]!.records, rejected: 0, duplicates: 0 });
      expect(report.error).toBeUndefined();
    }
    // Everything but the URL, which a CSV export does not carry.
    const columns = ['issue_key', 'issue_id', 'project', 'summary', 'issue_type', 'is_bug', 'priority', 'status', 'status_category', 'created_at', 'resolved_at',
      'story_points', 'sprint', 'parent_key', 'epic_key', 'components', 'labels', 'dev_pr_count'];
    const actual = await ws.all(`SELECT ${columns.join(', ')} FROM issues ORDER BY issue_key`);
    expect(actual).toEqual(expectedRows(org, 'issues', columns, true).sort(byKey('issue_key')));
  });

  it('PagerDuty REST pages import with zero rejects and exactly the demo incidents and services', async () => {
    const pages = files.filter((f) => f.format === 'pagerduty-incidents-json');
    const reports = await importFiles(ws, all, pages.map((f) => join(dir.path, f.path)), { timeZone: 'Europe/Berlin' });
    for (const [i, report] of reports.entries()) {
      expect(report).toMatchObject({ format: 'pagerduty-incidents-json', inserted: pages[i]!.records, rejected: 0 });
    }
    const columns = ['source', 'incident_id', 'number', 'title', 'service_id', 'service_name', 'urgency', 'priority', 'status', 'created_at', 'resolved_at', 'source_team', 'url'];
    const actual = await ws.all(`SELECT ${columns.join(', ')} FROM incidents ORDER BY incident_id`);
    expect(actual).toEqual(expectedRows(org, 'incidents', columns).sort(byKey('incident_id')));
    expect(await ws.all('SELECT service_id, name FROM services ORDER BY service_id')).toEqual(expectedRows(org, 'services', ['service_id', 'name']).sort(byKey('service_id')));
  });
});
