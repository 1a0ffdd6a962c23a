import type { ReactNode } from 'react';
import { Icon } from './icons';

/** Nothing else can work: say why and what to do. */
export function FullPageError({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <main className="full-page-error" data-testid={testId}>
      <div className="full-page-card" role="alert">
        <Icon name="alert" size={24} className="state-icon" />
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function TokenError({ rejected }: { rejected: boolean }) {
  return (
    <FullPageError title={rejected ? 'This access link is not valid' : 'This page needs its access link'} testId="auth-error">
      <p>
        {rejected
          ? 'The Undertow host did not accept this page’s access token. Each launch of the host issues a new one, so links from earlier launches stop working.'
          : 'Browser mode only answers pages opened with the access token of the current launch.'}
      </p>
      <p>
        Open the URL printed by <code>npm run serve</code> — it looks like <code>http://127.0.0.1:PORT/#token=…</code>.
      </p>
    </FullPageError>
  );
}
