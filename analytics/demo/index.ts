/**
 * The embedded demo workspace: a deterministic synthetic org (generate/), its real-format export
 * files (exports/), and the workspace built from it. See docs/demo-data.md.
 *
 * The workspace is built by importing the org's export files (load.ts), which stay beside it in
 * `<name>-exports/` (demoExportDir): the import history points at real files a user can open or
 * import into a workspace of their own.
 *
 * Safety: the demo never overwrites a workspace that is not a demo, and it is built next to the
 * target (`<path>.building`) and renamed over it only when complete, so a crash mid-build never
 * leaves a half-built demo behind.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UndertowError } from '../errors';
import { Workspace, type WorkspaceOptions } from '../workspace/workspace';
import { generateDemoOrg } from './generate';
import { loadDemoOrg, type TableCounts } from './load';
import { DEMO_SEED, DEMO_VERSION } from './truth';

export { DEMO_SEED, DEMO_TRUTH, DEMO_VERSION, type DemoTruth } from './truth';
export { generateDemoOrg } from './generate';
export { writeDemoExports, type DemoExportFile } from './exports';
export type { DemoOrg, DemoTeamMonthTruth } from './model';
export { DEMO_JIRA_TIME_ZONE, type TableCounts } from './load';

/** Where the demo's export files are written: `/x/demo.duckdb` → `/x/demo-exports/`. */
export function demoExportDir(workspacePath: string): string {
  return join(dirname(workspacePath), `${basename(workspacePath, extname(workspacePath))}-exports`);
}

export interface DemoBuildOptions {
  workspaceOptions?: WorkspaceOptions | undefined;
  onProgress?: (fraction: number, label: string) => void;
  /** Defaults to DEMO_SEED, the seed of the embedded demo. */
  seed?: number | undefined;
}

export interface DemoBuildResult {
  path: string;
  /** False when an up-to-date demo was already there. */
  built: boolean;
  version: number;
  seed: number;
  /** Row counts per canonical table (null when nothing was built). */
  counts: TableCounts | null;
  millis: number;
}

interface ExistingWorkspace {
  kind: string;
  version: string | null;
  seed: string | null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Kind and demo metadata of an existing file; workspace_invalid etc. propagate from Workspace.open. */
async function inspect(path: string, options: WorkspaceOptions | undefined): Promise<ExistingWorkspace | null> {
  if (!(await exists(path))) return null;
  const ws = await Workspace.open(path, options);
  try {
    return { kind: ws.kind, version: await ws.meta('demo_version'), seed: await ws.meta('demo_seed') };
  } finally {
    await ws.close();
  }
}

function refuseNonDemo(path: string): never {
  throw new UndertowError(
    'conflict',
    `${path} is a workspace with your own data, not the demo workspace. Undertow will not overwrite it with demo data; choose another file for the demo.`,
    { path },
  );
}

async function removeBuildFiles(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}

async function build(path: string, seed: number, options: DemoBuildOptions): Promise<DemoBuildResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const building = `${path}.building`;
  // First launch: the app's state directory may not exist yet.
  await mkdir(dirname(path), { recursive: true });
  await removeBuildFiles(building);
  const ws = await Workspace.create(building, { ...options.workspaceOptions, kind: 'demo' });
  let counts: TableCounts;
  try {
    const org = generateDemoOrg(seed, (fraction, label) => progress(0.6 * fraction, label));
    counts = await loadDemoOrg(ws, org, demoExportDir(path), progress);
    progress(0.97, 'Saving the demo workspace');
    await ws.close();
  } catch (err) {
    await ws.close().catch(() => undefined);
    await removeBuildFiles(building);
    throw err;
  }
  // A stale WAL next to the old file would be replayed into the new one: remove it first.
  await rm(`${path}.wal`, { force: true });
  await rename(building, path);
  if (await exists(`${building}.wal`)) await rename(`${building}.wal`, `${path}.wal`);
  progress(1, 'Demo workspace ready');
  return { path, built: true, version: DEMO_VERSION, seed, counts, millis: Math.round(performance.now() - started) };
}

/**
 * Make sure `path` holds the current demo: no-op when it already does; (re)builds when the file is
 * missing or holds an older demo; refuses (`conflict`) when the file is a user workspace. Files that
 * are not workspaces at all fail with Workspace.open's `workspace_invalid`.
 */
export async function ensureDemoWorkspace(path: string, options: DemoBuildOptions = {}): Promise<DemoBuildResult> {
  const seed = options.seed ?? DEMO_SEED;
  const existing = await inspect(path, options.workspaceOptions);
  if (existing) {
    if (existing.kind !== 'demo') refuseNonDemo(path);
    if (existing.version === String(DEMO_VERSION) && existing.seed === String(seed)) {
      options.onProgress?.(1, 'Demo workspace up to date');
      return { path, built: false, version: DEMO_VERSION, seed, counts: null, millis: 0 };
    }
  }
  return build(path, seed, options);
}

/** Always (re)build the demo at `path` (the CLI's `demo` command); same refusal rules as ensureDemoWorkspace. */
export async function buildDemoWorkspace(path: string, options: DemoBuildOptions = {}): Promise<DemoBuildResult> {
  const existing = await inspect(path, options.workspaceOptions);
  if (existing && existing.kind !== 'demo') refuseNonDemo(path);
  return build(path, options.seed ?? DEMO_SEED, options);
}
