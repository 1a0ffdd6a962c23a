import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importers as registered, importFiles } from '../../../analytics/importers';
import { helpdeskImporters } from '../../../analytics/importers/formats/helpdesk';
import { npsImporters } from '../../../analytics/importers/formats/nps';
import type { ImportOptions } from '../../../analytics/importers/types';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const FIXTURES = join(import.meta.dirname, '../../fixtures/nps');
const importers = [...registered, ...helpdeskImporters, ...npsImporters];
const berlin: ImportOptions = { timeZone: 'Europe/Berlin' };
const SM_QUESTION = 'How likely is it that you would recommend Acme to a friend or colleague?';

interface ResponseRow {
  source: string;
  response_id: string;
  responded_at: string;
  score: number;
  account: string | null;
  segment: string | null;
  comment: string | null;
}

describe('NPS response imports', () => {
  const bed = workspaceTestbed();
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));

  const fixture = (name: string) => {
    const target = dir.file(`upload-${Math.random().toString(36).slice(2)}.csv`);
    copyFileSync(join(FIXTURES, name), target);
    return target;
  };
  const write = (name: string, text: string) => {
    writeFileSync(dir.file(name), text);
    return dir.file(name);
  };
  const responses = (where = 'true') =>
    ws.all<ResponseRow>(
      `SELECT source, response_id, strftime(responded_at, '%Y-%m-%d %H:%M:%S') AS responded_at, score, account, segment, comment
       FROM nps_responses WHERE ${where} ORDER BY responded_at, score`,
    );
  const snapshot = async () => JSON.stringify(await ws.all('SELECT (SELECT list(r ORDER BY r.source, r.response_id) FROM nps_responses r) AS r, (SELECT count(*) FROM import_rejects) AS j'));

  describe('generic responses CSV', () => {
    it('reads score labels, quoted comments with commas and line breaks; rejects bad scores and dates with line, field and reason', async () => {
      const [report] = await importFiles(ws, importers, [fixture('nps-responses.csv')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report!.format).toBe('nps-csv');
      expect(report!.rejects).toEqual([
        { line: 5, field: 'NPS Score', reason: 'score 11 is outside 0–10' },
        { line: 6, field: 'NPS Score', reason: 'score is empty (no answer to the NPS question)' },
        { line: 7, field: 'NPS Score', reason: 'score "great" is not a whole number from 0 to 10' },
        { line: 8, field: 'Date', reason: 'response date "not a date" is not a date/time' },
      ]);
      // Line 9 repeats line 3 exactly: without a response id they are one response.
      expect(report).toMatchObject({ inserted: 4, duplicates: 1, rejected: 4 });
      const rows = await responses();
      expect(rows.map((r) => [r.responded_at, r.score, r.account])).toEqual([
        // A date without a time is that day at 00:00 UTC, not shifted by the import's zone.
        ['2026-02-15 00:00:00', 9, 'Initech'],
        ['2026-02-15 00:00:00', 10, 'Globex, Inc.'],
        ['2026-02-16 00:00:00', 0, 'Acme Corp'],
        // A time without a zone is Berlin local time (CET, +1); "7.0" is 7.
        ['2026-02-18 13:30:00', 7, 'Umbrella'],
      ]);
      expect(rows[1]).toMatchObject({ source: 'nps-csv', segment: 'Enterprise', comment: expect.stringMatching(/^Fast, reliable\r?\nand friendly$/) });
      expect(rows[0]!.response_id).toMatch(/^h:[0-9a-f]{32}$/);
    });

    it('re-importing is a no-op, and the same responses in another file merge by their content hash', async () => {
      const path = fixture('nps-responses.csv');
      await importFiles(ws, importers, [path], berlin);
      const before = await snapshot();
      const [again] = await importFiles(ws, importers, [path], berlin);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
      expect(await snapshot()).toBe(before);

      // Another export, other header names and date style, two of the same responses and a new one.
      const overlap = write('nps-2.csv', 'submitted at,score,account,feedback\n2026-02-16,0,Acme Corp,Outage again\n2026-02-15,9,Initech,\n2026-03-01,8,Initech,ok\n');
      const [merged] = await importFiles(ws, importers, [overlap], berlin);
      expect(merged).toMatchObject({ format: 'nps-csv', inserted: 1, unchanged: 2 });
      expect(await ws.all('SELECT count(*) AS n FROM nps_responses')).toEqual([{ n: 5 }]);
    });

    it('reads slash dates day first when some first part exceeds 12 and no second part does; the content hash follows the date as read', async () => {
      const rows = 'date,score,account\n03/02/2026 09:00,9,Acme\n15/02/2026,7,Globex\n';
      const [dayFirst] = await importFiles(ws, importers, [write('eu.csv', rows)], berlin);
      expect(dayFirst).toMatchObject({ format: 'nps-csv', inserted: 2, rejected: 0 });
      // 3 February 09:00 Berlin (CET) is 08:00 UTC; a date alone is that day at 00:00 UTC.
      expect((await responses()).map((r) => [r.responded_at, r.account])).toEqual([
        ['2026-02-03 08:00:00', 'Acme'],
        ['2026-02-15 00:00:00', 'Globex'],
      ]);
      // The same responses written ISO: same dates, so the same content hashes — they merge.
      const [iso] = await importFiles(ws, importers, [write('iso.csv', 'date,score,account\n2026-02-03 09:00,9,Acme\n2026-02-15,7,Globex\n')], berlin);
      expect(iso).toMatchObject({ inserted: 0, unchanged: 2 });
      // Month first when no first part exceeds 12: 03/02 is 2 March.
      const [monthFirst] = await importFiles(ws, importers, [write('us.csv', 'date,score,account\n03/02/2026,5,Initech\n')], berlin);
      expect(monthFirst).toMatchObject({ inserted: 1 });
      expect(await responses("account = 'Initech'")).toMatchObject([{ responded_at: '2026-03-02 00:00:00' }]);
    });

    it('asks for the date column when no header names it; uses the mapping and a response id column once given', async () => {
      const path = write('ids.csv', 'Response ID,When,Rating,Org,Why\nr-1,2026-01-10,9,Acme,\nr-2,2026-01-10,9,Acme,\n');
      const [unmapped] = await importFiles(ws, importers, [path], { timeZone: 'UTC' });
      expect(unmapped!.format).toBe('nps-csv');
      expect(unmapped!.error).toContain('cannot tell which column holds the responded_at of each response');
      expect(unmapped!.error).toContain('"Response ID", "When", "Rating", "Org", "Why"');
      const [mapped] = await importFiles(ws, importers, [path], { timeZone: 'UTC', columnMapping: { responded_at: 'When', account: 'Org', comment: 'Why' } });
      expect(mapped!.error).toBeUndefined();
      // Identical content, different ids: two responses.
      expect(mapped).toMatchObject({ inserted: 2, duplicates: 0 });
      expect((await responses()).map((r) => r.response_id)).toEqual(['r-1', 'r-2']);
    });
  });

  describe('SurveyMonkey', () => {
    it('reads the two-row header: the recommend question is the score, the next open-ended answer the comment; lines count both header rows', async () => {
      const [report] = await importFiles(ws, importers, [fixture('surveymonkey.csv')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report!.format).toBe('surveymonkey-csv');
      expect(report!.rejects).toEqual([{ line: 5, field: SM_QUESTION, reason: 'score is empty (no answer to the NPS question)' }]);
      expect(report).toMatchObject({ inserted: 3, rejected: 1 });
      const rows = await responses();
      expect(rows[0]).toEqual({
        source: 'surveymonkey',
        response_id: '114227033950',
        responded_at: '2026-02-15 15:37:12', // End Date 04:37:12 PM Berlin
        score: 10,
        account: 'Globex',
        segment: null,
        comment: 'Great support, quick fixes',
      });
      expect(rows[1]).toMatchObject({ score: 6, account: 'Acme Corp', comment: expect.stringMatching(/^Too many outages\r?\nthis month$/), responded_at: '2026-02-16 08:02:30' });
      // 03:10 AM on the night clocks go forward is CEST (+2).
      expect(rows[2]).toMatchObject({ score: 8, responded_at: '2026-03-29 01:10:00' });
      const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects');
      expect(JSON.parse(raw!.raw)).toMatchObject({ 'Respondent ID': '114227033952', [SM_QUESTION]: null, Company: 'Initech' });

      const [again] = await importFiles(ws, importers, [fixture('surveymonkey.csv')], berlin);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('a survey without a recommend question fails with the list of its questions', async () => {
      const path = write('sm.csv', 'Respondent ID,Collector ID,Start Date,End Date,How satisfied are you?\n,,,,Response\n1,2,02/15/2026 04:35:01 PM,02/15/2026 04:37:12 PM,Very\n');
      const [report] = await importFiles(ws, importers, [path], berlin);
      expect(report!.format).toBe('surveymonkey-csv');
      expect(report!.error).toMatch(/no NPS question found.*"How satisfied are you\?"/);
    });
  });

  describe('Typeform', () => {
    it('reads # as the id and Submit Date (UTC) as UTC whatever the zone; partial responses and out-of-range scores are rejected', async () => {
      const [report] = await importFiles(ws, importers, [fixture('typeform.csv')], berlin);
      expect(report!.error).toBeUndefined();
      expect(report!.format).toBe('typeform-csv');
      expect(report!.rejects).toEqual([
        { line: 4, field: 'Response Type', reason: 'partial response (never submitted)' },
        { line: 5, field: 'How likely are you to recommend Acme to a friend or colleague?', reason: 'score 12 is outside 0–10' },
      ]);
      expect(await responses()).toEqual([
        { source: 'typeform', response_id: 'k1x9f0a2b3c4d5e6', responded_at: '2026-02-15 16:37:12', score: 9, account: 'Globex', segment: null, comment: 'Docs are great, API is not' },
        { source: 'typeform', response_id: 'k2y8g1b3c4d5e6f7', responded_at: '2026-02-16 09:04:00', score: 3, account: 'Acme Corp', segment: null, comment: 'Billing errors' },
      ]);
    });
  });
});
