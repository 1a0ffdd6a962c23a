import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UndertowError } from '../errors';
import type { FileSample } from './types';

const SAMPLE_BYTES = 256 * 1024;

/**
 * Read the start of a file for format detection, refusing what no importer can read: empty files
 * and text that is not UTF-8 (a UTF-16 export, or a legacy code page), with a message that says so.
 */
export async function sampleFile(path: string): Promise<FileSample> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new UndertowError('not_found', `${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}.`, { file: path });
  });
  if (!info.isFile()) throw new UndertowError('invalid_request', `${path} is not a file.`, { file: path });
  if (info.size === 0) throw new UndertowError('invalid_request', `${path} is empty: expected an export file with data.`, { file: path });

  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const complete = bytes.length >= info.size;
  const text = decodeUtf8(path, bytes, complete);
  const trimmed = text.trimStart();
  const shape = trimmed.startsWith('{') || trimmed.startsWith('[') ? 'json' : looksDelimited(trimmed) ? 'csv' : 'text';
  return {
    path,
    name: basename(path),
    size: info.size,
    text,
    complete,
    shape,
    csvHeader: shape === 'csv' ? parseCsvHeader(trimmed) : [],
    firstRecord: shape === 'json' ? firstJsonRecord(trimmed) : null,
    topLevelKeys: shape === 'json' ? topLevelKeys(trimmed) : [],
  };
}

function decodeUtf8(path: string, bytes: Buffer, complete: boolean): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UndertowError('invalid_request', `${path} is UTF-16 text; re-export it as UTF-8 (CSV UTF-8 in Excel).`, { file: path });
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // A sample may end inside a multi-byte character: drop up to 3 trailing bytes of an incomplete one.
  let end = bytes.length;
  if (!complete) {
    let back = 0;
    while (back < 3 && end - back - 1 > start && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= start && bytes[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end));
  } catch {
    throw new UndertowError('invalid_request', `${path} is not UTF-8 text (it may be Windows-1252 or Latin-1); re-export it as UTF-8.`, { file: path });
  }
}

function looksDelimited(text: string): boolean {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(',') || firstLine.includes(';') || firstLine.includes('\t');
}

/** The first CSV line's cells (RFC 4180 quoting), enough to recognise an export by its headers. */
export function parseCsvHeader(text: string): string[] {
  return firstCsvRecords(text, 1)[0] ?? [''];
}

/**
 * The first `count` records of CSV text (RFC 4180: quoted cells may hold commas, quotes and line
 * breaks), for detection of multi-row headers from a sample. Stops after `count` records.
 */
export function firstCsvRecords(text: string, count: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < count; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell.trim());
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (records.length < count && (cell !== '' || record.length > 0)) records.push([...record, cell.trim()]);
  return records;
}

/** The first complete record of a JSON sample: array element, NDJSON line, wrapper element or page. */
export function firstJsonRecord(text: string): Record<string, unknown> | null {
  const first = firstJsonValue(text);
  if (first === undefined) return null;
  const record = Array.isArray(first) ? first[0] : first;
  if (!isRecord(record)) return null;
  for (const wrapper of ['issues', 'incidents', 'tickets', 'data', 'results', 'values']) {
    const inner = record[wrapper];
    if (Array.isArray(inner) && isRecord(inner[0])) return inner[0];
  }
  return record;
}

/**
 * The first record of a JSON sample, also for `gh api --paginate --slurp` output (an array of
 * pages), search results (`{total_count, items: […]}`) and Airbyte records (`{stream, data: {…}}`),
 * which `firstRecord` does not unwrap.
 */
export function firstRecordOf(sample: FileSample): Record<string, unknown> | null {
  if (sample.shape !== 'json') return null;
  const record = sample.firstRecord ?? firstOfSlurp(sample.text);
  if (!record) return null;
  const items = record.items;
  if (Array.isArray(items) && isRecord(items[0])) return items[0];
  if (typeof record.stream === 'string' && isRecord(record.data)) return record.data;
  return record;
}

function firstOfSlurp(text: string): Record<string, unknown> | null {
  const match = /^\s*\[\s*\[\s*\{/.exec(text);
  if (!match) return null;
  const start = match[0].length - 1;
  const end = balancedEnd(text, start);
  if (end < 0) return null;
  const value = tryParse(text.slice(start, end));
  return isRecord(value) ? value : null;
}

function topLevelKeys(text: string): string[] {
  const start = text.search(/[[{]/);
  if (start < 0 || text[start] !== '{') return [];
  const end = balancedEnd(text, start);
  const whole = end > 0 ? tryParse(text.slice(start, end)) : undefined;
  // A complete object gives its keys; one cut off by the sample, the keys seen so far.
  return isRecord(whole) ? Object.keys(whole) : keysAtDepthOne(text, start);
}

/**
 * Parse the first JSON value of the sample. A large document may be cut by the sample: then the
 * first element of its first array ([{…}, …] or {"incidents": [{…}, …]}) is parsed on its own.
 */
function firstJsonValue(text: string): unknown {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const end = balancedEnd(text, start);
  if (end > 0) return tryParse(text.slice(start, end));
  const arrayAt = text[start] === '[' ? start : firstArrayOfObjects(text, start);
  if (arrayAt < 0) return undefined;
  const elementStart = arrayAt + 1 + text.slice(arrayAt + 1).search(/\S/);
  const elementEnd = balancedEnd(text, elementStart);
  if (elementEnd < 0) return undefined;
  const element = tryParse(text.slice(elementStart, elementEnd));
  if (text[start] === '[') return [element];
  const key = keysAtDepthOne(text.slice(0, arrayAt), start).pop();
  return key ? { [key]: [element] } : undefined;
}

/** Position of the first `[` opening an array of objects inside the object at `start`. */
function firstArrayOfObjects(text: string, start: number): number {
  const match = /\[\s*\{/.exec(text.slice(start));
  return match ? start + match.index : -1;
}

/** Keys of the object opened at `start`, as far as the text goes. */
function keysAtDepthOne(text: string, start: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && /^\s*:/.test(text.slice(j + 1, j + 8))) keys.push(text.slice(i + 1, j));
      i = j;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return keys;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
