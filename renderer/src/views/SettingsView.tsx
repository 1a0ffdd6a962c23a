import { useId } from 'react';
import { WorkspaceSettingsCards } from '../components/settings/WorkspaceSettings';
import { ViewHeader } from '../components/states';
import type { ThemePreference } from '../store';
import { useAppStore } from '../store/react';

const themes: { value: ThemePreference; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

export function SettingsView() {
  const theme = useAppStore((s) => s.ui.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const version = useAppStore((s) => s.app.version);
  const mode = useAppStore((s) => s.app.mode);
  const workspace = useAppStore((s) => s.app.workspace);
  const setView = useAppStore((s) => s.setView);
  const labelId = useId();

  return (
    <section className="view view-settings" data-testid="view-settings">
      <ViewHeader title="Settings">How this workspace links outcomes to changes, and preferences for this computer.</ViewHeader>
      <div className="settings-columns">
        <div className="settings">
          {workspace ? (
            <>
              <h2 className="settings-group">
                Workspace <span className="dv-muted">· {workspace.name}</span>
              </h2>
              <WorkspaceSettingsCards />
            </>
          ) : (
            <div className="card">
              <h2 className="card-title">Workspace settings</h2>
              <p className="dv-muted">Open a workspace to change how it links incidents, which Jira types count as bugs, and the time zone of its exports.</p>
            </div>
          )}
        </div>
        <div className="settings">
          <h2 className="settings-group">This computer</h2>
          <div className="card">
            <h2 className="card-title" id={labelId}>
              Appearance
            </h2>
            <div className="segmented" role="radiogroup" aria-labelledby={labelId}>
              {themes.map((t) => (
                <label key={t.value} className="segment">
                  <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => setTheme(t.value)} data-testid={`theme-${t.value}`} />
                  <span>{t.label}</span>
                </label>
              ))}
            </div>
            <p className="card-note">System follows your operating system&apos;s light or dark setting. Charts use the same theme.</p>
          </div>
          <div className="card" data-testid="settings-costs">
            <h2 className="card-title">Cost assumptions</h2>
            <p className="dv-muted">
              Engineer-hour cost, incident cost and hours per month are assumptions of each scenario, with their ranges and sources, so two scenarios can differ in them. Set them in the
              scenario builder.
            </p>
            {workspace ? (
              <button type="button" className="dv-link" onClick={() => setView('scenarios')}>
                Open Scenarios →
              </button>
            ) : null}
          </div>
          <div className="card">
            <h2 className="card-title">About</h2>
            <dl className="facts">
              <dt>Version</dt>
              <dd className="tabular" data-testid="app-version">
                {version ?? '–'}
              </dd>
              <dt>Running as</dt>
              <dd data-testid="app-mode">{mode === 'desktop' ? 'Desktop app' : mode === 'browser' ? 'Browser mode (local host on 127.0.0.1)' : '–'}</dd>
            </dl>
          </div>
        </div>
      </div>
    </section>
  );
}
