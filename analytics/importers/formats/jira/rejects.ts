/**
 * Rejects from a parsed stage that carries its own verdict: a `reject` column holding the index of
 * the first failing rule (NULL = keep). Unlike the framework's recordRejects, the raw text is
 * serialised only for the rejected rows, which matters for 100k-row, 500-column Jira exports, and
 * the reason can quote the offending value.
 */
import type { ImportContext } from '../../types';

export interface RejectRule {
  /** The field as the user knows it (the export's column name or JSON path). */
  field: string;
  /** SQL condition over the parsed row marking it rejected (rules are tried in order). */
  when: string;
  /** SQL text expression for the reason; may quote the row's value; `{field}` is the bound field name. */
  reason: string;
}

/** `CASE WHEN … THEN 0 WHEN … THEN 1 … END`: the rule index column for the parse query. */
export function rejectColumnSql(rules: readonly RejectRule[]): string {
  if (rules.length === 0) return 'NULL::INTEGER';
  return `CASE ${rules.map((r, i) => `WHEN ${r.when} THEN ${i}`).join(' ')} END`;
}

/** Write import_rejects rows for the stage's rejected rows; returns their number. */
export async function writeRejects(ctx: ImportContext, stage: string, rules: readonly RejectRule[], rawSql: string): Promise<number> {
  if (rules.length === 0) return 0;
  // Field names are bound (a CSV importer may name the file's own header), reasons are our SQL.
  const field = `CASE reject ${rules.map((_, i) => `WHEN ${i} THEN $field_${i}`).join(' ')} END`;
  const reason = `CASE reject ${rules.map((r, i) => `WHEN ${i} THEN ${r.reason.replaceAll('{field}', `$field_${i}`)}`).join(' ')} END`;
  await ctx.tx.run(
    `INSERT INTO import_rejects (import_id, line, field, reason, raw)
     SELECT $id, line, ${field}, ${reason}, (${rawSql})::VARCHAR FROM ${stage} WHERE reject IS NOT NULL`,
    { id: ctx.importId, ...Object.fromEntries(rules.map((r, i) => [`field_${i}`, r.field])) },
  );
  const [row] = await ctx.tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${stage} WHERE reject IS NOT NULL`);
  return row?.n ?? 0;
}

/** A value quoted for a reason message, shortened so a garbled cell does not flood the report. */
export function quotedValueSql(expr: string): string {
  return `'''' || CASE WHEN length(${expr}) > 60 THEN left(${expr}, 57) || '…' ELSE ${expr} END || ''''`;
}
