import { canonicalTables } from '../../../shared/domain';
import { CoveragePanel } from '../components/data/CoveragePanel';
import { GitHubPanel } from '../components/data/GitHubPanel';
import { HistoryPanel } from '../components/data/HistoryPanel';
import { ImportPanel } from '../components/data/ImportPanel';
import { OrgPanel } from '../components/data/OrgPanel';
import { RulesPanel } from '../components/data/RulesPanel';
import { Tabs, tabPanelProps, type TabItem } from '../components/data/ui';
import { Loading, ViewError, ViewHeader } from '../components/states';
import { formatCount, formatDay } from '../lib/format';
import type { DataTab } from '../store/data-view-slice';
import { useAppStore } from '../store/react';
import { slotData } from '../store/slot';
import { useInfo } from './hooks';

const TAB_PREFIX = 'data';

export function DataView() {
  const tab = useAppStore((s) => s.dataTab);
  const setTab = useAppStore((s) => s.setDataTab);
  const waiting = useAppStore((s) => s.importWizard.files.length);
  const running = useAppStore((s) => s.importWizard.run !== null || s.githubSync.running);
  const unknowns = useAppStore((s) => {
    const data = slotData(s.orgUnknowns, s.app.workspace?.path);
    return data ? Object.values(data.totals).reduce((n, v) => n + v, 0) : null;
  });
  const items: TabItem<DataTab>[] = [
    { id: 'import', label: 'Import', badge: waiting > 0 ? waiting : undefined },
    { id: 'history', label: 'History' },
    { id: 'org', label: 'Org map', badge: unknowns ? unknowns : undefined },
    { id: 'rules', label: 'AI rules' },
    { id: 'coverage', label: 'Coverage' },
    { id: 'github', label: 'GitHub' },
  ];

  return (
    <section className="view view-data" data-testid="view-data" aria-busy={running}>
      <ViewHeader title="Data">Bring exports in, map the organisation, and decide what counts as AI-assisted work.</ViewHeader>
      <Tabs items={items} current={tab} onChange={setTab} label="Data" idPrefix={TAB_PREFIX} />
      <div className="dv-panel" {...tabPanelProps(TAB_PREFIX, tab)} data-testid={`data-panel-${tab}`}>
        {tab === 'import' ? (
          <div className="dv-import-layout">
            <ImportPanel />
            <WorkspaceAside />
          </div>
        ) : null}
        {tab === 'history' ? <HistoryPanel /> : null}
        {tab === 'org' ? <OrgPanel /> : null}
        {tab === 'rules' ? <RulesPanel /> : null}
        {tab === 'coverage' ? <CoveragePanel /> : null}
        {tab === 'github' ? <GitHubPanel /> : null}
      </div>
    </section>
  );
}

/** Beside the wizard: which workspace the files go into and what it holds (updates after each import). */
function WorkspaceAside() {
  const info = useInfo();
  const reload = useAppStore((s) => s.loadInfo);
  const data = info.data;
  let body;
  if (!data && info.status === 'error') body = <ViewError error={info.error} onRetry={() => void reload(true)} />;
  else if (!data) body = <Loading label="Loading workspace details…" />;
  else
    body = (
      <>
        <dl className="facts dv-facts-compact">
          <dt>File</dt>
          <dd className="mono" data-testid="info-path">
            {data.path}
          </dd>
          <dt>Kind</dt>
          <dd>{data.kind === 'demo' ? 'Demo (synthetic organisation)' : 'Your data'}</dd>
          <dt>Schema</dt>
          <dd className="tabular">v{data.schemaVersion}</dd>
          <dt>Data</dt>
          <dd className="tabular">{data.from ? `${formatDay(data.from)} to ${formatDay(data.to)}` : 'No data yet'}</dd>
        </dl>
        <table className="table table-compact dv-counts">
          <caption className="visually-hidden">Rows per table</caption>
          <tbody>
            {canonicalTables.map((t) => (
              <tr key={t} data-testid={`table-count-${t}`} className={data.tables[t] === 0 ? 'row-muted' : undefined}>
                <th scope="row" className="mono">
                  {t}
                </th>
                <td className="num tabular">{formatCount(data.tables[t])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  return (
    <aside className="card card-flush dv-aside" aria-labelledby="workspace-aside-title" data-testid="workspace-aside">
      <h2 className="card-title" id="workspace-aside-title">
        This workspace
      </h2>
      <div className="dv-aside-body">{body}</div>
    </aside>
  );
}
