/**
 * Which file column holds which field: header matching that forgives case, spacing, punctuation
 * and a parenthesised suffix, and the column mapping of generic exports (the UI's mapping step).
 */
import { UndertowError } from '../errors';

/**
 * Header matching key: case, spaces, underscores, punctuation and a parenthesised suffix do not
 * matter ("Created At", "created_at", "Created at (UTC)" → "createdat"). `#` is kept (Typeform).
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^\p{L}\p{N}#]+/gu, '');
}

/** The first header whose key equals one of the synonyms' keys, synonyms in order of preference. */
export function findHeader(headers: readonly string[], synonyms: readonly string[], taken: ReadonlySet<string> = new Set()): string | null {
  const keys = headers.map(headerKey);
  for (const synonym of synonyms) {
    const key = headerKey(synonym);
    const index = keys.findIndex((k, i) => k === key && !taken.has(headers[i]!));
    if (index >= 0) return headers[index]!;
  }
  return null;
}

/** A file column named in a mapping, matched to the staged names (exact, then case/space-insensitive). */
export function resolveColumn(columns: readonly string[], wanted: string): string | null {
  if (columns.includes(wanted)) return wanted;
  const trimmed = wanted.trim().toLowerCase();
  return columns.find((c) => c.trim().toLowerCase() === trimmed) ?? null;
}

/**
 * The header cells of a sample: the framework splits on commas; an Excel export in a locale that
 * uses `;` (or a TSV) comes back as one cell, so split that cell on its delimiter instead.
 */
export function headerCells(csvHeader: readonly string[]): string[] {
  if (csvHeader.length === 1) {
    const only = csvHeader[0]!;
    for (const delimiter of [';', '\t', '|']) {
      if (only.includes(delimiter)) return only.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    }
  }
  return [...csvHeader];
}

/**
 * The mapping used for one file: explicit `columnMapping` entries for these fields (validated
 * against the file's columns) over the guessed ones. When a required field stays unresolved the
 * file fails with the mapping-step error: it names the fields to map and lists the columns.
 */
export function resolveMapping<F extends string>(
  path: string,
  columns: readonly string[],
  spec: { fields: readonly F[]; required: readonly F[]; guess: Partial<Record<F, string>>; explicit: Record<string, string> | undefined; what: string },
): Record<F, string | null> {
  const resolved = Object.fromEntries(spec.fields.map((f) => [f, spec.guess[f] ?? null])) as Record<F, string | null>;
  const listed = columns.map((c) => `"${c}"`).join(', ');
  const explicit = spec.explicit ?? {};
  for (const field of spec.fields) {
    const wanted = explicit[field];
    if (wanted === undefined || wanted === '') continue;
    const column = resolveColumn(columns, wanted);
    if (column === null) {
      throw new UndertowError('invalid_request', `${path}: the column mapping names "${wanted}" for ${field}, but the file has no such column. Columns: ${listed}.`, {
        file: path,
        field,
        columns: columns.join('\n'),
      });
    }
    // A column mapped explicitly is not also used by a guessed field.
    for (const other of spec.fields) if (other !== field && resolved[other] === column && !explicit[other]) resolved[other] = null;
    resolved[field] = column;
  }
  const missing = spec.required.filter((f) => resolved[f] === null);
  if (missing.length > 0) {
    throw new UndertowError(
      'invalid_request',
      `${path}: cannot tell which column holds the ${missing.join(' and ')} of ${spec.what}. Map ${missing.length > 1 ? 'them' : 'it'} (column mapping) to one of the file's columns: ${listed}.`,
      { file: path, unresolved: missing.join(','), columns: columns.join('\n') },
    );
  }
  return resolved;
}
