/**
 * Browser mode's file upload: a page cannot hand the host a path, so the import wizard streams each
 * dropped or picked file to `POST /api/upload?name=<file name>` (raw bytes, the per-launch token in
 * its header, like every API request) and imports the path the host answers. Files land in a
 * directory of this launch under the state dir (`<stateDir>/uploads/<launch>/<random>/<name>`),
 * are never read into memory, are capped in size, and their names are reduced to a safe base name
 * (no directories, no traversal, no device names); the directory goes when the host stops.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { UploadedFile } from '../../shared/data';
import { UndertowError } from '../errors';

/** 2 GiB: well above the org-scale exports of product.md §9, well below a full disk by accident. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
const MAX_NAME_CHARS = 120;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
/** Upload directories of earlier launches (a crash leaves them behind) are removed after a day. */
const STALE_MS = 24 * 3600 * 1000;

/**
 * The last path segment of a name a browser sent, reduced to letters, digits, spaces and `._-()+,`:
 * no separators, no leading dots (so never `.` or `..`), no control characters, no Windows device
 * names, at most 120 characters with the extension kept.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()+,-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_CHARS - ext.length) + ext;
  }
  return name === '' || /^_+$/.test(name) ? 'upload' : name;
}

/** This launch's upload directory under the state dir; removes those of launches older than a day. */
export async function prepareUploadRoot(stateDir: string, now = Date.now()): Promise<string> {
  const parent = join(stateDir, 'uploads');
  await mkdir(parent, { recursive: true });
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const path = join(parent, entry);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
  const root = join(parent, `${new Date(now).toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`);
  await mkdir(root, { recursive: true });
  return root;
}

export async function removeUploadRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

export class UploadTooLarge extends UndertowError {
  constructor(maxBytes: number) {
    super('invalid_request', `The file is larger than the ${formatBytes(maxBytes)} browser mode accepts; import it with \`npm run cli -- import\` or the desktop app instead.`);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${Math.round((n / 1024 ** 3) * 10) / 10} GiB` : n >= 1024 ** 2 ? `${Math.round(n / 1024 ** 2)} MiB` : `${n} bytes`;
}

/**
 * Stream the request body into `<root>/<random>/<sanitised name>` (a directory of its own, so two
 * files of the same name never collide and the import history keeps the file's own name). Throws
 * UploadTooLarge (and keeps nothing) past `maxBytes`.
 */
export async function receiveUpload(req: IncomingMessage, root: string, rawName: string, maxBytes: number): Promise<UploadedFile> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadTooLarge(maxBytes);
  const name = sanitizeFileName(rawName);
  const dir = join(root, randomBytes(8).toString('hex'));
  const path = join(dir, name);
  // Belt and braces: the sanitised name cannot leave the directory.
  if (!resolve(path).startsWith(resolve(root) + sep)) throw new UndertowError('invalid_request', 'Refused: the file name is not allowed.');
  await mkdir(dir);
  let size = 0;
  let tooLarge = false;
  // Past the limit the rest is read and dropped (not written): destroying the request would reset
  // the connection, and the page would see a network error instead of the answer saying why.
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      callback(null, tooLarge ? undefined : chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(path, { flags: 'wx' }));
  } catch (err) {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw new UndertowError('invalid_request', `The upload of ${name} did not complete: ${err instanceof Error ? err.message : String(err)}.`);
  }
  if (tooLarge) {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw new UploadTooLarge(maxBytes);
  }
  return { path, name, size };
}
