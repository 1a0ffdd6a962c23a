import { describe, expect, it, vi } from 'vitest';
import { csvCell, toCsv } from '../../shared/csv';
import { TOKEN_HEADER } from '../../shared/channels';
import { desktopFiles, uploadFiles } from '../../renderer/src/api/files';
import { formatBytes, formatCountdown, zoneLabel } from '../../renderer/src/lib/data-format';
import { importReportCsv } from '../../renderer/src/lib/import-report';
import type { ImportFileReport } from '../../shared/domain';

describe('CSV for spreadsheets', () => {
  it('neutralises formulas and quotes what needs it, leaving numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(toCsv([['a', 1], [true, undefined]])).toBe('a,1\r\ntrue,\r\n');
  });

  it('writes the import report: a summary row per file, then its rejects', () => {
    const file: ImportFileReport = {
      path: '/up/x/jira.csv',
      format: 'jira-csv',
      formatLabel: 'Jira issues CSV',
      inserted: 5,
      updated: 1,
      unchanged: 0,
      duplicates: 2,
      rejected: 2,
      rejects: [{ line: 4, field: 'Issue key', reason: 'issue key is empty' }],
      tables: [],
    };
    const failed: ImportFileReport = { ...file, path: '/up/y/bad.json', inserted: 0, updated: 0, duplicates: 0, rejected: 0, rejects: [], error: '/up/y/bad.json is empty' };
    const csv = importReportCsv([file, failed], { '/up/x/jira.csv': 'Jira export.csv' }, { '/up/x/jira.csv': [{ line: 4, field: 'Issue key', reason: 'issue key is empty', raw: '=cmd' }, { line: 9, field: 'Created', reason: 'not a date', raw: null }] });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,format,result,added,updated,unchanged,duplicates_merged,rejected,line,field,reason,raw');
    expect(lines[1]).toBe('Jira export.csv,Jira issues CSV,imported,5,1,0,2,2,,,,');
    expect(lines[2]).toBe("Jira export.csv,Jira issues CSV,rejected row,,,,,,4,Issue key,issue key is empty,'=cmd");
    expect(lines[3]).toContain(',9,Created,not a date,');
    expect(lines[4]).toBe('bad.json,Jira issues CSV,failed: /up/y/bad.json is empty,0,0,0,0,0,,,,');
  });
});

describe('file transports', () => {
  it('browser mode uploads the bytes with the token and answers the host’s path', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ ok: true, value: { path: '/state/uploads/a/x.csv', name: 'x.csv', size: 3 } })));
    const transport = uploadFiles({ token: 'tok', fetch: fetch as unknown as typeof globalThis.fetch });
    const result = await transport.resolve(new File(['abc'], 'x y.csv'));
    expect(result).toEqual({ ok: true, value: { path: '/state/uploads/a/x.csv', name: 'x.csv', size: 3 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/upload?name=x%20y.csv');
    expect(init).toMatchObject({ method: 'POST', headers: { [TOKEN_HEADER]: 'tok', 'content-type': 'application/octet-stream' } });
  });

  it('reports a refused upload and a rejected token', async () => {
    const onUnauthorized = vi.fn();
    const tooBig = uploadFiles({ token: 't', fetch: (async () => new Response(JSON.stringify({ ok: false, error: { code: 'invalid_request', message: 'larger than 2 GiB' } }), { status: 413 })) as unknown as typeof fetch });
    expect(await tooBig.resolve(new File(['x'], 'a.csv'))).toEqual({ ok: false, error: { code: 'invalid_request', message: 'larger than 2 GiB' } });
    const stale = uploadFiles({ token: 't', onUnauthorized, fetch: (async () => new Response(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'wrong token' } }), { status: 401 })) as unknown as typeof fetch });
    expect((await stale.resolve(new File(['x'], 'a.csv'))).ok).toBe(false);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    const down = uploadFiles({ token: 't', fetch: (async () => Promise.reject(new TypeError('failed'))) as unknown as typeof fetch });
    expect(await down.resolve(new File(['x'], 'a.csv'))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/npm run serve/) } });
  });

  it('the desktop reads the file where it is, and explains a file without a path', async () => {
    const transport = desktopFiles({ pathForFile: (f) => (f.name === 'mem.csv' ? '' : `/home/me/${f.name}`) });
    expect(await transport.resolve(new File(['x'], 'a.csv'))).toEqual({ ok: true, value: { path: '/home/me/a.csv', name: 'a.csv', size: 1 } });
    expect(await transport.resolve(new File(['x'], 'mem.csv'))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no location on disk/) } });
  });
});

describe('formatting', () => {
  it('sizes, countdowns and zones', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(formatCountdown('2026-01-01T00:01:05Z', now)).toBe('1:05');
    expect(formatCountdown('2026-01-01T01:00:09Z', now)).toBe('1:00:09');
    expect(formatCountdown('2025-12-31T00:00:00Z', now)).toBe('0:00');
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel('Asia/Kolkata', new Date(now))).toBe('Asia/Kolkata (UTC+05:30)');
  });
});
