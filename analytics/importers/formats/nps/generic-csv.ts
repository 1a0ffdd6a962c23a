/**
 * A generic NPS responses CSV: `date, score` plus optional account, comment, segment and a
 * response id, under any of the header synonyms in mapping.ts (or `columnMapping`). Scores may
 * carry their label ("10 - Extremely likely").
 */
import type { FormatImporter, ImportContext } from '../../types';
import { headerCells } from '../../columns';
import { readMappedCsv } from '../helpdesk/shared';
import { assertTimeZone } from '../../time-sql';
import { NPS_FIELDS, proposeNpsMapping, REQUIRED_NPS_FIELDS } from './mapping';
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
  const { read, map, text } = await readMappedCsv(ctx, {
    fields: NPS_FIELDS,
    required: REQUIRED_NPS_FIELDS,
    guess: (columns) => proposeNpsMapping(columns).mapping,
    what: 'each response',
  });
  return loadResponses(ctx, {
    source: 'nps-csv',
    from: `${read.sql} s`,
    firstLine: read.firstLine,
    detectDayFirst: true,
    exprs: { responseId: text('response_id'), respondedAt: text('responded_at')!, score: text('score')!, account: text('account'), comment: text('comment'), segment: text('segment') },
    fields: { respondedAt: map.responded_at!, score: map.score! },
    time: { zone: ctx.options.timeZone, dayFirst: false },
    raw: read.raw(),
  });
}
