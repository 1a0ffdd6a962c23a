/**
 * Rejected rows: every importer checks its parsed rows against rules, records the rows that break
 * one (line, field, reason and the raw row, gathered in `ctx.rejects` and stored in
 * `import_rejects` with the import) and loads only the others.
 */
import type { ImportContext } from './types';
import { usedParams } from './sql';

export interface RejectRule {
  /** The field as the export names it (a column header, a JSON path); bound, never spliced. */
  field: string | null;
  /** SQL condition over the checked row (alias `r`); a row is rejected by the first rule it meets. */
  when: string;
  /**
   * Why, for the user: plain text, or `{ sql }` — a VARCHAR expression over the checked row that
   * may quote the bad value, where `{field}` stands for the rule's field.
   */
  reason: string | { sql: string };
}

/** Where a rejected row's raw content comes from. */
export interface RawSource {
  /** SQL over alias `s` (a row with the same `line`): the row as the file had it, JSON or text. */
  sql: string;
  /** A table or subquery with `line` to take `s` from; by default the checked rows themselves. */
  from?: string;
  params?: Readonly<Record<string, string | number | null>>;
}

export interface Rejects {
  rejected: number;
  /** SQL condition keeping the rows no rule rejected, over a row's line (default column `line`). */
  keep(line?: string): string;
  /** Delete the rejected rows from a temp table of the checked rows (by `line`), so it can be loaded as it is. */
  deleteFrom(table: string): Promise<void>;
  /** Drop the temp table behind `keep` (after its last use). */
  drop(): Promise<void>;
}

/**
 * Check `rows` (a table or subquery with a `line` column) against `rules` in one narrow pass, and
 * record the rows that break one. Only rejected rows are materialised: their reason is computed and
 * their raw content serialised for them alone, and the checked rows are never rewritten — callers
 * filter with `keep()`, or `deleteFrom()` a parsed temp table to load it as it is. `params` are bound
 * where the rules use them (e.g. `$tz`).
 */
export async function recordRejects(
  ctx: ImportContext,
  rows: string,
  rules: readonly RejectRule[],
  raw: RawSource,
  params: Readonly<Record<string, string | number | null>> = {},
): Promise<Rejects> {
  const table = ctx.temp('rejects');
  const bound: Record<string, string | number | null> = { ...params };
  rules.forEach((rule, i) => {
    bound[`field_${i}`] = rule.field;
    if (typeof rule.reason === 'string') bound[`reason_${i}`] = rule.reason;
  });
  const reasonSql = (rule: RejectRule, i: number) => (typeof rule.reason === 'string' ? `$reason_${i}` : rule.reason.sql.replaceAll('{field}', `$field_${i}`));
  const create = rules.length
    ? `CREATE TEMP TABLE ${table} AS
       SELECT line, reject_rule, CASE reject_rule ${rules.map((rule, i) => `WHEN ${i} THEN ${reasonSql(rule, i)}`).join(' ')} END AS reject_reason
       FROM (SELECT *, CASE ${rules.map((rule, i) => `WHEN ${rule.when} THEN ${i}`).join(' ')} END AS reject_rule FROM ${rows} r)
       WHERE reject_rule IS NOT NULL`
    : `CREATE TEMP TABLE ${table} (line BIGINT, reject_rule INTEGER, reject_reason VARCHAR)`;
  await ctx.tx.run(create, usedParams(create, bound));
  const [count] = await ctx.tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  const rejected = count?.n ?? 0;
  if (rejected > 0) {
    const insert = `INSERT INTO ${ctx.rejects} (line, field, reason, raw)
      SELECT k.line, CASE k.reject_rule ${rules.map((_, i) => `WHEN ${i} THEN $field_${i}`).join(' ')} END, k.reject_reason, (${raw.sql})::VARCHAR
      FROM ${table} k JOIN ${raw.from ?? rows} s ON s.line = k.line`;
    await ctx.tx.run(insert, usedParams(insert, { ...bound, ...raw.params }));
  }
  return {
    rejected,
    keep: (line = 'line') => (rejected > 0 ? `${line} NOT IN (SELECT line FROM ${table})` : 'true'),
    deleteFrom: async (rows) => {
      if (rejected > 0) await ctx.tx.run(`DELETE FROM ${rows} WHERE line IN (SELECT line FROM ${table})`);
    },
    drop: () => ctx.tx.run(`DROP TABLE ${table}`),
  };
}


/** SQL: a bad value quoted for a reason message ('…'), shortened so a garbled cell does not flood the report. */
export function quotedValueSql(expr: string): string {
  return `'''' || CASE WHEN length(${expr}) > 60 THEN left(${expr}, 57) || '…' ELSE ${expr} END || ''''`;
}
