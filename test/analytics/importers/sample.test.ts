import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFile } from '../../../analytics/importers/sample';
import { tempDir } from '../helpers/temp';

describe('sampleFile', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('finds the first record of a wrapper page cut off by the sample', async () => {
    const incidents = Array.from({ length: 4000 }, (_, i) => ({ id: `P${i}`, title: 'x'.repeat(100), service: { id: 'S1' } }));
    const path = dir.file('pd.json');
    writeFileSync(path, JSON.stringify({ limit: 100, incidents, more: false }));
    const sample = await sampleFile(path);
    expect(sample.complete).toBe(false);
    expect(sample.shape).toBe('json');
    expect(sample.firstRecord).toMatchObject({ id: 'P0', service: { id: 'S1' } });
    expect(sample.topLevelKeys).toEqual(['limit', 'incidents']);
  });

  it('reads arrays, NDJSON and CSV headers with a BOM', async () => {
    writeFileSync(dir.file('a.json'), JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ number: i, title: 'y'.repeat(80) }))));
    expect((await sampleFile(dir.file('a.json'))).firstRecord).toEqual({ number: 0, title: 'y'.repeat(80) });
    writeFileSync(dir.file('b.ndjson'), '{"user_login":"ana","day":"2026-01-01"}\n{"user_login":"bo"}\n');
    expect((await sampleFile(dir.file('b.ndjson'))).firstRecord).toEqual({ user_login: 'ana', day: '2026-01-01' });
    writeFileSync(dir.file('c.csv'), '\ufeffSummary,"Issue key",Labels,Labels\r\nx,PAY-1,a,b\r\n');
    expect((await sampleFile(dir.file('c.csv'))).csvHeader).toEqual(['Summary', 'Issue key', 'Labels', 'Labels']);
  });

  it('refuses non-UTF-8 text with a message naming the file', async () => {
    writeFileSync(dir.file('latin1.csv'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]));
    await expect(sampleFile(dir.file('latin1.csv'))).rejects.toThrow(/latin1\.csv is not UTF-8/);
  });
});

describe('stageJsonRecords', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it.each([
    ['concatenated wrapper pages', '{"incidents":[{"id":"P1"},{"id":"P2"}],"more":true}\n{"incidents":[{"id":"P3"}],"more":false}'],
    ['one array', '[{"id":"P1"},{"id":"P2"},{"id":"P3"}]'],
    ['concatenated arrays', '[{"id":"P1"},{"id":"P2"}][{"id":"P3"}]'],
    ['NDJSON', '{"id":"P1"}\n{"id":"P2"}\n{"id":"P3"}\n'],
    ['Airbyte records', '{"stream":"incidents","data":{"id":"P1"}}\n{"stream":"incidents","data":{"id":"P2"}}\n{"stream":"incidents","data":{"id":"P3"}}'],
    ['analytics data pages', '{"data":[{"id":"P1"},{"id":"P2"},{"id":"P3"}],"more":false}'],
  ])('%s become records numbered in file order', async (_, text) => {
    const { Workspace } = await import('../../../analytics/workspace/workspace');
    const { stageJsonRecords } = await import('../../../analytics/importers/stage-json');
    writeFileSync(dir.file('f.json'), text);
    const ws = await Workspace.create(dir.file('w.duckdb'));
    const rows = await ws.stagedTransaction(async (tx) => {
      let n = 0;
      const ctx = { tx, rejects: '__t_rejects', path: dir.file('f.json'), importId: 1, options: { timeZone: 'UTC' }, progress: () => undefined, temp: (x: string) => `__t_${x}_${++n}` };
      const table = await stageJsonRecords(ctx, 'recs');
      return tx.all(`SELECT line, record->>'$.id' AS id FROM ${table} ORDER BY line`);
    });
    expect(rows).toEqual([{ line: 1, id: 'P1' }, { line: 2, id: 'P2' }, { line: 3, id: 'P3' }]);
    await ws.close();
  });
});
