/**
 * An export never leaves a half-written file: content goes to a temporary file in the same directory
 * (same file system, so the rename is atomic), which is renamed over the target only when complete.
 * On any failure the temporary file is removed and the target is left as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UndertowError } from '../errors';

/** A hidden sibling of `target` that no other export picks. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

/** Refuses a directory as the target and a missing parent directory, with messages a person can act on. */
export async function checkTarget(target: string): Promise<void> {
  const parent = dirname(target);
  const parentInfo = await stat(parent).catch(() => null);
  if (!parentInfo?.isDirectory()) throw new UndertowError('not_found', `Cannot write ${target}: the folder ${parent} does not exist.`, { path: target });
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) throw new UndertowError('conflict', `Cannot write ${target}: it is a folder. Give a file name.`, { path: target });
}

/**
 * Let `produce` write the file at the temporary path it is given, then move it into place. Used for
 * files written by others (DuckDB COPY) as well as our own bytes.
 */
export async function writeAtomically(target: string, produce: (tempPath: string) => Promise<void>): Promise<void> {
  await checkTarget(target);
  const temp = tempPathFor(target);
  try {
    await produce(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true, recursive: true }).catch(() => undefined);
    throw err;
  }
}

/** Write bytes (flushed to disk) atomically. */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  await writeAtomically(target, async (temp) => {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}
