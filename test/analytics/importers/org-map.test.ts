import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { importers, importFiles } from '../../../analytics/importers';
import type { Workspace } from '../../../analytics/workspace/workspace';
import { workspaceTestbed, type TempDir } from '../helpers/testbed';

const options = { timeZone: 'UTC' };

describe('org map import', () => {
  const bed = workspaceTestbed();
  let ws: Workspace;
  let dir: TempDir;
  beforeEach(() => ({ ws, dir } = bed));

  const write = (name: string, text: string) => {
    writeFileSync(dir.file(name), text);
    return dir.file(name);
  };
  const snapshot = async () => JSON.stringify(await ws.all(`SELECT (SELECT list(o ORDER BY o.type, o.key) FROM org_map o) AS m, (SELECT list(t ORDER BY t.team_id) FROM teams t) AS t, (SELECT count(*) FROM imports) AS i, (SELECT count(*) FROM import_rejects) AS r`));

  it('loads mappings and teams, rejecting bad rows with their spreadsheet line, field and reason', async () => {
    const path = write('org.csv', '\ufefftype,key,team,seniority\r\nperson,ana,Payments,senior\r\nrepo,acme/pay,Payments,\r\nrobot,x,Payments,\r\nperson,,Payments,mid\r\nperson,bo,"Web, Mobile",wizard\r\nservice,Checkout API,Web Mobile,\r\n');
    const [report] = await importFiles(ws, importers, [path], options);
    expect(report!.error).toBeUndefined();
    expect(report!.format).toBe('org-map-csv');
    expect(report!.rejects).toEqual([
      { line: 4, field: 'type', reason: expect.stringMatching(/type must be one of/) },
      { line: 5, field: 'key', reason: 'key is empty' },
      { line: 6, field: 'seniority', reason: expect.stringMatching(/seniority/) },
    ]);
    expect(report!.rejected).toBe(3);
    expect(await ws.all('SELECT type, key, team_id, seniority FROM org_map ORDER BY type, key')).toEqual([
      { type: 'person', key: 'ana', team_id: 'payments', seniority: 'senior' },
      { type: 'repo', key: 'acme/pay', team_id: 'payments', seniority: null },
      { type: 'service', key: 'Checkout API', team_id: 'web-mobile', seniority: null },
    ]);
    expect(await ws.all('SELECT team_id, name FROM teams ORDER BY team_id')).toEqual([
      { team_id: 'payments', name: 'Payments' },
      { team_id: 'web-mobile', name: 'Web Mobile' },
    ]);
    const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects WHERE line = 4');
    expect(JSON.parse(raw!.raw)).toMatchObject({ type: 'robot', key: 'x' });
  });

  it('reads a file with a column of its own named line; a rejected row keeps every cell, that one included', async () => {
    const path = write('org.csv', 'line,type,key,team,notes\n7,person,ana,Payments,lead\n8,robot,x,Payments,from HR\n');
    const [report] = await importFiles(ws, importers, [path], options);
    expect(report!.error).toBeUndefined();
    expect(report!.rejects).toEqual([{ line: 3, field: 'type', reason: expect.stringMatching(/type must be one of/) }]);
    expect(await ws.all('SELECT type, key, team_id FROM org_map')).toEqual([{ type: 'person', key: 'ana', team_id: 'payments' }]);
    const [raw] = await ws.all<{ raw: string }>('SELECT raw FROM import_rejects');
    expect(JSON.parse(raw!.raw)).toEqual({ line: '8', type: 'robot', key: 'x', team: 'Payments', notes: 'from HR' });
  });

  it('re-importing the same file changes nothing', async () => {
    const path = write('org.csv', 'type,key,team,seniority\nperson,ana,Payments,senior\n');
    await importFiles(ws, importers, [path], options);
    const before = await snapshot();
    const [again] = await importFiles(ws, importers, [path], options);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await snapshot()).toBe(before);
  });

  it('a newer map moves a person to another team; duplicate keys in one file merge to the last', async () => {
    await importFiles(ws, importers, [write('a.csv', 'type,key,team,seniority\nperson,ana,Payments,senior\n')], options);
    const [report] = await importFiles(ws, importers, [write('b.csv', 'type,key,team,seniority\nperson,ana,Web,mid\nperson,ana,Search,staff\n')], options);
    expect(report).toMatchObject({ duplicates: 1 });
    expect(await ws.all("SELECT team_id, seniority FROM org_map WHERE key = 'ana'")).toEqual([{ team_id: 'search', seniority: 'staff' }]);
  });

  it('files that fail as a whole leave the workspace as it was and do not stop the batch', async () => {
    await importFiles(ws, importers, [write('a.csv', 'type,key,team\nperson,ana,Payments\n')], options);
    const before = await snapshot();
    const empty = write('empty.csv', '');
    const unknown = write('notes.csv', 'date,amount\n2026-01-01,4\n');
    const utf16 = dir.file('utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('type,key,team\n', 'utf16le')]));
    const good = write('good.csv', 'type,key,team\nperson,bo,Web\n');
    const reports = await importFiles(ws, importers, [empty, unknown, utf16, good], options);
    expect(reports[0]!.error).toMatch(/empty\.csv is empty/);
    expect(reports[1]!.error).toMatch(/notes\.csv matches no known export format/);
    expect(reports[2]!.error).toMatch(/UTF-16/);
    expect(reports[3]).toMatchObject({ inserted: 1 });
    expect(await ws.all("SELECT key FROM org_map ORDER BY key")).toEqual([{ key: 'ana' }, { key: 'bo' }]);
    expect(before).not.toBe(await snapshot());
  });
});
