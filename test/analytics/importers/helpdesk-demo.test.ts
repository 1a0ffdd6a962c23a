import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoOrg, writeDemoExports, type DemoExportFile, type DemoOrg } from '../../../analytics/demo';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { helpdeskImporters } from '../../../analytics/importers/formats/helpdesk';
import { npsImporters } from '../../../analytics/importers/formats/nps';
import { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';

const importers = [...registered, ...helpdeskImporters, ...npsImporters];

/** The demo's customer exports go through the importers with nothing rejected and nothing lost. */
describe('demo help-desk and NPS exports', () => {
  let dir: ReturnType<typeof tempDir>;
  let ws: Workspace;
  let org: DemoOrg;
  let files: DemoExportFile[];
  beforeAll(async () => {
    dir = tempDir();
    org = generateDemoOrg();
    files = await writeDemoExports(dir.file('exports'), { org });
    ws = await Workspace.create(dir.file('w.duckdb'));
  });
  afterAll(async () => {
    await ws.close();
    dir.cleanup();
  });

  const exported = (format: string) => files.find((f) => f.format === format)!;

  it('imports the Zendesk report: every ticket, with the generator’s times, statuses and tags', async () => {
    const file = exported('zendesk-tickets-csv');
    // The demo's Jira exports need Europe/Berlin; the Zendesk times carry Z and must not move.
    const [report] = await importFiles(ws, importers, [dir.file(`exports/${file.path}`)], { timeZone: 'Europe/Berlin' });
    expect(report!.error).toBeUndefined();
    expect(report).toMatchObject({ format: 'zendesk-tickets-csv', rejected: 0, duplicates: 0, inserted: file.records });
    expect(file.records).toBe(org.tickets.length);

    const [stored] = await ws.all<{ n: number; created: number; solved: number; tagged_incident: number; accounts: number }>(`
      SELECT count(*) AS n, sum(epoch_ms(created_at)) AS created, sum(epoch_ms(solved_at)) AS solved,
             count(*) FILTER (WHERE list_contains(tags, 'incident')) AS tagged_incident, count(DISTINCT account) AS accounts
      FROM tickets WHERE source = 'zendesk'`);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(stored).toEqual({
      n: org.tickets.length,
      created: sum(org.tickets.map((t) => t.createdMs)),
      solved: sum(org.tickets.flatMap((t) => (t.solvedMs === null ? [] : [t.solvedMs]))),
      tagged_incident: org.tickets.filter((t) => t.tags.includes('incident')).length,
      accounts: new Set(org.tickets.map((t) => t.account)).size,
    });
  });

  it('imports the NPS responses CSV: every response, on its day, with its score', async () => {
    const file = exported('nps-csv');
    const [report] = await importFiles(ws, importers, [dir.file(`exports/${file.path}`)], { timeZone: 'Europe/Berlin' });
    expect(report!.error).toBeUndefined();
    expect(report).toMatchObject({ format: 'nps-csv', rejected: 0 });
    expect(report!.inserted + report!.duplicates).toBe(org.npsResponses.length);
    const [stored] = await ws.all<{ n: number; days: number; scores: number }>(
      `SELECT count(*) AS n, sum(epoch_ms(responded_at)) AS days, sum(score) AS scores FROM nps_responses WHERE source = 'nps-csv'`,
    );
    // The export carries the survey tool's response id: two identical answers on one day stay two.
    const distinct = new Map(org.npsResponses.map((r) => [r.id, r]));
    expect(distinct.size).toBe(org.npsResponses.length);
    expect(report!.duplicates).toBe(0);
    expect(stored).toEqual({
      n: distinct.size,
      days: [...distinct.values()].reduce((a, r) => a + r.dayMs, 0),
      scores: [...distinct.values()].reduce((a, r) => a + r.score, 0),
    });
  });
});
