/**
 * Which columns of a Jira CSV export feed which issue field. Jira writes one column per value of a
 * multi-valued field (Labels, Sprint, Component/s, Watchers, …), as many copies as the busiest issue
 * of the export needs; DuckDB names the copies `Labels`, `Labels_1`, `Labels_2`, … in file order.
 *
 * SQL identifiers are built from the constant names below (plus DuckDB's numeric suffix), never
 * from header text; DuckDB matches quoted identifiers case-insensitively, so `Issue Key` in a file
 * is still found as "Issue key".
 */

/** Canonical header names (lower-case) per field; the first present wins. */
const SINGLE = {
  key: ['issue key'],
  id: ['issue id'],
  type: ['issue type'],
  status: ['status'],
  statusCategory: ['status category'],
  priority: ['priority'],
  created: ['created'],
  resolved: ['resolved', 'resolution date'],
  summary: ['summary'],
  project: ['project key'],
  parent: ['parent'],
  parentKey: ['parent key'],
  parentId: ['parent id'],
  epicLink: ['custom field (epic link)'],
  development: ['custom field (development)'],
} as const satisfies Record<string, readonly string[]>;

/** Story points live under either name (company-managed vs team-managed projects); both may exist. */
const STORY_POINTS = ['custom field (story points)', 'custom field (story point estimate)'] as const;

/** Multi-valued fields merged from every copy, in file order. */
const MULTI = {
  labels: ['labels'],
  components: ['component/s', 'components'],
  sprints: ['sprint'],
} as const satisfies Record<string, readonly string[]>;

export type SingleField = keyof typeof SINGLE;
export type MultiField = keyof typeof MULTI;

export interface JiraCsvColumns {
  /** Quoted identifier per single-valued field, or null when the export lacks the column. */
  single: Record<SingleField, string | null>;
  storyPoints: string[];
  /** Quoted identifiers of every copy, in file order (empty when the export lacks the field). */
  multi: Record<MultiField, string[]>;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Group the staged column names (as DuckDB named them) by header and pick the ones we load.
 * `Labels_3` counts as a copy of `Labels` only when `Labels` itself is a column.
 */
export function planJiraCsvColumns(columnNames: readonly string[]): JiraCsvColumns {
  const present = new Map(columnNames.map((name) => [name.toLowerCase(), name]));
  const copies = new Map<string, string[]>();
  for (const name of columnNames) {
    const lower = name.toLowerCase();
    const suffix = /^(.*)_(\d+)$/.exec(lower);
    const base = suffix && present.has(suffix[1]!) ? suffix[1]! : lower;
    const list = copies.get(base) ?? [];
    // The identifier comes from the constant base name and DuckDB's numeric suffix.
    list.push(suffix && base === suffix[1] ? `${base}_${Number(suffix[2])}` : base);
    copies.set(base, list);
  }
  const pick = (candidates: readonly string[]): string | null => {
    const found = candidates.find((c) => present.has(c));
    return found === undefined ? null : quoteIdent(found);
  };
  const single = Object.fromEntries(Object.entries(SINGLE).map(([field, names]) => [field, pick(names)])) as Record<SingleField, string | null>;
  const multi = Object.fromEntries(
    Object.entries(MULTI).map(([field, names]) => [field, (copies.get(names.find((n) => copies.has(n)) ?? '') ?? []).map(quoteIdent)]),
  ) as Record<MultiField, string[]>;
  return { single, storyPoints: STORY_POINTS.filter((c) => present.has(c)).map(quoteIdent), multi };
}
