import { join } from 'node:path';
import type { Events, EventName } from '../../shared/contract';
import type { AppState, ShellMode, WorkspaceSummary } from '../../shared/domain';
import { ensureDemoWorkspace } from '../demo';
import { UndertowError } from '../errors';
import type { ExportShell } from '../export/renderer';
import type { GitHubEnv } from '../github/token';
import { dataRange } from '../workspace/info';
import { Workspace, type WorkspaceOptions } from '../workspace/workspace';
import { RecentList } from './recent';

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface SessionEnv {
  mode: ShellMode;
  version: string;
  /** Where the app keeps its own state: recent list and the demo workspace. */
  stateDir: string;
  /** Demo workspace location; defaults to <stateDir>/demo.duckdb. */
  demoPath?: string;
  emit: Emit;
  /** Desktop only: the native file dialog. */
  pickWorkspace?: (purpose: 'open' | 'create') => Promise<string | null>;
  workspaceOptions?: WorkspaceOptions;
  /** Live GitHub sync: the shell's token store (default: in memory for this session). */
  github?: GitHubEnv;
  /** Exports: the shell's chart renderer (headless Chromium, or a hidden desktop window) and desktop extras. */
  exports?: ExportShell;
}

/** The application's state: at most one open workspace per window, plus the recent list. */
export class Session {
  private current: Workspace | null = null;
  private summary: WorkspaceSummary | null = null;
  readonly recent: RecentList;
  readonly demoPath: string;
  private jobCounter = 0;
  /** Single flight: the UI and the host may both ask for the demo while it is being built. */
  private demoOpening: Promise<WorkspaceSummary> | null = null;

  constructor(readonly env: SessionEnv) {
    this.recent = new RecentList(env.stateDir);
    this.demoPath = env.demoPath ?? join(env.stateDir, 'demo.duckdb');
  }

  get workspace(): Workspace | null {
    return this.current;
  }

  /** The open workspace, or a `no_workspace` error the UI can act on. */
  requireWorkspace(): Workspace {
    if (!this.current) throw new UndertowError('no_workspace', 'No workspace is open. Open the demo workspace or a workspace file first.');
    return this.current;
  }

  async state(): Promise<AppState> {
    return {
      mode: this.env.mode,
      version: this.env.version,
      workspace: this.summary,
      recent: await this.recent.list(),
      nativeDialogs: Boolean(this.env.pickWorkspace),
    };
  }

  async open(path: string): Promise<WorkspaceSummary> {
    return this.adopt(await Workspace.open(path, this.env.workspaceOptions));
  }

  /** CLI commands that write create the workspace when it does not exist yet. */
  async openOrCreate(path: string): Promise<WorkspaceSummary> {
    return this.adopt(await Workspace.openOrCreate(path, this.env.workspaceOptions));
  }

  nextJobId(kind: string): string {
    return `${kind}-${++this.jobCounter}`;
  }

  /** Re-read the open workspace's summary after its data changed, and tell the UI. */
  async refresh(): Promise<void> {
    const ws = this.current;
    if (!ws) return;
    const range = await dataRange(ws);
    this.summary = { path: ws.path, name: ws.name, kind: ws.kind, schemaVersion: ws.schemaVersion, from: range.from, to: range.to };
    this.env.emit('workspace:changed', this.summary);
  }

  async create(path: string): Promise<WorkspaceSummary> {
    return this.adopt(await Workspace.create(path, this.env.workspaceOptions));
  }

  /** Open the demo workspace, (re)building it first when it is missing or from an older generator. */
  openDemo(): Promise<WorkspaceSummary> {
    if (this.current?.path === this.demoPath && this.summary) return Promise.resolve(this.summary);
    this.demoOpening ??= this.buildAndOpenDemo().finally(() => {
      this.demoOpening = null;
    });
    return this.demoOpening;
  }

  private async buildAndOpenDemo(): Promise<WorkspaceSummary> {
    const jobId = this.nextJobId('demo');
    const emit = this.env.emit;
    try {
      await ensureDemoWorkspace(this.demoPath, {
        workspaceOptions: this.env.workspaceOptions,
        onProgress: (fraction, label) => emit('job:progress', { jobId, kind: 'demo', label, fraction, done: false }),
      });
    } catch (err) {
      emit('job:progress', { jobId, kind: 'demo', label: 'Building the demo workspace failed', fraction: null, done: true, error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    emit('job:progress', { jobId, kind: 'demo', label: 'Demo workspace ready', fraction: 1, done: true });
    return this.open(this.demoPath);
  }

  async close(): Promise<void> {
    const ws = this.current;
    this.current = null;
    this.summary = null;
    if (ws) await ws.close();
    this.env.emit('workspace:changed', null);
  }

  private async adopt(ws: Workspace): Promise<WorkspaceSummary> {
    const previous = this.current;
    this.current = ws;
    if (previous && previous !== ws) await previous.close();
    await this.recent.touch(ws.path);
    await this.refresh();
    return this.summary!;
  }
}
