/**
 * The Settings view's workspace settings: incident linking (window, urgency and priority filters,
 * production environments, hotfix branches), the Jira bug type map and the default time zone of
 * imports. Each card saves on its own; saving rebuilds the links or bug flags that depend on it.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { LinkingSettings, ValueCount, WorkspaceSettings } from '../../../../shared/data';
import { timeZones, zoneLabel } from '../../lib/data-format';
import { formatCount } from '../../lib/format';
import { useAppStore } from '../../store/react';
import { slotData } from '../../store/slot';
import { InlineError } from '../data/ui';
import { Loading, ViewError } from '../states';

export function WorkspaceSettingsCards() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadWorkspaceSettings);
  const slot = useAppStore((s) => s.workspaceSettings);
  const path = useAppStore((s) => s.app.workspace?.path);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  const data = slotData(slot, path);
  if (!data && slot.status === 'error') return <ViewError title="The workspace settings could not be loaded" error={slot.error} onRetry={() => void load(true)} />;
  if (!data) return <Loading label="Loading the workspace settings…" />;
  // Keyed by workspace: a form never carries one workspace's edits into another.
  return (
    <>
      <LinkingCard key={`link-${path}`} settings={data} />
      <BugTypesCard key={`bugs-${path}`} settings={data} />
      <TimeZoneCard settings={data} />
    </>
  );
}

const listText = (values: readonly string[]) => values.join(', ');
const parseList = (text: string) => [...new Set(text.split(/[,\n]/).map((v) => v.trim()).filter((v) => v !== ''))];
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.some((w) => w.toLowerCase() === v.toLowerCase()));

function SavedNote({ text }: { text: string | null }) {
  return (
    <span className="dv-saved" role="status" aria-live="polite">
      {text}
    </span>
  );
}

function LinkingCard({ settings }: { settings: WorkspaceSettings }) {
  const save = useAppStore((s) => s.saveWorkspaceSettings);
  const saving = useAppStore((s) => s.settingsSaving === 'linking');
  const current = settings.linking;
  const [hours, setHours] = useState(String(current.incidentWindowHours));
  const [urgencies, setUrgencies] = useState<string[] | null>(current.incidentUrgencies);
  const [priorities, setPriorities] = useState<string[] | null>(current.incidentPriorities);
  const [environments, setEnvironments] = useState(listText(current.productionEnvironments));
  const [prefixes, setPrefixes] = useState(listText(current.hotfixBranchPrefixes));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const id = useId();
  const hoursValue = Number(hours);
  const hoursValid = hours.trim() !== '' && Number.isFinite(hoursValue) && hoursValue > 0 && hoursValue <= 2160;

  const next: LinkingSettings = {
    incidentWindowHours: hoursValid ? hoursValue : current.incidentWindowHours,
    incidentUrgencies: urgencies,
    incidentPriorities: priorities,
    productionEnvironments: parseList(environments),
    hotfixBranchPrefixes: parseList(prefixes),
  };
  const dirty = JSON.stringify(next) !== JSON.stringify(current) || !hoursValid;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!hoursValid) {
      setError('The window must be a number of hours between 1 and 2,160 (90 days).');
      return;
    }
    if (next.productionEnvironments.length === 0) {
      setError('Name at least one production environment (for example production).');
      return;
    }
    setError(null);
    const result = await save({ linking: next });
    if (!result.ok) setError(result.error.message);
    else setSaved(result.value.relinked ? 'Saved. Incidents and hotfixes were linked again.' : 'Saved.');
  };
  const reset = () => {
    const d = settings.linkingDefaults;
    setHours(String(d.incidentWindowHours));
    setUrgencies(d.incidentUrgencies);
    setPriorities(d.incidentPriorities);
    setEnvironments(listText(d.productionEnvironments));
    setPrefixes(listText(d.hotfixBranchPrefixes));
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="settings-linking">
      <h2 className="card-title" id={`${id}-title`}>
        Linking incidents to changes
      </h2>
      <p className="dv-muted dv-small">
        An incident on a service is blamed on its team&apos;s last successful production deployment within the window before it, else on PRs merged in that window. Low-urgency pages inflate the
        change failure rate: leave them out here.
      </p>
      <div className="dv-field">
        <label className="field-label" htmlFor={`${id}-hours`}>
          Window before an incident
        </label>
        <div className="dv-choice-row">
          <input
            id={`${id}-hours`}
            className="text-input dv-input-number"
            type="number"
            min={1}
            max={2160}
            step={1}
            value={hours}
            aria-invalid={!hoursValid || undefined}
            onChange={(e) => {
              setHours(e.target.value);
              setSaved(null);
            }}
            data-testid="settings-window"
          />
          <span>hours</span>
          <span className="dv-muted dv-small">default {settings.linkingDefaults.incidentWindowHours} h</span>
        </div>
      </div>
      <ValueFilter label="Urgencies that count" values={settings.seen.urgencies} chosen={urgencies} onChange={(v) => (setUrgencies(v), setSaved(null))} testId="settings-urgency" none="No incidents imported yet; the filter applies once there are." />
      <ValueFilter label="Priorities that count" values={settings.seen.priorities} chosen={priorities} onChange={(v) => (setPriorities(v), setSaved(null))} testId="settings-priority" none="No incident in the data has a priority." />
      <div className="dv-field">
        <label className="field-label" htmlFor={`${id}-env`}>
          Production environments
        </label>
        <input id={`${id}-env`} className="text-input" value={environments} onChange={(e) => (setEnvironments(e.target.value), setSaved(null))} aria-describedby={`${id}-env-hint`} />
        <p className="dv-muted dv-small" id={`${id}-env-hint`}>
          Comma-separated, any case.{' '}
          {settings.seen.environments.length > 0 ? `In the data: ${settings.seen.environments.map((e) => `${e.value} (${formatCount(e.count)})`).join(', ')}.` : ''}
        </p>
      </div>
      <div className="dv-field">
        <label className="field-label" htmlFor={`${id}-prefix`}>
          Hotfix branch prefixes
        </label>
        <input id={`${id}-prefix`} className="text-input" value={prefixes} onChange={(e) => (setPrefixes(e.target.value), setSaved(null))} />
      </div>
      <InlineError error={error} testId="settings-linking-error" />
      <div className="dv-actions">
        <button type="submit" className="button button-primary" disabled={saving || !dirty} data-testid="settings-linking-save">
          {saving ? 'Saving and relinking…' : 'Save'}
        </button>
        <button type="button" className="button button-ghost" onClick={reset}>
          Defaults
        </button>
        <SavedNote text={saved} />
      </div>
    </form>
  );
}

/** "Every value" or a chosen subset of the values seen in the data (plus any chosen earlier). */
function ValueFilter({ label, values, chosen, onChange, testId, none }: { label: string; values: ValueCount[]; chosen: string[] | null; onChange: (v: string[] | null) => void; testId: string; none: string }) {
  const id = useId();
  const options = useMemo(() => {
    const seen = values.map((v) => v.value);
    const extra = (chosen ?? []).filter((c) => !seen.some((s) => s.toLowerCase() === c.toLowerCase()));
    return [...values, ...extra.map((value) => ({ value, count: 0 }))];
  }, [values, chosen]);
  const has = (v: string) => (chosen ?? []).some((c) => c.toLowerCase() === v.toLowerCase());
  return (
    <fieldset className="dv-field dv-fieldset" data-testid={testId}>
      <legend className="field-label">{label}</legend>
      <div className="dv-choice-row">
        <label className="dv-check">
          <input type="radio" name={`${id}-mode`} checked={chosen === null} onChange={() => onChange(null)} />
          All
        </label>
        <label className="dv-check">
          <input type="radio" name={`${id}-mode`} checked={chosen !== null} disabled={options.length === 0} onChange={() => onChange(options.slice(0, 1).map((o) => o.value))} />
          Only these:
        </label>
      </div>
      {options.length === 0 ? (
        <p className="dv-muted dv-small">{none}</p>
      ) : (
        <div className="dv-check-grid" aria-label={label}>
          {options.map((o) => (
            <label key={o.value} className="dv-check">
              <input
                type="checkbox"
                className="dv-checkbox"
                disabled={chosen === null}
                checked={chosen === null || has(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...(chosen ?? []), o.value] : (chosen ?? []).filter((c) => c.toLowerCase() !== o.value.toLowerCase()))}
                data-testid={`${testId}-${o.value}`}
              />
              {o.value} <span className="dv-muted dv-small tabular">{formatCount(o.count)}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function BugTypesCard({ settings }: { settings: WorkspaceSettings }) {
  const save = useAppStore((s) => s.saveWorkspaceSettings);
  const saving = useAppStore((s) => s.settingsSaving === 'jiraBugTypes');
  const seen = settings.seen.issueTypes;
  const inForce = settings.jiraBugTypes.types;
  const isSeen = (t: string) => seen.some((s) => s.value.toLowerCase() === t.trim().toLowerCase());
  const [checked, setChecked] = useState<string[]>(seen.filter((t) => t.isBug).map((t) => t.value));
  const [others, setOthers] = useState(inForce.filter((t) => !isSeen(t)).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const id = useId();
  const next = [...checked, ...parseList(others)];
  const dirty = !sameSet(next, inForce);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length === 0) {
      setError('Tick at least one issue type that counts as a bug.');
      return;
    }
    setError(null);
    const result = await save({ jiraBugTypes: next });
    if (!result.ok) setError(result.error.message);
    else setSaved(`Saved. ${result.value.reclassified === 1 ? '1 issue' : `${formatCount(result.value.reclassified)} issues`} changed classification.`);
  };
  const reset = async () => {
    const result = await save({ jiraBugTypes: null });
    if (!result.ok) setError(result.error.message);
    else {
      setChecked(result.value.settings.seen.issueTypes.filter((t) => t.isBug).map((t) => t.value));
      setOthers(result.value.settings.jiraBugTypes.types.filter((t) => !isSeen(t)).join(', '));
      setSaved(`Back to the built-in list. ${formatCount(result.value.reclassified)} issues changed classification.`);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="settings-bugs">
      <h2 className="card-title" id={`${id}-title`}>
        Which Jira issue types are bugs
      </h2>
      <p className="dv-muted dv-small">
        Jira names types in the exporting user&apos;s language, so “Bug” alone is not enough. Bugs per PR and per line count only these types.
        {settings.jiraBugTypes.isDefault ? ' The built-in list is in use.' : ''}
      </p>
      {seen.length > 0 ? (
        <fieldset className="dv-fieldset">
          <legend className="field-label">Issue types in this workspace</legend>
          <div className="dv-check-grid">
            {seen.map((t) => (
              <label key={t.value} className="dv-check">
                <input
                  type="checkbox"
                  className="dv-checkbox"
                  checked={checked.includes(t.value)}
                  onChange={(e) => {
                    setChecked(e.target.checked ? [...checked, t.value] : checked.filter((c) => c !== t.value));
                    setSaved(null);
                  }}
                  data-testid={`settings-bug-${t.value}`}
                />
                {t.value} <span className="dv-muted dv-small tabular">{formatCount(t.count)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="dv-muted dv-small">No Jira issues imported yet.</p>
      )}
      <div className="dv-field">
        <label className="field-label" htmlFor={`${id}-others`}>
          Other type names counted as bugs
        </label>
        <textarea id={`${id}-others`} className="text-input dv-textarea" rows={3} value={others} onChange={(e) => (setOthers(e.target.value), setSaved(null))} />
      </div>
      <InlineError error={error} testId="settings-bugs-error" />
      <div className="dv-actions">
        <button type="submit" className="button button-primary" disabled={saving || !dirty} data-testid="settings-bugs-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-ghost" onClick={() => void reset()} disabled={saving || settings.jiraBugTypes.isDefault}>
          Built-in list
        </button>
        <SavedNote text={saved} />
      </div>
    </form>
  );
}

function TimeZoneCard({ settings }: { settings: WorkspaceSettings }) {
  const save = useAppStore((s) => s.saveWorkspaceSettings);
  const saving = useAppStore((s) => s.settingsSaving === 'timeZone');
  const zones = useMemo(() => timeZones(), []);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const value = settings.timeZone.value ?? '';
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="settings-timezone">
      <h2 className="card-title" id={`${id}-title`}>
        Time zone of exports
      </h2>
      <p className="dv-muted dv-small">
        Jira CSVs, Zendesk reports and some PagerDuty and NPS exports write times without a zone. The import wizard reads them in this zone unless you pick another for a file. Everything is
        stored in UTC.
      </p>
      <label className="field-label" htmlFor={`${id}-zone`}>
        Default zone
      </label>
      <select
        id={`${id}-zone`}
        className="dv-select"
        value={value}
        disabled={saving}
        onChange={async (e) => {
          const result = await save({ timeZone: e.target.value === '' ? null : e.target.value });
          setError(result.ok ? null : result.error.message);
        }}
        data-testid="settings-zone"
      >
        <option value="">This computer’s zone: {zoneLabel(settings.timeZone.machine)}</option>
        {zones.map((z) => (
          <option key={z} value={z}>
            {zoneLabel(z)}
          </option>
        ))}
      </select>
      <InlineError error={error} />
    </section>
  );
}
