import type { Api } from '../../../shared/contract';
import type { AppState, JobProgress, OverviewData, RecentWorkspace, ShellMode, TeamRow, WorkspaceInfo, WorkspaceSummary } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import type { StateCreator } from 'zustand';
import type { Loadable } from './loadable';
import type { AnalysisSlice } from './analysis-slice';
import type { DrilldownSlice } from './drilldown-slice';
import type { FiltersSlice } from './filters-slice';
import type { ScenariosSlice } from './scenarios-slice';
import type { ExportSlice } from './export-slice';
import type { DataSlices } from './data-view-store';
import type { FileTransport } from '../api/files';

export type ViewId = 'overview' | 'ai-quality' | 'delivery' | 'customers' | 'teams' | 'scenarios' | 'data' | 'settings';
export type ThemePreference = 'light' | 'dark' | 'system';
export type PathPurpose = 'open' | 'create';

export interface AppSlice {
  app: {
    /** starting → ready; unauthorized when the host rejects the token; failed when app:state fails. */
    boot: 'starting' | 'ready' | 'unauthorized' | 'failed';
    bootError: AppError | null;
    mode: ShellMode | null;
    version: string | null;
    nativeDialogs: boolean;
    workspace: WorkspaceSummary | null;
    recent: RecentWorkspace[];
    /** A workspace operation in flight (opening the demo, a file, closing). */
    pending: { kind: 'demo' | 'open' | 'create' | 'close'; label: string } | null;
    /** Long jobs reported through `job:progress`, by job id, while they run. */
    jobs: Record<string, JobProgress>;
    /** Bumped whenever the open workspace or its data changes: views reload what they show. */
    dataVersion: number;
  };
  /** Load app state, subscribe to events and open the demo when nothing is open. Runs once. */
  start: () => Promise<void>;
  /** Re-read mode, version and the recent list. */
  refreshAppState: () => Promise<void>;
  /** After the event stream dropped: re-read everything, including which workspace is open. */
  resync: () => Promise<void>;
  openDemo: () => Promise<Result<WorkspaceSummary>>;
  openWorkspace: (path: string) => Promise<Result<WorkspaceSummary>>;
  createWorkspace: (path: string) => Promise<Result<WorkspaceSummary>>;
  closeWorkspace: () => Promise<void>;
  forgetRecent: (path: string) => Promise<void>;
  /** New/Open from a menu: the native dialog in the desktop shell, the in-app path dialog otherwise. */
  requestWorkspace: (purpose: PathPurpose) => Promise<void>;
  /** Pushed by the engine (desktop menus change the workspace from the main process). */
  workspaceChanged: (summary: WorkspaceSummary | null) => void;
  jobProgress: (progress: JobProgress) => void;
  unauthorized: (error: AppError) => void;
}

export interface OverviewSlice {
  overview: Loadable<OverviewData>;
  loadOverview: (force?: boolean) => Promise<void>;
}

export interface TeamsSlice {
  teams: Loadable<TeamRow[]>;
  loadTeams: (force?: boolean) => Promise<void>;
}

export interface InfoSlice {
  info: Loadable<WorkspaceInfo>;
  loadInfo: (force?: boolean) => Promise<void>;
}

export interface UiSlice {
  ui: {
    view: ViewId;
    theme: ThemePreference;
    /** The OS preference, tracked for the "System" theme. */
    systemDark: boolean;
    pathDialog: { purpose: PathPurpose; error: string | null; busy: boolean } | null;
  };
  setView: (view: ViewId) => void;
  setTheme: (theme: ThemePreference) => void;
  setSystemDark: (dark: boolean) => void;
  openPathDialog: (purpose: PathPurpose) => void;
  closePathDialog: () => void;
  submitPathDialog: (path: string) => Promise<void>;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface NoticesSlice {
  notices: Notice[];
  notify: (kind: Notice['kind'], message: string) => void;
  dismissNotice: (id: number) => void;
}

export type Store = AppSlice & OverviewSlice & TeamsSlice & InfoSlice & UiSlice & NoticesSlice & ScenariosSlice & FiltersSlice & AnalysisSlice & DrilldownSlice & DataSlices & ExportSlice;

/** What slices need from the outside world: the contract and a place to keep preferences. */
export interface StoreDeps {
  api: Api;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  systemDark?: boolean;
  /** How long an info notice stays up (errors stay until dismissed). */
  noticeMs?: number;
  /** How dropped or picked files reach the engine (desktop paths or browser-mode uploads). */
  files?: FileTransport | null | undefined;
}

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<Store, [], [], T>;

export type { AppState };
