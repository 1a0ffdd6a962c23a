/** In-app New/Open dialog for shells without native file dialogs (browser mode). */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '../store/react';

export function PathDialog() {
  const dialog = useAppStore((s) => s.ui.pathDialog);
  if (!dialog) return null;
  return <PathDialogOpen key={dialog.purpose} />;
}

function PathDialogOpen() {
  const purpose = useAppStore((s) => s.ui.pathDialog?.purpose ?? 'open');
  const error = useAppStore((s) => s.ui.pathDialog?.error ?? null);
  const busy = useAppStore((s) => s.ui.pathDialog?.busy ?? false);
  const submit = useAppStore((s) => s.submitPathDialog);
  const close = useAppStore((s) => s.closePathDialog);
  const ref = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState('');
  const titleId = useId();
  const helpId = useId();
  const errorId = useId();

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(path);
  };

  const create = purpose === 'create';
  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="path-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) close();
      }}
    >
      <form onSubmit={onSubmit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {create ? 'New workspace' : 'Open workspace'}
        </h2>
        <p id={helpId} className="dialog-text">
          {create
            ? 'A workspace is one .duckdb file on this computer. Type the full path of the new file; an existing file is never overwritten.'
            : 'Type the full path of an Undertow workspace file (.duckdb) on this computer.'}
        </p>
        <label className="field-label" htmlFor={`${titleId}-input`}>
          Workspace file
        </label>
        <input
          id={`${titleId}-input`}
          className="text-input"
          data-testid="path-input"
          type="text"
          autoFocus
          spellCheck={false}
          autoComplete="off"
          placeholder={create ? '/home/me/acme.duckdb' : '/home/me/acme.duckdb'}
          value={path}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${helpId} ${errorId}` : helpId}
          onChange={(e) => setPath(e.target.value)}
        />
        {error ? (
          <p id={errorId} className="field-error" data-testid="path-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="path-submit" disabled={busy}>
            {busy ? (create ? 'Creating…' : 'Opening…') : create ? 'Create' : 'Open'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
