/**
 * Every editable assumption (value, range, source, calibrated or not) and the fitted parameters with
 * where they come from: the workspace's own fit or a published prior.
 */
import { useShallow } from 'zustand/react/shallow';
import type { AssumptionInfo, ScenarioParameter } from '../../../../shared/scenarios';
import { useAppStore } from '../../store/react';
import { Icon } from '../icons';
import { RangeField } from './controls';

/** How an assumption is edited: display scale, unit, slider step and decimals. */
export function assumptionControl(info: Pick<AssumptionInfo, 'unit' | 'min' | 'max' | 'value'>): { scale: number; unit: string; step: number; digits: number } {
  if (info.unit === 'share') return { scale: 100, unit: '%', step: 1, digits: decimalsOf(info.value * 100, 1) };
  const step = niceStep((info.max - info.min) / 80);
  const unit = info.unit === '$' ? 'US$' : info.unit;
  return { scale: 1, unit, step, digits: Math.max(decimalsOf(step, 2), decimalsOf(info.value, 2)) };
}

/** The largest 1, 2 or 5 × 10^k not above `x`. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

function decimalsOf(v: number, max: number): number {
  for (let d = 0; d < max; d++) if (Math.abs(Math.round(v * 10 ** d) - v * 10 ** d) < 1e-9) return d;
  return max;
}

/** Where a value comes from, in one word. */
function provenance(info: AssumptionInfo): { label: string; className: string } {
  if (info.calibrated) return { label: 'From this workspace', className: 'badge badge-good' };
  if (/judgement|Undertow default/i.test(info.source)) return { label: 'Judgement', className: 'badge' };
  return { label: 'Published', className: 'badge badge-accent' };
}

export function AssumptionsPanel() {
  const assumptions = useAppStore(useShallow((s) => s.scenarios.defaults.data?.assumptions ?? []));
  const overrides = useAppStore((s) => s.scenarios.draft.assumptions);
  const set = useAppStore((s) => s.setScenarioAssumption);
  const resetAll = useAppStore((s) => s.resetScenarioAssumptions);
  const changed = Object.keys(overrides).length;
  return (
    <details className="card scn-card scn-details" data-testid="scenario-assumptions">
      <summary className="scn-summary">
        <span className="card-title">Assumptions</span>
        <span className="scn-summary-note">{changed > 0 ? `${changed} changed` : `${assumptions.length}, all at their defaults`}</span>
      </summary>
      <p className="lever-help">
        Each has a range and a source. Values marked <span className="badge">varies per draw</span> are drawn around the value in every
        simulation, so their uncertainty is part of the bands.
      </p>
      {changed > 0 ? (
        <button type="button" className="link-button" onClick={resetAll} data-testid="assumptions-reset">
          Reset all to defaults
        </button>
      ) : null}
      <ul className="assumption-list">
        {assumptions.map((info) => {
          const control = assumptionControl(info);
          const value = overrides[info.key] ?? info.value;
          const isChanged = overrides[info.key] !== undefined;
          const origin = provenance(info);
          return (
            <li key={info.key} className="assumption" data-testid={`assumption-${info.key}`}>
              <RangeField
                label={info.label}
                value={value}
                min={info.min}
                max={info.max}
                step={control.step}
                scale={control.scale}
                unit={control.unit}
                digits={control.digits}
                changed={isChanged}
                onChange={(v) => set(info.key, v)}
                testId={`assumption-${info.key}-range`}
              />
              <div className="assumption-meta">
                <span className={origin.className}>{origin.label}</span>
                {info.uncertain ? <span className="badge">varies per draw</span> : null}
                {isChanged ? (
                  <button type="button" className="link-button" onClick={() => set(info.key, null)} aria-label={`Reset ${info.label} to ${formatDefault(info)}`}>
                    Reset to {formatDefault(info)}
                  </button>
                ) : null}
              </div>
              <p className="assumption-source" data-testid="assumption-source">
                {info.source}
              </p>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function formatDefault(info: AssumptionInfo): string {
  const c = assumptionControl(info);
  const v = Math.round(info.value * c.scale * 10 ** c.digits) / 10 ** c.digits;
  return `${v.toLocaleString('en-US')}${c.unit === '%' ? '%' : ` ${c.unit}`}`;
}

/** "+23.5% (90%: −2.0% to +55.6%)" for a log-scale effect with its sd. */
export function describeEffect(p: Pick<ScenarioParameter, 'value' | 'sd'>): { central: string; range: string } {
  const pct = (x: number) => {
    const v = (Math.exp(x) - 1) * 100;
    const text = `${Math.abs(v).toFixed(1)}%`;
    return v < 0 && text !== '0.0%' ? `\u2212${text}` : `+${text}`;
  };
  return { central: pct(p.value), range: `${pct(p.value - 1.645 * p.sd)} to ${pct(p.value + 1.645 * p.sd)}` };
}

export function ParametersPanel() {
  const parameters = useAppStore(useShallow((s) => s.scenarios.defaults.data?.parameters ?? []));
  const warnings = useAppStore(useShallow((s) => s.scenarios.defaults.data?.warnings ?? []));
  const fromWorkspace = parameters.filter((p) => p.fromWorkspace).length;
  return (
    <details className="card scn-card scn-details" data-testid="scenario-parameters" open={warnings.length > 0}>
      <summary className="scn-summary">
        <span className="card-title">Fitted effects</span>
        <span className="scn-summary-note">
          {fromWorkspace === parameters.length ? 'all from this workspace' : fromWorkspace === 0 ? 'all published priors' : `${fromWorkspace} of ${parameters.length} from this workspace`}
        </span>
      </summary>
      <p className="lever-help">How AI share moves each outcome at 100% vs 0% AI share, with the 90% range the simulation draws from.</p>
      <ul className="parameter-list">
        {parameters.map((p) => {
          const effect = describeEffect(p);
          return (
            <li key={p.key} className="parameter" data-testid={`parameter-${p.key}`}>
              <div className="parameter-head">
                <span className="parameter-label">{p.label.replace(/ \(log.*\)$/, '')}</span>
                <span className={p.fromWorkspace ? 'badge badge-good' : 'badge badge-accent'}>{p.fromWorkspace ? 'This workspace' : 'Published prior'}</span>
              </div>
              <div className="parameter-value tabular">
                <strong>{effect.central}</strong> <span className="muted">(90%: {effect.range})</span>
              </div>
              <p className="assumption-source">{p.source}</p>
            </li>
          );
        })}
      </ul>
      {warnings.length > 0 ? (
        <ul className="scn-warnings" data-testid="scenario-warnings">
          {warnings.map((w) => (
            <li key={w}>
              <Icon name="alert" size={14} />
              <span>{w}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
