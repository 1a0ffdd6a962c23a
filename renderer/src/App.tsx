import { useEffect, type ComponentType } from 'react';
import { FullPageError, TokenError } from './components/FullPageError';
import { Header } from './components/Header';
import { JobProgress } from './components/JobProgress';
import { DrillDown } from './components/DrillDown';
import { PathDialog } from './components/PathDialog';
import { Sidebar } from './components/Sidebar';
import { Loading } from './components/states';
import { Toasts } from './components/Toasts';
import type { ViewId } from './store';
import { useAppStore } from './store/react';
import { AiQualityView } from './views/AiQualityView';
import { CustomersView } from './views/CustomersView';
import { DataView } from './views/DataView';
import { DeliveryView } from './views/DeliveryView';
import { useResolvedTheme } from './views/hooks';
import { OverviewView } from './views/OverviewView';
import { ScenariosView } from './views/ScenariosView';
import { SettingsView } from './views/SettingsView';
import { TeamsView } from './views/TeamsView';
import { WelcomeView } from './views/WelcomeView';

const views: Record<ViewId, ComponentType> = {
  overview: OverviewView,
  'ai-quality': AiQualityView,
  delivery: DeliveryView,
  customers: CustomersView,
  teams: TeamsView,
  scenarios: ScenariosView,
  data: DataView,
  settings: SettingsView,
};

/** Applies the resolved theme to <html> and follows the OS setting for "System". */
function useThemeOnDocument() {
  const resolved = useResolvedTheme();
  const setSystemDark = useAppStore((s) => s.setSystemDark);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    setSystemDark(query.matches);
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [setSystemDark]);
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
}

export function App() {
  useThemeOnDocument();
  const boot = useAppStore((s) => s.app.boot);
  const bootError = useAppStore((s) => s.app.bootError);

  if (boot === 'unauthorized') return <TokenError rejected />;
  if (boot === 'failed')
    return (
      <FullPageError title="Undertow could not start" testId="boot-error">
        <p>{bootError?.message ?? 'The engine did not answer.'}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </FullPageError>
    );

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Sidebar />
      <div className="main">
        <Header />
        <main id="content" className="content" tabIndex={-1}>
          <Content />
        </main>
      </div>
      <Toasts />
      <PathDialog />
      <DrillDown />
    </div>
  );
}

function Content() {
  const view = useAppStore((s) => s.ui.view);
  const boot = useAppStore((s) => s.app.boot);
  const hasWorkspace = useAppStore((s) => s.app.workspace !== null);
  const busy = useAppStore((s) => s.app.pending !== null || Object.keys(s.app.jobs).length > 0);
  // The Data view shows imports and GitHub syncs in place, with more detail than the floating panel.
  const shownInPlace = useAppStore(
    (s) => s.ui.view === 'data' && s.app.pending === null && Object.values(s.app.jobs).every((j) => (j.kind === 'import' && s.dataTab === 'import') || (j.kind === 'sync' && s.dataTab === 'github')),
  );

  if (boot === 'starting') return <Loading label="Starting Undertow…" />;
  if (!hasWorkspace && busy) return <JobProgress variant="panel" />;
  const View = views[view];
  const needsWorkspace = view !== 'settings';
  return (
    <>
      {!hasWorkspace && needsWorkspace ? <WelcomeView /> : <View />}
      {hasWorkspace && busy && !shownInPlace ? <JobProgress variant="floating" /> : null}
    </>
  );
}
