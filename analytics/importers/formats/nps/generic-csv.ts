/**
 * A generic NPS responses CSV: `date, score` plus optional account, comment, segment and a
 * response id, under any of the header synonyms in mapping.ts (or `columnMapping`). Scores may
 * carry their label ("10 - Extremely likely").
 */
import type { FormatImporter, ImportContext } from '../../types';
import { stageCsv } from '../../stage';
import { assertTimeZone, headerCells, quoteColumn, resolveMapping, slashDatesAreDayFirst, stageColumnNames, textSql } from '../helpdesk/shared';
import { NPS_FIELDS, proposeNpsMapping, REQUIRED_NPS_FIELDS, type NpsField } from './mapping';
import { loadResponses } from './responses';

export const npsResponsesCsv: FormatImporter = {
  format: 'nps-csv',
  source: 'nps',
  label: 'NPS responses CSV (date, score 0–10, account, comment, segment)',
  detect(sample) {
    if (sample.shape !== 'csv') return 0;
    const { unresolved } = proposeNpsMapping(headerCells(sample.csvHeader));
    // A score column alone is a weak hint: the import then asks for the date column (mapping step).
    return unresolved.length === 0 ? 15 : unresolved.includes('score') ? 0 : 1;
  },
  load: loadNpsCsv,
};

async function loadNpsCsv(ctx: ImportContext) {
  await assertTimeZone(ctx);
  ctx.progress('Reading CSV', 0.1);
  const stage = await stageCsv(ctx, 'nps_csv');
  const columns = await stageColumnNames(ctx, stage);
  const map = resolveMapping(ctx.path, columns, {
    fields: NPS_FIELDS,
    required: REQUIRED_NPS_FIELDS,
    guess: proposeNpsMapping(columns).mapping,
    explicit: ctx.options.columnMapping,
    what: 'each response',
  });
  const text = (field: NpsField) => {
    const column = map[field];
    return column === null ? null : textSql(`s.${quoteColumn(column)}`);
  };
  return loadResponses(ctx, {
    source: 'nps-csv',
    from: `${stage} s`,
    exprs: { responseId: text('response_id'), respondedAt: text('responded_at')!, score: text('score')!, account: text('account'), comment: text('comment'), segment: text('segment') },
    fields: { respondedAt: map.responded_at!, score: map.score! },
    time: { zone: ctx.options.timeZone, dayFirst: await slashDatesAreDayFirst(ctx, stage, [map.responded_at!]) },
    raw: { table: stage, sql: 'to_json(s)' },
  });
}
