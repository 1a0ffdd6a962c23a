import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { helpdeskImporters } from '../../../analytics/importers/formats/helpdesk';
import { npsImporters } from '../../../analytics/importers/formats/nps';
import type { ImportOptions } from '../../../analytics/importers/types';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const FIXTURES = join(import.meta.dirname, '../../fixtures/helpdesk');
/** The registry as the lead will assemble it: every family competes in detection. */
const importers = [...registered, ...helpdeskImporters, ...npsImporters];
const berlin: ImportOptions = { timeZone: 'Europe/Berlin' };

interface TicketRow {
  ticket_id: string;
  subject: string | null;
  status: string | null;
  priority: string | null;
  ticket_type: string | null;
  tags: string[] | null;
  account: string | null;
  created_at: string;
  solved_at: string | null;
}

describe('help-desk ticket imports', () => {
  const bed = workspaceTestbed();
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));

  /** Fixtures are copied so a test can never modify them; the copy's name says nothing of its format. */
  const fixture = (name: string) => {
    const target = dir.file(`upload-${name.length}-${Math.random().toString(36).slice(2)}.dat`);
    copyFileSync(join(FIXTURES, name), target);
    return target;
  };
  const write = (name: string, text: string) => {
    writeFileSync(dir.file(name), text);
    return dir.file(name);
  };
  const tickets = (where = 'true') =>
    ws.all<TicketRow>(
      `SELECT ticket_id, subject, status, priority, ticket_type, tags, account, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at,
              strftime(solved_at, '%Y-%m-%d %H:%M:%S') AS solved_at FROM tickets WHERE ${where} ORDER BY source, ticket_id`,
    );
  const snapshot = async () => JSON.stringify(await ws.all('SELECT (SELECT list(t ORDER BY t.source, t.ticket_id) FROM tickets t) AS t, (SELECT count(*) FROM import_rejects) AS r'));

  describe('Zendesk CSV report', () => {
    it('reads BOM, CRLF, quoted commas and line breaks; local times become UTC; bad rows are rejected with line, field and reason', async () => {
      const [report] = await importFiles(ws, importers, [fixture('zendesk-tickets.csv')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report!.format).toBe('zendesk-tickets-csv');
      expect(report!.rejects).toEqual([
        { line: 5, field: 'Id', reason: 'ticket id is empty' },
        { line: 6, field: 'Created at', reason: 'created time "31/31/2026" is not a date/time' },
        { line: 7, field: 'Created at', reason: 'created time is empty' },
        { line: 8, field: 'Solved at', reason: 'solved time "yesterday" is not a date/time' },
      ]);
      expect(report).toMatchObject({ inserted: 4, updated: 0, rejected: 4 });

      const rows = await tickets();
      expect(rows.map((r) => r.ticket_id)).toEqual(['101', '102', '103', '107']);
      expect(rows[0]).toEqual({
        ticket_id: '101',
        subject: 'Checkout fails, error "card declined"',
        status: 'solved',
        priority: 'high',
        ticket_type: 'incident',
        tags: ['incident', 'checkout', 'vip'],
        account: 'Globex, Inc.',
        created_at: '2026-02-15 15:37:00', // 16:37 CET
        solved_at: '2026-02-16 08:00:00',
      });
      // The subject's line break survives; 01:30 on the night clocks go forward is still CET (+1).
      expect(rows[1]).toMatchObject({ subject: expect.stringMatching(/^Export stuck\r?\n\(second line of the subject\)$/), tags: [], solved_at: null, created_at: '2026-03-29 00:30:00' });
      // ISO times with Z are instants, whatever the import's zone; runs of spaces between tags do not make empty tags.
      expect(rows[2]).toMatchObject({ created_at: '2026-07-01 08:00:00', solved_at: '2026-07-02 10:15:00', tags: ['bug', 'login'], status: 'closed' });
      expect(rows[3]).toMatchObject({ ticket_type: null, created_at: '2026-02-20 22:59:00', account: 'Umbrella' });

      const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects WHERE line = 6');
      expect(JSON.parse(raw!.raw)).toMatchObject({ Id: '104', 'Created at': '31/31/2026' });
    });

    it('the same file imported in another zone lands at other UTC times (the zone is applied, not ignored)', async () => {
      await importFiles(ws, importers, [fixture('zendesk-tickets.csv')], { timeZone: 'America/New_York' });
      expect((await tickets("ticket_id = '101'"))[0]).toMatchObject({ created_at: '2026-02-15 21:37:00' });
    });

    it('re-importing is a no-op; an overlapping later report updates and adds without duplicating', async () => {
      const first = fixture('zendesk-tickets.csv');
      await importFiles(ws, importers, [first], berlin);
      const before = await snapshot();
      const [again] = await importFiles(ws, importers, [first], berlin);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
      // Rejected rows are reported again, but nothing is stored: the no-op import rolls back.
      expect(await snapshot()).toBe(before);

      const [later] = await importFiles(ws, importers, [fixture('zendesk-tickets-later.csv')], berlin);
      expect(later).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
      expect(await ws.all('SELECT count(*) AS n FROM tickets')).toEqual([{ n: 5 }]);
      expect((await tickets("ticket_id = '102'"))[0]).toMatchObject({ status: 'solved', solved_at: '2026-03-30 10:00:00' });
    });
  });

  describe('Zendesk API JSON', () => {
    it('reads concatenated /tickets.json pages; solved time is updated_at of solved or closed tickets', async () => {
      const [report] = await importFiles(ws, importers, [fixture('zendesk-tickets-pages.json')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report).toMatchObject({ format: 'zendesk-tickets-json', inserted: 3, rejected: 0 });
      const rows = await tickets();
      expect(rows).toEqual([
        {
          ticket_id: '101',
          subject: 'Checkout fails, error "card declined"',
          status: 'solved',
          priority: 'high',
          ticket_type: 'incident',
          tags: ['incident', 'checkout', 'vip'],
          account: '360010',
          created_at: '2026-02-15 15:37:00',
          solved_at: '2026-02-16 08:00:00',
        },
        expect.objectContaining({ ticket_id: '201', tags: ['bug'], status: 'open', solved_at: null, account: '360011' }),
        // +01:00 offsets are honoured; closed counts as solved; no organisation stays NULL.
        expect.objectContaining({ ticket_id: '202', created_at: '2026-03-02 08:30:00', solved_at: '2026-03-04 10:00:00', account: null, tags: [] }),
      ]);
    });

    it('reads the incremental export: metric_set.solved_at wins, deleted and time-less tickets are rejected by record number', async () => {
      const [report] = await importFiles(ws, importers, [fixture('zendesk-incremental.json')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report!.rejects).toEqual([
        { line: 2, field: 'status', reason: 'ticket was deleted in Zendesk' },
        { line: 3, field: 'created_at', reason: 'created time is empty' },
      ]);
      expect(await tickets()).toEqual([expect.objectContaining({ ticket_id: '301', solved_at: '2026-04-02 17:45:00' })]);
      const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects WHERE line = 2');
      expect(JSON.parse(raw!.raw)).toMatchObject({ id: 302, status: 'deleted' });
    });

    it('reads NDJSON', async () => {
      const [report] = await importFiles(ws, importers, [fixture('zendesk-tickets.ndjson')], berlin);
      expect(report).toMatchObject({ format: 'zendesk-tickets-json', inserted: 2, rejected: 0 });
      expect((await tickets("ticket_id = '402'"))[0]).toMatchObject({ status: 'solved', solved_at: '2026-05-03 07:00:00', tags: ['billing', 'seats'] });
    });

    it('reads Airbyte records of the Zendesk tickets stream', async () => {
      const record = (id: number, status: string) => ({
        stream: 'tickets',
        data: { url: `https://acme.zendesk.com/api/v2/tickets/${id}.json`, id, subject: `Ticket ${id}`, status, type: null, priority: null, tags: [], created_at: '2026-01-05T10:00:00Z', updated_at: '2026-01-06T10:00:00Z', organization_id: 5 },
        emitted_at: 1767607200000,
      });
      const path = write('airbyte.jsonl', `${JSON.stringify(record(1, 'open'))}\n${JSON.stringify(record(2, 'closed'))}\n`);
      const [report] = await importFiles(ws, importers, [path], berlin);
      expect(report).toMatchObject({ format: 'zendesk-tickets-json', inserted: 2, rejected: 0 });
      expect((await tickets("ticket_id = '2'"))[0]).toMatchObject({ solved_at: '2026-01-06 10:00:00', account: '5' });
    });

    it('merges with the CSV report of the same tickets: same key, the organisation name is kept over the API id', async () => {
      await importFiles(ws, importers, [fixture('zendesk-tickets.csv')], berlin);
      const [json] = await importFiles(ws, importers, [fixture('zendesk-tickets-pages.json')], berlin);
      // 101 is in both and agrees (times are the same instants); 201 and 202 are new.
      expect(json).toMatchObject({ inserted: 2, updated: 0, unchanged: 1 });
      expect((await tickets("ticket_id = '101'"))[0]).toMatchObject({ account: 'Globex, Inc.', created_at: '2026-02-15 15:37:00' });
      const [again] = await importFiles(ws, importers, [fixture('zendesk-tickets-pages.json')], berlin);
      expect(again).toMatchObject({ inserted: 0, updated: 0 });
    });
  });

  describe('generic tickets CSV', () => {
    it('maps columns by header synonyms; day-first dates, mixed tag separators', async () => {
      const [report] = await importFiles(ws, importers, [fixture('generic-tickets.csv')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report).toMatchObject({ format: 'generic-tickets-csv', inserted: 3, rejected: 1 });
      expect(report!.rejects).toEqual([{ line: 5, field: 'Ticket #', reason: 'ticket id is empty' }]);
      const rows = await tickets();
      expect(rows[0]).toEqual({
        ticket_id: 'T-1',
        subject: 'Sync fails, twice',
        status: 'resolved',
        priority: 'high',
        ticket_type: 'bug',
        tags: ['bug', 'sync'],
        account: 'Globex',
        created_at: '2026-02-15 15:37:00',
        solved_at: '2026-02-16 08:00:00',
      });
      expect(rows[2]).toMatchObject({ ticket_id: 'T-3', tags: ['incident', 'outage'], created_at: '2026-02-28 22:10:00', solved_at: '2026-03-01 00:00:00' });
      expect(await ws.all("SELECT DISTINCT source FROM tickets")).toEqual([{ source: 'generic' }]);
    });

    it('fails the file, listing its columns and the fields to map, when the created column is unknown; imports once mapped', async () => {
      const path = fixture('unmapped-tickets.csv');
      const [failed] = await importFiles(ws, importers, [path], berlin);
      expect(failed!.format).toBe('generic-tickets-csv');
      expect(failed!.error).toContain('cannot tell which column holds the created_at of each ticket');
      expect(failed!.error).toContain('"Ref", "Logged", "Headline", "Who"');
      expect(await ws.all('SELECT count(*) AS n FROM tickets')).toEqual([{ n: 0 }]);

      const mapped = { ...berlin, columnMapping: { created_at: 'logged', subject: 'Headline', account: 'Who' } };
      const [ok] = await importFiles(ws, importers, [path], mapped);
      expect(ok).toMatchObject({ inserted: 2, rejected: 0 });
      expect((await tickets("ticket_id = 'R-9'"))[0]).toMatchObject({ subject: 'Printer on fire', account: 'Acme Corp', created_at: '2026-02-01 09:00:00' });
    });

    it('a mapping naming a column the file lacks fails the file and says so', async () => {
      const [report] = await importFiles(ws, importers, [fixture('generic-tickets.csv')], { ...berlin, columnMapping: { solved_at: 'Closed on' } });
      expect(report!.error).toMatch(/names "Closed on" for solved_at, but the file has no such column/);
    });

    it('header names are user input: quotes and SQL in a header are only ever a column name', async () => {
      const path = write('evil.csv', 'id,"created""); DROP TABLE tickets; --",title\nA-1,2026-01-05 10:00,"x"\n');
      const [report] = await importFiles(ws, importers, [path], { timeZone: 'UTC', columnMapping: { created_at: 'created"); DROP TABLE tickets; --' } });
      expect(report!.error).toBeUndefined();
      expect(await tickets()).toEqual([expect.objectContaining({ ticket_id: 'A-1', subject: 'x', created_at: '2026-01-05 10:00:00' })]);
    });
  });

  it('a semicolon-separated export (Excel in a comma-decimal locale) reads the same', async () => {
    const path = write('semi.csv', 'Ticket ID;Created;Title;Tags\r\nS-1;2026-01-05 10:00;Printer, again;"hardware; urgent"\r\n');
    const [report] = await importFiles(ws, importers, [path], { timeZone: 'UTC' });
    expect(report).toMatchObject({ format: 'generic-tickets-csv', inserted: 1, rejected: 0 });
    expect(await tickets()).toEqual([expect.objectContaining({ ticket_id: 'S-1', subject: 'Printer, again', created_at: '2026-01-05 10:00:00', tags: ['hardware', 'urgent'] })]);
  });

  it('a file cut off inside a quoted cell fails as a whole and leaves the workspace as it was', async () => {
    await importFiles(ws, importers, [fixture('zendesk-tickets.csv')], berlin);
    const before = await snapshot();
    const path = write('cut.csv', 'Id,Subject,Status,Priority,Ticket type,Created at,Solved at,Tags,Organization\n900,ok,open,low,task,2026-01-05 10:00,,,Acme\n901,"never closed,open,low');
    const [report] = await importFiles(ws, importers, [path], berlin);
    expect(report!.format).toBe('zendesk-tickets-csv');
    expect(report!.error).toContain('cut.csv');
    expect(await snapshot()).toBe(before);
  });

  it('an unknown time zone fails the file with a message naming it', async () => {
    const [report] = await importFiles(ws, importers, [fixture('zendesk-tickets.csv')], { timeZone: 'Mars/Olympus' });
    expect(report!.error).toMatch(/unknown time zone 'Mars\/Olympus'/);
  });
});
