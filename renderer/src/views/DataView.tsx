import { canonicalTables } from '../../../shared/domain';
import { Caption, Loading, ViewError, ViewHeader } from '../components/states';
import { formatCount, formatDay } from '../lib/format';
import { useAppStore } from '../store/react';
import { useInfo } from './hooks';

export function DataView() {
  const info = useInfo();
  const reload = useAppStore((s) => s.loadInfo);
  const data = info.data;

  let body;
  if (!data && info.status === 'error') body = <ViewError error={info.error} onRetry={() => void reload(true)} />;
  else if (!data) body = <Loading label="Loading workspace details…" />;
  else
    body = (
      <div className="data-layout">
        <div className="card">
          <h2 className="card-title">Workspace</h2>
          <dl className="facts">
            <dt>File</dt>
            <dd className="mono" data-testid="info-path">
              {data.path}
            </dd>
            <dt>Kind</dt>
            <dd>{data.kind === 'demo' ? 'Demo (synthetic organisation)' : 'Your data'}</dd>
            <dt>Schema version</dt>
            <dd className="tabular">{data.schemaVersion}</dd>
            <dt>Data from</dt>
            <dd className="tabular">{data.from ? `${formatDay(data.from)} to ${formatDay(data.to)}` : 'No data yet'}</dd>
          </dl>
        </div>
        <div className="card card-flush">
          <h2 className="card-title">Rows per table</h2>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col" className="num">
                  Rows
                </th>
              </tr>
            </thead>
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
        </div>
      </div>
    );

  return (
    <section className="view" data-testid="view-data" aria-busy={info.status === 'loading'}>
      <ViewHeader title="Data">What this workspace holds.</ViewHeader>
      {body}
      {data ? <Caption>Importing exports, the org map editor and AI-attribution rules are not available in this version.</Caption> : null}
    </section>
  );
}
