/**
 * Typeform responses CSV (Results › Download › CSV): `#` (the response token), one column per
 * question titled with its text, hidden fields, then `Response Type` (newer exports: completed or
 * partial), `Start Date (UTC)`, `Stage Date (UTC)`, `Submit Date (UTC)`, `Network ID`, `Tags`.
 * The NPS question is the one asking how likely someone is to recommend; the response time is
 * `Submit Date (UTC)`, which is UTC whatever the import's zone. Partial (never submitted)
 * responses are rejected as such.
 */
import { UndertowError } from '../../../errors';
import type { FileSample, FormatImporter, ImportContext } from '../../types';
import { findHeader, resolveColumn } from '../../columns';
import { hasColumns, openCsv } from '../../stage';
import { textSql } from '../helpdesk/shared';
import { isRecommendQuestion, NPS_SYNONYMS } from './mapping';
import { loadResponses } from './responses';

const METADATA = new Set(['#', 'response type', 'start date (utc)', 'stage date (utc)', 'submit date (utc)', 'network id', 'tags', 'ending']);
const COMMENT_QUESTION = /reason|why|comment|feedback|improve|tell us|anything else/i;

function detect(sample: FileSample): number {
  if (sample.shape !== 'csv' || sample.csvHeader[0] !== '#') return 0;
  return hasColumns(sample.csvHeader, ['Submit Date (UTC)']) || hasColumns(sample.csvHeader, ['Network ID']) ? 30 : 0;
}

export const typeformCsv: FormatImporter = {
  format: 'typeform-csv',
  source: 'nps',
  label: 'Typeform responses CSV (#, questions, Submit Date (UTC), Network ID)',
  detect,
  load: loadTypeform,
};

async function loadTypeform(ctx: ImportContext) {
  ctx.progress('Reading CSV', 0.1);
  const csv = await openCsv(ctx);
  const columns = csv.columns;
  const explicit = ctx.options.columnMapping ?? {};
  const mapped = (field: string) => {
    const wanted = explicit[field];
    if (!wanted) return null;
    const column = resolveColumn(columns, wanted);
    if (column === null) throw new UndertowError('invalid_request', `${ctx.path}: the column mapping names "${wanted}" for ${field}, but the file has no such column.`, { file: ctx.path, field });
    return column;
  };
  const questions = columns.filter((c) => !METADATA.has(c.toLowerCase()));
  const score = mapped('score') ?? questions.find(isRecommendQuestion) ?? null;
  if (score === null) {
    throw new UndertowError(
      'invalid_request',
      `${ctx.path}: no NPS question found (a question asking how likely someone is to recommend). Map the score column; questions: ${questions.map((q) => `"${q}"`).join(', ')}.`,
      { file: ctx.path, unresolved: 'score' },
    );
  }
  const after = questions.slice(questions.indexOf(score) + 1);
  const comment = mapped('comment') ?? after.find((q) => COMMENT_QUESTION.test(q)) ?? null;
  const submitted = mapped('responded_at') ?? resolveColumn(columns, 'Submit Date (UTC)');
  if (submitted === null) throw new UndertowError('invalid_request', `${ctx.path}: no "Submit Date (UTC)" column; map the response date column.`, { file: ctx.path, unresolved: 'responded_at' });
  const hidden = questions.filter((q) => q !== score && q !== comment);
  const account = mapped('account') ?? findHeader(hidden, NPS_SYNONYMS.account);
  const segment = mapped('segment') ?? findHeader(hidden, NPS_SYNONYMS.segment);
  const responseType = resolveColumn(columns, 'Response Type');

  const responseId = mapped('response_id') ?? resolveColumn(columns, '#');
  const read = csv.read([responseId, submitted, score, account, comment, segment, responseType]);
  const cell = (column: string | null) => (column === null ? null : textSql(`s.${read.column(column)}`));
  return loadResponses(ctx, {
    source: 'typeform',
    from: `${read.sql} s`,
    firstLine: read.firstLine,
    exprs: { responseId: cell(responseId), respondedAt: cell(submitted)!, score: cell(score)!, account: cell(account), comment: cell(comment), segment: cell(segment) },
    fields: { respondedAt: submitted, score },
    // The column is UTC by its name; a mapped date column follows the import's zone.
    time: { zone: submitted.toLowerCase().includes('(utc)') ? 'UTC' : ctx.options.timeZone, dayFirst: false },
    raw: read.raw(),
    ...(responseType
      ? {
          extraColumns: [`lower(${cell(responseType)}) AS response_type`],
          firstChecks: [{ field: responseType, when: `response_type = 'partial'`, reason: 'partial response (never submitted)' }],
        }
      : {}),
  });
}
