/**
 * Customer-side exports:
 * - Zendesk ticket report CSV: `Id,Subject,Status,Priority,Ticket type,Created at,Solved at,Tags,
 *   Organization`, tags space-separated as Zendesk writes them, times ISO 8601 UTC.
 * - A generic NPS responses CSV: `response_id,date,score,account,comment,segment` (date = response
 *   day; the survey tool's response id keeps two identical answers on one day apart).
 */
import type { DemoNpsResponse, DemoTicket } from '../model';
import { dayString, isoSeconds } from '../period';
import { toCsv } from './csv';

export function zendeskTicketsCsv(tickets: readonly DemoTicket[]): string {
  const header = ['Id', 'Subject', 'Status', 'Priority', 'Ticket type', 'Created at', 'Solved at', 'Tags', 'Organization'];
  const rows = tickets.map((t) => [t.id, t.subject, t.status, t.priority, t.type, isoSeconds(t.createdMs), t.solvedMs === null ? null : isoSeconds(t.solvedMs), t.tags.join(' '), t.account]);
  return toCsv(header, rows, '\r\n');
}

export function npsResponsesCsv(responses: readonly DemoNpsResponse[]): string {
  const header = ['response_id', 'date', 'score', 'account', 'comment', 'segment'];
  return toCsv(header, responses.map((r) => [r.id, dayString(r.dayMs), r.score, r.account, r.comment || null, r.segment]), '\n');
}
