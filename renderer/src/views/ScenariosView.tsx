import { EmptyState, ViewHeader } from '../components/states';

export function ScenariosView() {
  return (
    <section className="view" data-testid="view-scenarios">
      <ViewHeader title="Scenarios">Try policies before the board meeting, not after the next outage.</ViewHeader>
      <EmptyState icon="scenarios" title="The scenario builder is not available in this version." testId="scenarios-unavailable">
        <p className="state-text">
          It will let you cap AI share, schedule refactoring sprints or require senior review of AI-heavy pull requests, and compare the
          projected delivery, incidents, support load and NPS with uncertainty bands.
        </p>
      </EmptyState>
    </section>
  );
}
