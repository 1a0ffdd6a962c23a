/**
 * SurveyMonkey "All responses data" CSV (expanded): two header rows — question texts, then answer
 * labels (`Response`, `Open-Ended Response`, choice names) — and fixed columns `Respondent ID`,
 * `Collector ID`, `Start Date`, `End Date` (`02/15/2026 04:37:12 PM`, the account's local time, so
 * read in the import's time zone). The NPS question is the column whose text asks how likely one
 * is to "recommend"; its comment is the next open-ended question. Lines count both header rows:
 * the first response is line 3. A one-header-row export (condensed) reads the same way.
 */
import { UndertowError } from '../../../errors';
import type { FileSample, FormatImporter, ImportContext } from '../../types';
import { findHeader } from '../../columns';
import { firstCsvRecords } from '../../sample';
import { csvHeaderRows, hasColumns, openCsv } from '../../stage';
import { slashDatesAreDayFirst, textSql } from '../helpdesk/shared';
import { assertTimeZone } from '../../time-sql';
import { isRecommendQuestion, NPS_SYNONYMS } from './mapping';
import { loadResponses } from './responses';

const ANSWER_LABEL = /^(open-ended )?response$/i;

/** Row 2 is SurveyMonkey's answer-label row: empty under the fixed columns, `Response` under questions. */
function isLabelRow(header: readonly string[], second: readonly string[] | undefined): boolean {
  if (!second) return false;
  const id = header.findIndex((h) => h.toLowerCase() === 'respondent id');
  return (id < 0 || second[id] === '') && second.some((c) => ANSWER_LABEL.test(c));
}

function detect(sample: FileSample): number {
  if (sample.shape !== 'csv' || !hasColumns(sample.csvHeader, ['Respondent ID'])) return 0;
  if (!hasColumns(sample.csvHeader, ['Start Date']) && !hasColumns(sample.csvHeader, ['End Date'])) return 0;
  const [, second] = firstCsvRecords(sample.text, 2);
  return isLabelRow(sample.csvHeader, second) ? 30 : 25;
}

export const surveyMonkeyCsv: FormatImporter = {
  format: 'surveymonkey-csv',
  source: 'nps',
  label: 'SurveyMonkey responses CSV (Respondent ID, Start/End Date, two header rows)',
  detect,
  load: loadSurveyMonkey,
};

async function loadSurveyMonkey(ctx: ImportContext) {
  await assertTimeZone(ctx);
  ctx.progress('Reading CSV', 0.1);
  const [questions = [], second] = await csvHeaderRows(ctx, 2);
  const twoRows = isLabelRow(questions, second);
  const labels = twoRows ? second! : questions.map(() => '');
  const csv = await openCsv(ctx, twoRows ? 2 : 1);
  const columns = csv.columns;
  if (columns.length !== questions.length) {
    throw new UndertowError('invalid_request', `${ctx.path}: the header has ${questions.length} columns but the rows have ${columns.length}; is this a SurveyMonkey export?`, { file: ctx.path });
  }
  const explicit = ctx.options.columnMapping ?? {};
  const indexOf = (text: string | null | undefined) => {
    if (!text) return -1;
    const exact = questions.indexOf(text);
    if (exact >= 0) return exact;
    const wanted = text.trim().toLowerCase();
    return questions.findIndex((q, i) => q.toLowerCase() === wanted || columns[i]!.toLowerCase() === wanted);
  };
  const mapped = (field: string) => {
    const wanted = explicit[field];
    if (!wanted) return null;
    const i = indexOf(wanted);
    if (i < 0) throw new UndertowError('invalid_request', `${ctx.path}: the column mapping names "${wanted}" for ${field}, but the survey has no such question or column.`, { file: ctx.path, field });
    return i;
  };
  const synonym = (field: 'account' | 'segment') => indexOf(findHeader(questions, NPS_SYNONYMS[field]));

  const score = mapped('score') ?? questions.findIndex(isRecommendQuestion);
  if (score < 0) {
    throw new UndertowError(
      'invalid_request',
      `${ctx.path}: no NPS question found (a question asking how likely someone is to recommend). Map the score column; questions: ${questions.filter(Boolean).map((q) => `"${q}"`).join(', ')}.`,
      { file: ctx.path, unresolved: 'score' },
    );
  }
  const isOpenEnded = (i: number) => (twoRows ? /open-ended/i.test(labels[i]!) : /reason|why|comment|feedback|improve|tell us/i.test(questions[i]!)) && questions[i] !== '';
  const commentAfter = questions.findIndex((_, i) => i > score && isOpenEnded(i));
  const comment = mapped('comment') ?? (commentAfter >= 0 ? commentAfter : null);
  const end = mapped('responded_at') ?? indexOf('End Date');
  const start = indexOf('Start Date');
  const id = mapped('response_id') ?? indexOf('Respondent ID');
  const account = mapped('account') ?? synonym('account');
  const segment = mapped('segment') ?? synonym('segment');

  const used = [id, end, start, score, account, comment, segment].filter((i): i is number => i !== null && i >= 0).map((i) => columns[i]!);
  const stage = await csv.stage('surveymonkey', used);
  const cell = (i: number | null) => (i === null || i < 0 ? null : textSql(`s.${stage.column(columns[i]!)}`));
  const when = [cell(end), cell(start)].filter((c): c is string => c !== null);
  const result = await loadResponses(ctx, {
    source: 'surveymonkey',
    from: `${stage.table} s`,
    exprs: {
      responseId: cell(id),
      respondedAt: when.length > 1 ? `coalesce(${when.join(', ')})` : when[0] ?? 'NULL::VARCHAR',
      score: cell(score)!,
      account: cell(account),
      comment: cell(comment),
      segment: cell(segment),
    },
    fields: { respondedAt: questions[end >= 0 ? end : start] ?? 'End Date', score: questions[score]! },
    time: { zone: ctx.options.timeZone, dayFirst: await slashDatesAreDayFirst(ctx, stage.table, [end, start].filter((i) => i >= 0).map((i) => stage.column(columns[i]!))) },
    raw: stage.raw(questions.map((q, i) => q || labels[i]!)),
  });
  await stage.drop();
  return result;
}
