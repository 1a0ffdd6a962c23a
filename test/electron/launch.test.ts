import { describe, expect, it } from 'vitest';
import { withWorkspaceExtension, workspaceFromLaunch } from '../../electron/main/launch';

const cwd = '/home/ana/reports';

describe('workspaceFromLaunch', () => {
  it('reads --workspace <file> and --workspace=<file>, resolved against the launch directory', () => {
    expect(workspaceFromLaunch(['/opt/Undertow/undertow', '--workspace', 'acme.duckdb'], {}, cwd)).toBe('/home/ana/reports/acme.duckdb');
    expect(workspaceFromLaunch(['electron', '.', '--workspace=/data/acme.duckdb'], {}, cwd)).toBe('/data/acme.duckdb');
  });

  it('falls back to UNDERTOW_WORKSPACE, and the argument wins over it', () => {
    expect(workspaceFromLaunch(['undertow'], { UNDERTOW_WORKSPACE: '/data/env.duckdb' }, cwd)).toBe('/data/env.duckdb');
    expect(workspaceFromLaunch(['undertow', '--workspace', '/data/arg.duckdb'], { UNDERTOW_WORKSPACE: '/data/env.duckdb' }, cwd)).toBe('/data/arg.duckdb');
  });

  it('is null without a workspace, or when the flag has no value', () => {
    expect(workspaceFromLaunch(['undertow'], {}, cwd)).toBeNull();
    expect(workspaceFromLaunch(['undertow', '--workspace'], {}, cwd)).toBeNull();
    expect(workspaceFromLaunch(['undertow', '--workspace', '--inspect'], {}, cwd)).toBeNull();
    expect(workspaceFromLaunch(['undertow', '--workspace='], { UNDERTOW_WORKSPACE: '  ' }, cwd)).toBeNull();
  });
});

describe('withWorkspaceExtension', () => {
  it('adds .duckdb only when missing', () => {
    expect(withWorkspaceExtension('/data/acme')).toBe('/data/acme.duckdb');
    expect(withWorkspaceExtension('/data/acme.duckdb')).toBe('/data/acme.duckdb');
    expect(withWorkspaceExtension('/data/acme.DUCKDB')).toBe('/data/acme.DUCKDB');
    expect(withWorkspaceExtension('/data/acme.db')).toBe('/data/acme.db.duckdb');
  });
});
