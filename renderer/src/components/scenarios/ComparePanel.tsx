/** Baseline vs up to four scenarios: quarterly differences with bands, and small multiples. */
import { memo, useMemo } from 'react';
import type { ScenarioComparison } from '../../../../shared/scenarios';
import { compareDeltaFigure, deltaVerdict, formatMetricDelta, formatMetricValue, quarterLabel, scenarioMetrics, scenarioPalette, tableMetricKeys } from '../../figures/scenarios';
import { formatCount } from '../../lib/format';
import { CURRENT_DRAFT, MAX_COMPARED } from '../../store/scenarios-slice';
import { useAppStore } from '../../store/react';
import { useChartTheme } from '../../views/hooks';
import { Icon } from '../icons';
import { Loading, ViewError } from '../states';
import { describeLevers } from './SavedScenarios';
import { StaggeredChart } from './StaggeredChart';

export function ComparePanel() {
  const saved = useAppStore((s) => s.scenarios.saved.data);
  const selection = useAppStore((s) => s.scenarios.compare.selection);
  const status = useAppStore((s) => s.scenarios.compare.status);
  const data = useAppStore((s) => s.scenarios.compare.data);
  const error = useAppStore((s) => s.scenarios.compare.error);
  const toggle = useAppStore((s) => s.toggleCompareSelection);
  const run = useAppStore((s) => s.runComparison);
  const full = selection.length >= MAX_COMPARED;
  const options = [{ id: CURRENT_DRAFT, name: 'The builder’s current scenario', detail: 'as it is now, saved or not' }, ...(saved ?? []).map((s) => ({ id: s.id, name: s.name, detail: describeLevers(s) }))];

  return (
    <div className="scn-compare">
      <fieldset className="card scn-card compare-picker" data-testid="compare-picker">
        <legend className="card-title">Scenarios to compare</legend>
        <p className="lever-help">
          Pick up to {MAX_COMPARED}. All run against one baseline (the first one&apos;s seed, the longest horizon), with {formatCount(2000)} draws each.
        </p>
        <ul className="compare-options">
          {options.map((o) => {
            const checked = selection.includes(o.id);
            return (
              <li key={o.id}>
                <label className="check">
                  <input type="checkbox" checked={checked} disabled={!checked && full} onChange={() => toggle(o.id)} data-testid={`compare-option-${o.id === CURRENT_DRAFT ? 'current' : o.name}`} />
                  <span>
                    <span className="compare-name">{o.name}</span> <span className="muted">— {o.detail}</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {(saved ?? []).length === 0 ? <p className="lever-help">Save scenarios in the builder to compare them here.</p> : null}
        <div className="scn-actions">
          <button type="button" className="button button-primary" disabled={selection.length === 0 || status === 'loading'} onClick={() => void run()} data-testid="compare-run">
            {status === 'loading' ? 'Comparing…' : `Compare ${selection.length || ''}`.trim()}
          </button>
          {full ? <span className="lever-help">That is the most a comparison takes.</span> : null}
        </div>
      </fieldset>

      {status === 'error' ? <ViewError title="The comparison could not be run" error={error} onRetry={() => void run()} /> : null}
      {status === 'loading' && !data ? <Loading label="Comparing scenarios…" /> : null}
      {data ? <CompareResult comparison={data} busy={status === 'loading'} /> : null}
    </div>
  );
}

function CompareResult({ comparison, busy }: { comparison: ScenarioComparison; busy: boolean }) {
  const theme = useChartTheme();
  const palette = scenarioPalette(theme);
  const quarters = comparison.baseline.quarters.map((q) => q.period);
  return (
    <div className="scn-compare-result" aria-busy={busy} data-testid="compare-result">
      <div className="table-card scn-table-card">
        <table className="table table-compact scn-table compare-table" data-testid="compare-table">
          <caption className="scn-table-caption">Difference from the baseline per quarter: median, and the 90% band below it</caption>
          <thead>
            <tr>
              <th scope="col">Metric and scenario</th>
              {quarters.map((q) => (
                <th key={q} scope="col" className="num">
                  {quarterLabel(q)}
                </th>
              ))}
            </tr>
          </thead>
          {tableMetricKeys.map((key) => (
            <tbody key={key} data-testid={`compare-group-${key}`}>
              <tr className="compare-group-head">
                <th scope="colgroup" colSpan={1}>
                  {scenarioMetrics[key].label}
                </th>
                {comparison.baseline.quarters.map((q) => (
                  <td key={q.period} className="num muted tabular" title="Baseline median">
                    {formatMetricValue(key, q.metrics[key].p50)}
                  </td>
                ))}
              </tr>
              {comparison.scenarios.map((item, i) => (
                <tr key={item.name + i} data-testid="compare-row" data-scenario={item.name}>
                  <th scope="row" className="compare-scenario">
                    <span className="legend-dot" style={{ background: palette.scenarios[i % 4] }} aria-hidden="true" />
                    {item.name}
                  </th>
                  {quarters.map((q) => {
                    const band = item.result.delta.quarters.find((p) => p.period === q)?.metrics[key];
                    if (!band) return <td key={q} className="num muted">–</td>;
                    return (
                      <td key={q} className={`num scn-delta-cell scn-delta-${deltaVerdict(key, band)}`} data-testid={`compare-cell-${key}-${q}`} data-p50={band.p50}>
                        <span className="scn-delta-median tabular">{formatMetricDelta(key, band.p50)}</span>
                        <span className="scn-delta-band tabular">
                          {formatMetricDelta(key, band.p5)} to {formatMetricDelta(key, band.p95)}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p className="caption">
        <Icon name="info" size={14} />
        <span>Grey numbers in each metric&apos;s first row are the baseline&apos;s median, for scale. Green and red mark differences whose whole 90% band is on one side of zero.</span>
      </p>
      <SmallMultiples comparison={comparison} />
    </div>
  );
}

const SmallMultiples = memo(function SmallMultiples({ comparison }: { comparison: ScenarioComparison }) {
  const theme = useChartTheme();
  const figures = useMemo(() => tableMetricKeys.map((key) => [key, compareDeltaFigure(comparison, key, { theme })] as const), [comparison, theme]);
  return (
    <div className="scn-chart-grid scn-small-multiples" data-testid="compare-charts">
      {figures.map(([key, figure], i) => (
        <StaggeredChart key={key} index={i} id={`compare-${key}`} figure={figure} label={`${scenarioMetrics[key].label}: each scenario's difference from the baseline per quarter, median with 5–95% band`} height={260} />
      ))}
    </div>
  );
});
