import { useId } from 'react';
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
  const labelId = useId();

  return (
    <section className="view" data-testid="view-settings">
      <ViewHeader title="Settings">Preferences for this computer.</ViewHeader>
      <div className="settings">
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
    </section>
  );
}
