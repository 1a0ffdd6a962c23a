import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { jiraImporters } from '../../../analytics/importers/formats/jira';
import { pagerDutyImporters } from '../../../analytics/importers/formats/pagerduty';
import { mapPagerDutyCsvHeader, normalizeHeader } from '../../../analytics/importers/formats/pagerduty/csv';
import type { FormatImporter } from '../../../analytics/importers/types';
import { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const FIXTURES = join(__dirname, '../../fixtures/pagerduty');
const all: FormatImporter[] = [...new Map([...registered, ...jiraImporters, ...pagerDutyImporters].map((i) => [i.format, i])).values()];
const berlin = { timeZone: 'Europe/Berlin' };

describe('PagerDuty import', () => {
  const bed = workspaceTestbed(FIXTURES);
  const { fixture } = bed;
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));
  const incident = async (id: string) => (await ws.all("SELECT * EXCLUDE (source_import, source) FROM incidents WHERE source = 'pagerduty' AND incident_id = $id", { id }))[0];
  const snapshot = async () =>
    JSON.stringify(await ws.all(`SELECT (SELECT list(i ORDER BY i.incident_id) FROM incidents i) AS i, (SELECT list(s ORDER BY s.service_id) FROM services s) AS s, (SELECT count(*) FROM import_rejects) AS r`));

  it('reads REST /incidents pages, old records without priority or resolved_at included', async () => {
    const [report] = await importFiles(ws, all, [fixture('incidents-rest-pages.json')], berlin);
    expect(report!.error).toBeUndefined();
    expect(report).toMatchObject({ format: 'pagerduty-incidents-json', inserted: 4, rejected: 0 });
    expect(report!.tables.map((t) => [t.table, t.inserted])).toEqual([['incidents', 4], ['services', 2]]);
    // 2019: no priority field, no resolved_at → last_status_change_at of a resolved incident.
    expect(await incident('P1OLD01')).toEqual({
      incident_id: 'P1OLD01',
      number: 101,
      title: 'Payments API: 5xx spike',
      service_id: 'PSVC001',
      service_name: 'Payments API',
      urgency: 'high',
      priority: null,
      status: 'resolved',
      created_at: '2019-03-02T10:00:00.000Z',
      resolved_at: '2019-03-02T11:30:00.000Z',
      source_team: 'Payments',
      url: 'https://acme.pagerduty.com/incidents/P1OLD01',
    });
    // priority: null, resolved_at: null on a resolved incident; -04:00 offsets; no team.
    expect(await incident('P1OLD02')).toMatchObject({ priority: null, created_at: '2020-06-02T02:15:00.000Z', resolved_at: '2020-06-02T05:00:00.000Z', source_team: null });
    expect(await incident('P2NEW01')).toMatchObject({ priority: 'P1', resolved_at: '2026-02-15T17:45:00.000Z' });
    // Open incidents stay unresolved even though their status changed.
    expect(await incident('P2NEW02')).toMatchObject({ status: 'acknowledged', resolved_at: null, priority: 'P2' });
    expect(await ws.all('SELECT service_id, name FROM services ORDER BY service_id')).toEqual([
      { service_id: 'PSVC001', name: 'Payments API' },
      { service_id: 'PSVC002', name: 'Ledger' },
    ]);
  });

  it('reads Analytics raw incidents: times without offset in the chosen zone, seconds_to_resolve, rejects', async () => {
    const [report] = await importFiles(ws, all, [fixture('analytics-raw-incidents.json')], berlin);
    expect(report).toMatchObject({ format: 'pagerduty-analytics-incidents-json', inserted: 2, rejected: 1 });
    expect(report!.rejects).toEqual([{ line: 3, field: 'created_at', reason: 'created_at is missing' }]);
    // 17:37 in Berlin in February is 16:37 UTC; in July 09:00 is 07:00 UTC.
    expect(await incident('P2NEW01')).toMatchObject({ created_at: '2026-02-15T16:37:00.000Z', resolved_at: '2026-02-15T17:45:00.000Z', title: 'Payments API: checkout errors', source_team: 'Payments', priority: 'P1' });
    expect(await incident('PANA003')).toMatchObject({ created_at: '2026-07-10T07:00:00.000Z', resolved_at: '2026-07-10T07:30:00.000Z', status: 'resolved', priority: null, source_team: 'Search' });
  });

  it("prefers the Analytics page's own time_zone over the chosen one", async () => {
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'analytics-raw-incidents.json'), 'utf8')) as Record<string, unknown>;
    const path = dir.file('analytics-ny.json');
    writeFileSync(path, JSON.stringify({ ...doc, time_zone: 'America/New_York' }));
    await importFiles(ws, all, [path], berlin);
    expect(await incident('PANA003')).toMatchObject({ created_at: '2026-07-10T13:00:00.000Z' });
  });

  it('an Analytics export agrees with the REST pages it overlaps', async () => {
    await importFiles(ws, all, [fixture('incidents-rest-pages.json')], berlin);
    const [report] = await importFiles(ws, all, [fixture('analytics-raw-incidents.json')], berlin);
    expect(report).toMatchObject({ inserted: 1, updated: 0, unchanged: 1 });
  });

  it('reads the web UI CSV: flexible headers, spreadsheet lines, ids from incident numbers, DST', async () => {
    const [report] = await importFiles(ws, all, [fixture('incidents-web-ui.csv')], berlin);
    expect(report).toMatchObject({ format: 'pagerduty-incidents-csv', inserted: 3, rejected: 2 });
    expect(report!.rejects).toEqual([
      { line: 4, field: 'Created On', reason: 'Created On is empty' },
      // Row 5 spans two physical lines; the bad row is spreadsheet row 6.
      { line: 6, field: 'Resolved On', reason: "Resolved On '31/13/2026 99:99' is not a date and time" },
    ]);
    expect(await ws.all("SELECT incident_id, number FROM incidents ORDER BY number")).toEqual([
      { incident_id: '#1201', number: 1201 },
      { incident_id: '#1400', number: 1400 },
      { incident_id: '#1402', number: 1402 },
    ]);
    // 03:30 on the spring-forward night and 01:30 on the fall-back night are both CEST.
    expect(await incident('#1400')).toMatchObject({ created_at: '2026-03-29T01:30:00.000Z', resolved_at: '2026-03-29T03:00:00.000Z', urgency: 'low', service_id: null, service_name: 'Ledger' });
    expect(await incident('#1402')).toMatchObject({ title: 'Ledger: late batch\n(second line)', created_at: '2026-10-24T23:30:00.000Z', resolved_at: '2026-10-25T03:00:00.000Z' });
    expect(await incident('#1201')).toMatchObject({ created_at: '2026-02-15T16:37:00.000Z', urgency: 'high', priority: 'P1' });
  });

  it('a CSV after the API data reuses PagerDuty ids; API data after a CSV replaces its number ids', async () => {
    await importFiles(ws, all, [fixture('incidents-web-ui.csv'), fixture('incidents-rest-pages.json')], berlin);
    expect(await ws.all("SELECT incident_id FROM incidents WHERE number = 1201")).toEqual([{ incident_id: 'P2NEW01' }]);
    // Services named in the CSV get their ids once the API data told them.
    expect(await incident('#1400')).toMatchObject({ service_id: 'PSVC002' });
    expect(await ws.all('SELECT count(*) AS n FROM incidents')).toEqual([{ n: 6 }]);

    const other = await Workspace.create(dir.file('w2.duckdb'));
    try {
      await importFiles(other, all, [fixture('incidents-rest-pages.json')], berlin);
      const [csv] = await importFiles(other, all, [fixture('incidents-web-ui.csv')], berlin);
      expect(csv).toMatchObject({ inserted: 2, updated: 0, unchanged: 1 });
      expect(await other.all("SELECT incident_id FROM incidents WHERE number = 1201")).toEqual([{ incident_id: 'P2NEW01' }]);
    } finally {
      await other.close();
    }
  });

  it('re-importing any PagerDuty file changes nothing', async () => {
    const files = [fixture('incidents-rest-pages.json'), fixture('analytics-raw-incidents.json'), fixture('incidents-web-ui.csv')];
    await importFiles(ws, all, files, berlin);
    const before = await snapshot();
    const again = await importFiles(ws, all, files, berlin);
    for (const report of again) expect(report).toMatchObject({ inserted: 0, updated: 0 });
    expect(await snapshot()).toBe(before);
  });

  it('maps CSV headers case- and spelling-insensitively, with synonyms', () => {
    expect(normalizeHeader('Incident #')).toBe('incident_number');
    expect(normalizeHeader(' Created-On ')).toBe('created_on');
    const m = mapPagerDutyCsvHeader(['ID', 'Incident Number', 'Description', 'created_at', 'RESOLVED AT', 'Service', 'Urgency', 'Team Name']);
    expect(m).toMatchObject({ id: { index: 0 }, number: { index: 1 }, title: { index: 2, name: 'Description' }, created: { index: 3 }, resolved: { index: 4 }, serviceName: { index: 5 }, urgency: { index: 6 }, team: { index: 7 } });
  });

  it('a CSV with id and other header spellings imports with the given ids; tickets CSVs are not incidents', async () => {
    const path = dir.file('incidents.csv');
    writeFileSync(path, 'ID,Incident #,Description,Created At,Resolved At,Service ID,Service,Urgency,Team Name\r\nPQ1X,77,Disk full,2026-01-10T10:00:00+01:00,2026-01-10T11:00:00+01:00,PSVC9,Storage,HIGH,Infra\r\n');
    const tickets = dir.file('tickets.csv');
    writeFileSync(tickets, 'Id,Subject,Status,Priority,Ticket type,Created at,Solved at,Tags\r\n1,Help,solved,normal,question,2026-01-01T10:00:00Z,,\r\n');
    const [report, ticketReport] = await importFiles(ws, all, [path, tickets], berlin);
    expect(report).toMatchObject({ format: 'pagerduty-incidents-csv', inserted: 1 });
    expect(ticketReport!.format).not.toBe('pagerduty-incidents-csv');
    expect(await incident('PQ1X')).toMatchObject({ number: 77, service_id: 'PSVC9', service_name: 'Storage', urgency: 'high', created_at: '2026-01-10T09:00:00.000Z', source_team: 'Infra' });
    expect(await ws.all('SELECT service_id, name FROM services')).toEqual([{ service_id: 'PSVC9', name: 'Storage' }]);
  });
});
