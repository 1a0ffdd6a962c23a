import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, importers as registered } from '../../../analytics/importers';
import { helpdeskImporters, proposeTicketMapping } from '../../../analytics/importers/formats/helpdesk';
import { npsImporters, proposeNpsMapping } from '../../../analytics/importers/formats/nps';
import { sampleFile } from '../../../analytics/importers/sample';
import { tempDir } from '../helpers/temp';

const importers = [...registered, ...helpdeskImporters, ...npsImporters];

describe('proposeTicketMapping', () => {
  it('matches headers whatever their case, spacing, underscores or a parenthesised suffix', () => {
    expect(proposeTicketMapping(['Ticket_ID', 'Subject', 'STATUS', 'Priority', 'Type', 'Tags', 'Organization', 'created at (UTC)', 'Solved At'])).toEqual({
      mapping: {
        ticket_id: 'Ticket_ID',
        created_at: 'created at (UTC)',
        subject: 'Subject',
        status: 'STATUS',
        priority: 'Priority',
        ticket_type: 'Type',
        tags: 'Tags',
        account: 'Organization',
        solved_at: 'Solved At',
      },
      unresolved: [],
    });
  });

  it('prefers the more specific synonym and never uses one column twice', () => {
    // "Ticket number" beats "Id"; "Created" beats "Date"; "Date" is then free for nothing else.
    const { mapping } = proposeTicketMapping(['Id', 'Ticket number', 'Date', 'Created', 'Resolved', 'Closed']);
    expect(mapping).toMatchObject({ ticket_id: 'Ticket number', created_at: 'Created', solved_at: 'Resolved' });
    expect(proposeTicketMapping(['Number', 'Opened', 'Short description', 'State']).mapping).toEqual({ ticket_id: 'Number', created_at: 'Opened', status: 'State' });
  });

  it('lists the required fields it could not resolve', () => {
    expect(proposeTicketMapping(['Ref', 'Logged', 'Headline'])).toEqual({ mapping: { ticket_id: 'Ref' }, unresolved: ['created_at'] });
    expect(proposeTicketMapping([])).toEqual({ mapping: {}, unresolved: ['ticket_id', 'created_at'] });
  });
});

describe('proposeNpsMapping', () => {
  it('finds the score by synonym or by the recommend question, the date and the optional fields', () => {
    expect(proposeNpsMapping(['Date', 'NPS Score', 'Company', 'Comment', 'Segment'])).toEqual({
      mapping: { responded_at: 'Date', score: 'NPS Score', account: 'Company', comment: 'Comment', segment: 'Segment' },
      unresolved: [],
    });
    expect(proposeNpsMapping(['Submitted At', 'How likely are you to recommend us?', 'Plan']).mapping).toEqual({
      responded_at: 'Submitted At',
      score: 'How likely are you to recommend us?',
      segment: 'Plan',
    });
    expect(proposeNpsMapping(['When', 'Rating']).unresolved).toEqual(['responded_at']);
  });
});

describe('detection picks the most specific format from content', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());

  const detect = async (text: string) => {
    const path = dir.file(`f-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(path, text);
    return detectFormat(importers, await sampleFile(path))?.format ?? null;
  };

  it.each([
    ['Zendesk report', 'Id,Subject,Status,Priority,Ticket type,Created at,Solved at,Tags,Organization\n1,a,open,low,task,2026-01-01 10:00,,,\n', 'zendesk-tickets-csv'],
    ['Zendesk full export with extra columns', 'Id,Requester,Requester id,Subject,Status,Via,Created at,Updated at,Assignee\n1,a,2,b,open,web,2026-01-01 10:00,,\n', 'zendesk-tickets-csv'],
    ['generic tickets', 'ticket_id,created,title\n1,2026-01-01,a\n', 'generic-tickets-csv'],
    ['semicolon-separated generic tickets', 'Ticket ID;Created;Title\n1;2026-01-01;a\n', 'generic-tickets-csv'],
    ['generic NPS', 'date,score,account,comment,segment\n2026-01-01,9,a,,SMB\n', 'nps-csv'],
    ['generic NPS with an id column (not a tickets CSV)', 'id,date,score\n1,2026-01-01,9\n', 'nps-csv'],
    ['SurveyMonkey', 'Respondent ID,Collector ID,Start Date,End Date,How likely is it that you would recommend us?\n,,,,Response\n1,2,x,y,9\n', 'surveymonkey-csv'],
    ['Typeform', '#,How likely are you to recommend us?,Submit Date (UTC),Network ID\nabc,9,2026-01-01 10:00:00,n\n', 'typeform-csv'],
    ['Zendesk API page', JSON.stringify({ tickets: [{ url: 'https://a.zendesk.com/api/v2/tickets/1.json', id: 1, status: 'open', created_at: '2026-01-01T00:00:00Z', subject: 'x' }], next_page: null, count: 1 }), 'zendesk-tickets-json'],
    ['Zendesk NDJSON without urls', `${JSON.stringify({ id: 1, requester_id: 2, via: {}, status: 'open', created_at: '2026-01-01T00:00:00Z' })}\n`, 'zendesk-tickets-json'],
    ['org map (not a ticket file)', 'type,key,team\nperson,a,b\n', 'org-map-csv'],
    ['a CSV that is neither', 'date,amount\n2026-01-01,4\n', null],
    ['a JSON array of something else', '[{"id": 1, "created_at": "2026-01-01", "name": "x"}]', null],
  ])('%s', async (_name, text, format) => {
    expect(await detect(text)).toBe(format);
  });
});
