import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMonthPanel } from '../../../analytics/metrics/panel';
import { writeLinkSettings } from '../../../analytics/linking/settings';
import { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';
import { handBuiltOrg } from './fixture';

/** Shares come back rounded to 1e-12 (bit-for-bit reproducible across reads). */
const r12 = (x: number) => Math.round(x * 1e12) / 1e12;
const zero = { mergedPrs: 0, addedLines: 0, aiShare: 0, incidents: 0, bugs: 0, reverts: 0, changeFailures: 0, deployments: 0, tickets: 0 };

describe('teamMonthPanel', () => {
  let dir: ReturnType<typeof tempDir>;
  let ws: Workspace;
  beforeAll(async () => {
    dir = tempDir();
    ws = await handBuiltOrg(dir.file('hand.duckdb'));
  });
  afterAll(async () => {
    await ws.close();
    dir.cleanup();
  });

  it('has one row per team × month of the data, with the hand-counted numbers', async () => {
    const rows = await teamMonthPanel(ws);
    expect(rows).toEqual([
      { team: 'ops', month: '2026-01', ...zero },
      { team: 'ops', month: '2026-02', ...zero },
      // #1 is bo's (web) but merged into pay's repo; D2 (incident), D3 (revert), D4 (hotfix) failed.
      { team: 'pay', month: '2026-01', mergedPrs: 5, addedLines: 610, aiShare: r12(200 / 610), incidents: 2, bugs: 1, reverts: 1, changeFailures: 3, deployments: 5, tickets: 2 },
      // I5 names the service in lower case.
      { team: 'pay', month: '2026-02', ...zero, incidents: 1 },
      // PAY-2 is web's through its component; T3 is tagged with the team id.
      { team: 'web', month: '2026-01', ...zero, mergedPrs: 1, addedLines: 50, incidents: 1, bugs: 1, changeFailures: 1, deployments: 1, tickets: 1 },
      { team: 'web', month: '2026-02', ...zero, mergedPrs: 1, addedLines: 40, bugs: 1, deployments: 1 },
    ]);
  });

  it('limits counts to the range and still lists every team × month in it', async () => {
    const rows = await teamMonthPanel(ws, { from: '2026-01-10', to: '2026-01-31' });
    expect(rows.map((r) => `${r.team} ${r.month}`)).toEqual(['ops 2026-01', 'pay 2026-01', 'web 2026-01']);
    // Only #3, #4 and #5 were merged on or after the 10th; of the deployments D3–D5.
    expect(rows[1]).toMatchObject({ mergedPrs: 3, addedLines: 210, aiShare: r12(100 / 210), incidents: 1, deployments: 3, changeFailures: 2, tickets: 1 });
    expect(rows[2]).toMatchObject({ mergedPrs: 0, incidents: 0, bugs: 1, deployments: 0 });
  });

  it('uses the configured incident window for hotfixes and reverts', async () => {
    // 12 h: the revert (18 h after D3) and the hotfix (45 h after D4) no longer count; the linked incident does.
    await ws.transaction((tx) => writeLinkSettings(tx, { incidentWindowHours: 12 }));
    try {
      const [pay] = (await teamMonthPanel(ws)).filter((r) => r.team === 'pay');
      expect(pay).toMatchObject({ month: '2026-01', changeFailures: 1, deployments: 5 });
    } finally {
      await ws.run("DELETE FROM settings WHERE key = 'linking.incidentWindowHours'");
    }
  });

  it('is empty for an empty workspace', async () => {
    const empty = await Workspace.create(dir.file('empty.duckdb'));
    try {
      expect(await teamMonthPanel(empty)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
