/**
 * `import:preview`: what the import wizard shows before anything is written — per file the detected
 * format (the same detection `import:files` uses), the first records, whether its times need a zone
 * and, for generic exports, the proposed column mapping. Reads at most the importers' 256 KiB sample
 * of each file; never touches the workspace.
 */
import { basename } from 'node:path';
import type { CallRequestParsed } from '../../shared/contract';
import type { ColumnMappingNeed, ImportFilePreview, ImportPreview, TimeZoneNeed } from '../../shared/data';
import { headerCells } from '../importers/columns';
import { detectFormat, importers } from '../importers';
import { NPS_FIELDS, REQUIRED_NPS_FIELDS, proposeNpsMapping } from '../importers/formats/nps/mapping';
import { REQUIRED_TICKET_FIELDS, TICKET_FIELDS, proposeTicketMapping } from '../importers/formats/helpdesk/mapping';
import { firstRecordOf, sampleFile } from '../importers/sample';
import type { FileSample } from '../importers/types';
import type { SqlReader } from '../attribution/rules';
import { defaultImportTimeZone } from './workspace-settings';

/** Records shown per file. */
export const PREVIEW_ROWS = 8;
/** Columns shown per file (a wide export scrolls; more than this is noise in a preview). */
const PREVIEW_COLUMNS = 24;
const CELL_CHARS = 120;

export async function previewImports(ws: SqlReader | null, request: CallRequestParsed<'import:preview'>): Promise<ImportPreview> {
  const files: ImportFilePreview[] = [];
  for (const path of request.paths) files.push(await previewFile(path));
  return { files, defaultTimeZone: await defaultImportTimeZone(ws) };
}

export async function previewFile(path: string): Promise<ImportFilePreview> {
  const name = basename(path);
  const base: ImportFilePreview = {
    path,
    name,
    size: 0,
    format: null,
    formatLabel: null,
    source: null,
    shape: null,
    columns: [],
    rows: [],
    truncated: false,
    timeZone: { needed: false, reason: 'The file could not be read.', examples: [] },
    mapping: null,
  };
  let sample: FileSample;
  try {
    sample = await sampleFile(path);
  } catch (err) {
    return { ...base, error: withName(err, path, name) };
  }
  const table = sample.shape === 'json' ? jsonTable(sample) : sample.shape === 'csv' ? csvTable(sample) : textTable(sample);
  const preview: ImportFilePreview = { ...base, size: sample.size, shape: sample.shape, ...table };
  const importer = detectFormat(importers, sample);
  if (!importer) {
    return {
      ...preview,
      timeZone: { needed: false, reason: 'No known export format.', examples: [] },
      error: `${name} matches no export format Undertow reads: GitHub, Copilot, Jira, PagerDuty, help-desk and NPS exports, or the org map CSV (type,key,team,seniority). See docs/importing.md.`,
    };
  }
  return {
    ...preview,
    format: importer.format,
    formatLabel: importer.label,
    source: importer.source,
    timeZone: timeZoneNeed(importer.format, sample),
    mapping: mappingNeed(importer.format, sample),
  };
}

function withName(err: unknown, path: string, name: string): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split(path).join(name);
}

// ── Tables ──────────────────────────────────────────────────────────────────────────────────────

type Table = Pick<ImportFilePreview, 'columns' | 'rows' | 'truncated'>;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > CELL_CHARS ? `${flat.slice(0, CELL_CHARS - 1)}…` : flat;
}

/** The delimiter of a CSV sample: the one the importers' header split finds, else a comma. */
function delimiterOf(sample: FileSample): string {
  if (sample.csvHeader.length === 1) {
    const only = sample.csvHeader[0]!;
    for (const d of [';', '\t', '|']) if (only.includes(d)) return d;
  }
  return ',';
}

/** The first `count` records of delimited text (RFC 4180 quoting, any one-character delimiter). */
export function delimitedRecords(text: string, delimiter: string, count: number): { records: string[][]; more: boolean } {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  for (; i < text.length && records.length < count; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') quoted = true;
    else if (ch === delimiter) {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      if (!(record.length === 1 && record[0]!.trim() === '')) records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (records.length < count && (cell !== '' || record.length > 0)) records.push([...record, cell]);
  const more = text.slice(i).trim() !== '';
  return { records, more };
}

function csvTable(sample: FileSample): Table {
  const header = headerCells(sample.csvHeader);
  const { records, more } = delimitedRecords(sample.text, delimiterOf(sample), PREVIEW_ROWS + 1);
  const body = records.slice(1, PREVIEW_ROWS + 1);
  const width = Math.min(PREVIEW_COLUMNS, Math.max(header.length, ...body.map((r) => r.length)));
  return {
    columns: Array.from({ length: width }, (_, i) => clip(header[i] ?? `column ${i + 1}`)),
    rows: body.map((r) => Array.from({ length: width }, (_, i) => clip(r[i] ?? ''))),
    truncated: more || !sample.complete || records.length > PREVIEW_ROWS + 1,
  };
}

function textTable(sample: FileSample): Table {
  const lines = sample.text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return { columns: ['line'], rows: lines.slice(0, PREVIEW_ROWS).map((l) => [clip(l)]), truncated: lines.length > PREVIEW_ROWS || !sample.complete };
}

const WRAPPERS = ['issues', 'incidents', 'tickets', 'data', 'results', 'values', 'items', 'records', 'pull_requests', 'users', 'deployments', 'statuses'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Records of a parsed JSON value: arrays, pages of arrays, wrapper objects, Airbyte records. */
function recordsOf(value: unknown, out: Record<string, unknown>[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (out.length >= limit) return;
      if (Array.isArray(item)) recordsOf(item, out, limit);
      else if (isRecord(item)) {
        const inner = wrapped(item);
        if (inner) recordsOf(inner, out, limit);
        else out.push(item);
      }
    }
    return;
  }
  if (!isRecord(value)) return;
  const inner = wrapped(value);
  if (inner) recordsOf(inner, out, limit);
  else if (typeof value.stream === 'string' && isRecord(value.data)) out.push(value.data);
  else out.push(value);
}

/** The record list inside a page object ({incidents: [...]} …), when it is one. */
function wrapped(value: Record<string, unknown>): unknown[] | null {
  for (const key of WRAPPERS) {
    const inner = value[key];
    if (Array.isArray(inner) && (inner.length === 0 || isRecord(inner[0]))) return inner;
  }
  return null;
}

/**
 * The complete top-level JSON values of a text (one document, NDJSON, concatenated pages), in
 * order; a value cut off by the end of the sample is left out.
 */
export function topLevelJsonValues(text: string, max: number): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length && values.length < max; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if ((ch === '}' || ch === ']') && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          values.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          return values;
        }
        start = -1;
      }
    }
  }
  return values;
}

function jsonRecords(sample: FileSample): { records: Record<string, unknown>[]; more: boolean } {
  const limit = PREVIEW_ROWS + 1;
  const records: Record<string, unknown>[] = [];
  for (const value of topLevelJsonValues(sample.text, 1000)) {
    recordsOf(value, records, limit);
    if (records.length >= limit) break;
  }
  if (records.length === 0) {
    const first = firstRecordOf(sample);
    if (first) records.push(first);
  }
  return { records, more: records.length > PREVIEW_ROWS || !sample.complete };
}

/** A nested value as one short cell: an actor's login, a named object's name, else compact JSON. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    for (const key of ['login', 'name', 'summary', 'key', 'id']) {
      const v = value[key];
      if (typeof v === 'string' || typeof v === 'number') return clip(String(v));
    }
  }
  return clip(JSON.stringify(value));
}

/** Keys a person recognises a record by come first; API plumbing (URLs, node ids) last. */
const FIRST_KEYS = ['number', 'key', 'id', 'incident_number', 'title', 'summary', 'subject', 'name', 'state', 'status', 'user', 'author', 'user_login', 'login', 'day', 'date', 'created_at', 'createdAt', 'merged_at', 'mergedAt', 'updated_at'];
const PLUMBING = /(^|_)url$|^url$|^node_id$|^_links$|^self$|^expand$|^avatar/i;

/** Jira's REST records keep their fields one level down: show them as `fields.summary` etc. */
function flattened(record: Record<string, unknown>): Record<string, unknown> {
  const fields = record.fields;
  if (!isRecord(fields)) return record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== 'fields') out[k] = v;
  for (const [k, v] of Object.entries(fields)) out[k] = v;
  return out;
}

function jsonTable(sample: FileSample): Table {
  const { records, more } = jsonRecords(sample);
  const shown = records.slice(0, PREVIEW_ROWS).map(flattened);
  const keys: string[] = [];
  for (const record of shown) for (const key of Object.keys(record)) if (!keys.includes(key)) keys.push(key);
  const rank = (k: string) => (FIRST_KEYS.includes(k) ? FIRST_KEYS.indexOf(k) : PLUMBING.test(k) ? 1000 : 100);
  const columns = keys
    .map((k, i) => ({ k, i }))
    .sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i)
    .slice(0, PREVIEW_COLUMNS)
    .map((c) => c.k);
  return { columns, rows: shown.map((r) => columns.map((c) => cellOf(r[c]))), truncated: more };
}

// ── Time zones ──────────────────────────────────────────────────────────────────────────────────

/** Formats whose times always carry a zone (or are UTC by definition). */
const ZONED_FORMATS: ReadonlyArray<{ test: (format: string) => boolean; reason: string }> = [
  { test: (f) => f.startsWith('github-'), reason: 'GitHub writes every time with its zone.' },
  { test: (f) => f.startsWith('copilot-'), reason: 'Copilot reports count whole UTC days.' },
  { test: (f) => f === 'typeform-csv', reason: 'Typeform writes submit times in UTC.' },
  { test: (f) => f === 'org-map-csv', reason: 'The org map has no times.' },
];

const ZONE_AFTER = /^(?::\d{2})?(?:\.\d+)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z\b|[+-]\d{2}(?::?\d{2})?\b|UTC\b|GMT\b)/;
const LOCAL_TIMES: readonly RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}/g, // 2026-02-15 16:37, 2026-02-15T16:37:00
  /\b\d{1,2}\/[^\s/\d,;"]{3,6}\/\d{2,4} \d{1,2}:\d{2}/g, // Jira: 15/Feb/26 4:37 PM, 15/Mär/26 16:37
  /\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4},? \d{1,2}:\d{2}/g, // 02/15/2026 4:37 PM, 15.02.2026 16:37, 2026/02/15 16:37
  /\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4},? \d{1,2}:\d{2}/g, // Mar 5, 2026 2:22 PM
];

/** Times with a time of day but no zone or offset in the text, as written (first few). */
export function zonelessTimes(text: string, max = 3): { count: number; examples: string[] } {
  const examples: string[] = [];
  let count = 0;
  for (const pattern of LOCAL_TIMES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      if (ZONE_AFTER.test(after)) continue;
      count++;
      const written = (m[0] + (/^(?::\d{2})?(?:\.\d+)?(?:\s*[AaPp][Mm])?/.exec(after)?.[0] ?? '')).trim();
      if (examples.length < max && !examples.includes(written)) examples.push(written);
    }
  }
  return { count, examples };
}

function timeZoneNeed(format: string, sample: FileSample): TimeZoneNeed {
  const zoned = ZONED_FORMATS.find((z) => z.test(format));
  if (zoned) return { needed: false, reason: zoned.reason, examples: [] };
  if (format === 'pagerduty-analytics-incidents-json' && sample.topLevelKeys.includes('time_zone')) {
    const stated = /"time_zone"\s*:\s*"([^"]+)"/.exec(sample.text)?.[1];
    return { needed: false, reason: `The export states its zone${stated ? ` (${stated})` : ''}.`, examples: [] };
  }
  const found = zonelessTimes(sample.text);
  if (found.count === 0) return { needed: false, reason: 'Every time in the first part of the file carries its zone or offset.', examples: [] };
  return {
    needed: true,
    reason: 'Times such as these are written without a zone; they are read in the zone you pick and stored in UTC (daylight saving included).',
    examples: found.examples,
  };
}

// ── Column mapping ──────────────────────────────────────────────────────────────────────────────

function mappingNeed(format: string, sample: FileSample): ColumnMappingNeed | null {
  const columns = headerCells(sample.csvHeader);
  if (format === 'generic-tickets-csv') {
    const proposal = proposeTicketMapping(columns);
    return {
      entity: 'ticket',
      fields: TICKET_FIELDS.map((field) => ({ field, required: REQUIRED_TICKET_FIELDS.includes(field) })),
      proposed: { ...proposal.mapping } as Record<string, string>,
      unresolved: [...proposal.unresolved],
      columns,
    };
  }
  if (format === 'nps-csv') {
    const proposal = proposeNpsMapping(columns);
    return {
      entity: 'NPS response',
      fields: NPS_FIELDS.map((field) => ({ field, required: REQUIRED_NPS_FIELDS.includes(field) })),
      proposed: { ...proposal.mapping } as Record<string, string>,
      unresolved: [...proposal.unresolved],
      columns,
    };
  }
  return null;
}
