/** The states every view has: loading, empty, error. */
import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';
import { Icon, type IconName } from './icons';

export function Loading({ label = 'Loading…', children }: { label?: string; children?: ReactNode }) {
  return (
    <div className="loading" data-testid="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {children ?? (
        <div className="skeleton-stack" aria-hidden="true">
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-block" />
        </div>
      )}
    </div>
  );
}

export function ViewError({ title = 'This view could not be loaded', error, onRetry }: { title?: string; error: AppError | null; onRetry?: () => void }) {
  return (
    <div className="state-panel state-error" data-testid="view-error" role="alert">
      <Icon name="alert" size={20} className="state-icon" />
      <div>
        <h2 className="state-title">{title}</h2>
        <p className="state-text">{error?.message ?? 'Something went wrong.'}</p>
        {onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function EmptyState({ icon = 'info', title, children, testId }: { icon?: IconName; title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="state-panel state-empty" data-testid={testId ?? 'empty'}>
      <Icon name={icon} size={20} className="state-icon" />
      <div>
        <h2 className="state-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function ViewHeader({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="view-header">
      <div>
        <h1 className="view-title">{title}</h1>
        {children ? <p className="view-subtitle">{children}</p> : null}
      </div>
      {actions ? <div className="view-actions">{actions}</div> : null}
    </header>
  );
}

/** A small honest note about what a view does not show yet. */
export function Caption({ children }: { children: ReactNode }) {
  return (
    <p className="caption">
      <Icon name="info" size={14} />
      <span>{children}</span>
    </p>
  );
}
