/** An export never leaves a half-written file: a failure leaves no file (and an existing one untouched). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomically, writeFileAtomic } from '../../../analytics/export/atomic';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('undertow-atomic-');
});
afterEach(() => dir.cleanup());

describe('atomic export writes', () => {
  it('writes the whole file and leaves no temporary file behind', async () => {
    const target = dir.file('board.pptx');
    await writeFileAtomic(target, Buffer.from('complete deck'));
    expect(readFileSync(target, 'utf8')).toBe('complete deck');
    expect(readdirSync(dir.path)).toEqual(['board.pptx']);
  });

  it('a failure half way leaves no file at all', async () => {
    const target = dir.file('board.pptx');
    await expect(
      writeAtomically(target, async (temp) => {
        writeFileSync(temp, 'half a de');
        throw new Error('renderer crashed');
      }),
    ).rejects.toThrow('renderer crashed');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('a failure leaves an existing file exactly as it was', async () => {
    const target = dir.file('board.pptx');
    writeFileSync(target, 'last quarter');
    await expect(
      writeAtomically(target, async (temp) => {
        writeFileSync(temp, 'new but broken');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(target, 'utf8')).toBe('last quarter');
    expect(readdirSync(dir.path)).toEqual(['board.pptx']);
  });

  it('refuses a missing folder or a folder as the target, before writing anything', async () => {
    await expect(writeFileAtomic(dir.file('missing/board.pptx'), Buffer.from('x'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(writeFileAtomic(dir.path, Buffer.from('x'))).rejects.toMatchObject({ code: 'conflict' });
    expect(readdirSync(dir.path)).toEqual([]);
  });
});
