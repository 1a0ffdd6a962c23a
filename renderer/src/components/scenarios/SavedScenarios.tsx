/** Saved scenarios: save the draft (new or over the loaded one), load, duplicate, rename, delete. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SavedScenario } from '../../../../shared/scenarios';
import { formatDay } from '../../lib/format';
import { draftFromSaved, specKey, specOfDraft } from '../../store/scenarios-slice';
import { useAppStore } from '../../store/react';

/** True when the builder's draft differs from the saved scenario it was loaded from. */
function useDraftEdited(active: SavedScenario | null): boolean {
  const draft = useAppStore((s) => s.scenarios.draft);
  if (!active) return false;
  return specKey(specOfDraft(draft)) !== specKey(specOfDraft(draftFromSaved(active)));
}

export function SavedScenarios() {
  const saved = useAppStore((s) => s.scenarios.saved);
  const activeId = useAppStore((s) => s.scenarios.activeId);
  const list = saved.data ?? [];
  const active = list.find((s) => s.id === activeId) ?? null;
  const edited = useDraftEdited(active);
  const updateActive = useAppStore((s) => s.updateActiveScenario);
  const notify = useAppStore((s) => s.notify);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onUpdate = async () => {
    setBusy(true);
    const result = await updateActive();
    setBusy(false);
    if (result.ok) notify('info', `Saved “${result.value.name}”.`);
    else setError(result.error.message);
  };

  return (
    <section className="card scn-card" aria-labelledby="scn-saved-title" data-testid="scenario-saved">
      <div className="scn-card-head">
        <h2 className="card-title" id="scn-saved-title">
          Scenario
        </h2>
        <span className="scn-current" data-testid="scenario-current">
          {active ? (
            <>
              <span className="scn-current-name">{active.name}</span>
              {edited ? <span className="badge badge-warning">edited</span> : <span className="badge badge-good">saved</span>}
            </>
          ) : (
            <span className="muted">Unsaved</span>
          )}
        </span>
      </div>
      {saving ? (
        <SaveAsForm
          initialName={active ? `${active.name} (variant)` : ''}
          onDone={(name) => {
            setSaving(false);
            if (name) notify('info', `Saved “${name}”.`);
          }}
        />
      ) : (
        <div className="scn-actions">
          {active && edited ? (
            <button type="button" className="button button-primary button-small" onClick={() => void onUpdate()} disabled={busy} data-testid="scenario-update">
              Save changes
            </button>
          ) : null}
          <button type="button" className={`button button-small${active && edited ? '' : ' button-primary'}`} onClick={() => (setError(null), setSaving(true))} data-testid="scenario-save-as">
            {active ? 'Save as new…' : 'Save…'}
          </button>
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <SavedList list={list} activeId={activeId} status={saved.status} error={saved.error?.message ?? null} />
    </section>
  );
}

function SaveAsForm({ initialName, onDone }: { initialName: string; onDone: (savedName: string | null) => void }) {
  const save = useAppStore((s) => s.saveScenarioAs);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Give the scenario a name, for example “Cap AI at 25%”.');
      return;
    }
    setBusy(true);
    const result = await save(name.trim());
    setBusy(false);
    if (result.ok) onDone(result.value.name);
    else setError(result.error.message);
  };
  return (
    <form className="scn-inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field-label" htmlFor={id}>
        Name
      </label>
      <div className="scn-inline-row">
        <input
          id={id}
          className="text-input text-input-plain"
          autoFocus
          maxLength={120}
          value={name}
          placeholder="Cap AI at 25%"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
          data-testid="scenario-name-input"
        />
        <button type="submit" className="button button-primary button-small" disabled={busy} data-testid="scenario-save-submit">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-small" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert" data-testid="scenario-save-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function SavedList({ list, activeId, status, error }: { list: SavedScenario[]; activeId: string | null; status: string; error: string | null }) {
  const [deleting, setDeleting] = useState<SavedScenario | null>(null);
  if (status === 'error' && list.length === 0) {
    return (
      <p className="field-error" role="alert">
        Saved scenarios could not be listed. {error}
      </p>
    );
  }
  return (
    <>
      <h3 className="scn-subtitle">Saved in this workspace</h3>
      {list.length === 0 ? (
        <p className="lever-help" data-testid="scenario-saved-empty">
          {status === 'loading' ? 'Loading…' : 'None yet. Saved scenarios keep their levers, assumptions, horizon and seed, so they re-run to the same bands.'}
        </p>
      ) : (
        <ul className="saved-list" data-testid="scenario-saved-list">
          {list.map((s) => (
            <SavedRow key={s.id} scenario={s} active={s.id === activeId} onDelete={() => setDeleting(s)} />
          ))}
        </ul>
      )}
      {deleting ? <ConfirmDelete scenario={deleting} onClose={() => setDeleting(null)} /> : null}
    </>
  );
}

function SavedRow({ scenario, active, onDelete }: { scenario: SavedScenario; active: boolean; onDelete: () => void }) {
  const load = useAppStore((s) => s.loadSavedScenario);
  const duplicate = useAppStore((s) => s.duplicateSavedScenario);
  const rename = useAppStore((s) => s.renameSavedScenario);
  const notify = useAppStore((s) => s.notify);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(scenario.name);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const submitRename = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('A scenario needs a name.');
    if (name.trim() === scenario.name) return setRenaming(false);
    const result = await rename(scenario.id, name.trim());
    if (result.ok) setRenaming(false);
    else setError(result.error.message);
  };

  if (renaming) {
    return (
      <li className="saved-row saved-row-editing" data-testid="saved-row">
        <form className="scn-inline-form" onSubmit={(e) => void submitRename(e)} noValidate>
          <label className="visually-hidden" htmlFor={inputId}>
            New name for {scenario.name}
          </label>
          <div className="scn-inline-row">
            <input
              id={inputId}
              className="text-input text-input-plain"
              autoFocus
              maxLength={120}
              value={name}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setRenaming(false);
                  setName(scenario.name);
                  setError(null);
                }
              }}
              data-testid="scenario-rename-input"
            />
            <button type="submit" className="button button-primary button-small" data-testid="scenario-rename-submit">
              Rename
            </button>
          </div>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      </li>
    );
  }

  return (
    <li className={`saved-row${active ? ' saved-row-active' : ''}`} data-testid="saved-row" data-name={scenario.name}>
      <button type="button" className="saved-load" onClick={() => load(scenario.id)} aria-current={active || undefined} title="Load into the builder" data-testid="saved-load">
        <span className="saved-name">{scenario.name}</span>
        <span className="saved-meta tabular">
          {describeLevers(scenario)} · {scenario.quarters} q · saved {formatDay(scenario.updatedAt.slice(0, 10))}
        </span>
      </button>
      <div className="saved-actions">
        <button
          type="button"
          className="link-button"
          data-testid="saved-duplicate"
          aria-label={`Duplicate ${scenario.name}`}
          onClick={() =>
            void duplicate(scenario.id).then((r) => (r.ok ? notify('info', `Duplicated as “${r.value.name}”.`) : notify('error', r.error.message)))
          }
        >
          Duplicate
        </button>
        <button type="button" className="link-button" data-testid="saved-rename" aria-label={`Rename ${scenario.name}`} onClick={() => (setName(scenario.name), setError(null), setRenaming(true))}>
          Rename
        </button>
        <button type="button" className="link-button link-button-danger" data-testid="saved-delete" aria-label={`Delete ${scenario.name}`} onClick={onDelete}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** "Cap 25% · refactor 1 in 3 · review > 50%" — what a saved scenario does, at a glance. */
export function describeLevers(s: Pick<SavedScenario, 'levers'>): string {
  const parts: string[] = [];
  const { capAi, refactor, tieredReview, aiFreeRepos } = s.levers;
  if (capAi) parts.push(`cap ${Math.round(capAi.share * 100)}%${capAi.teams?.length ? ` (${capAi.teams.length} team${capAi.teams.length > 1 ? 's' : ''})` : ''}`);
  if (refactor) parts.push(`refactor ${Math.round(refactor.capacity * 100)}% of 1 in ${refactor.everyNthSprint}`);
  if (tieredReview) parts.push(`review > ${Math.round(tieredReview.aboveShare * 100)}%`);
  if (aiFreeRepos?.length) parts.push(`${aiFreeRepos.length} AI-free repo${aiFreeRepos.length > 1 ? 's' : ''}`);
  const text = parts.length > 0 ? parts.join(' · ') : 'no levers';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ConfirmDelete({ scenario, onClose }: { scenario: SavedScenario; onClose: () => void }) {
  const remove = useAppStore((s) => s.deleteSavedScenario);
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  const confirm = async () => {
    setBusy(true);
    const result = await remove(scenario.id);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error.message);
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="scenario-delete-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Delete “{scenario.name}”?
      </h2>
      <p className="dialog-text">The scenario is removed from this workspace. This cannot be undone.</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy} data-testid="scenario-delete-confirm">
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </dialog>
  );
}
