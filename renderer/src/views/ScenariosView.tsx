/**
 * Scenarios: the builder a leader uses before a board meeting (product.md §2 journey 5, §8). Levers
 * and assumptions on the left, re-run live; the projection, the comparison and the replay on the
 * right.
 */
import { useEffect, useState } from 'react';
import { AssumptionsPanel, ParametersPanel } from '../components/scenarios/AssumptionsPanel';
import { ComparePanel } from '../components/scenarios/ComparePanel';
import { Tabs } from '../components/scenarios/controls';
import { LeversPanel } from '../components/scenarios/LeversPanel';
import { ProjectionPanel } from '../components/scenarios/ProjectionPanel';
import { ReplayPanel } from '../components/scenarios/ReplayPanel';
import { RunStatus } from '../components/scenarios/RunStatus';
import { SavedScenarios } from '../components/scenarios/SavedScenarios';
import { EmptyState, Loading, ViewError, ViewHeader } from '../components/states';
import { draftFromSaved, specKey, specOfDraft } from '../store/scenarios-slice';
import { useAppStore } from '../store/react';
import { useInfo } from './hooks';

type Tab = 'projection' | 'compare' | 'replay';

const tabs = [
  { id: 'projection', label: 'Projection' },
  { id: 'compare', label: 'Compare' },
  { id: 'replay', label: 'Replay on last quarter' },
] as const;

function useScenarioDefaults() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadScenarioDefaults);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  return useAppStore((s) => s.scenarios.defaults);
}

/** The loaded scenario's name while the draft still matches it (charts and legends carry it). */
function useUneditedName(): string | null {
  const activeId = useAppStore((s) => s.scenarios.activeId);
  const active = useAppStore((s) => s.scenarios.saved.data?.find((x) => x.id === activeId) ?? null);
  const draft = useAppStore((s) => s.scenarios.draft);
  if (!active) return null;
  return specKey(specOfDraft(draft)) === specKey(specOfDraft(draftFromSaved(active))) ? active.name : null;
}

export function ScenariosView() {
  const defaults = useScenarioDefaults();
  const info = useInfo();
  const reload = useAppStore((s) => s.loadScenarioDefaults);
  const setView = useAppStore((s) => s.setView);
  const noPullRequests = info.data?.tables.pull_requests === 0 || (defaults.status === 'error' && defaults.error?.code === 'invalid_request');

  let body;
  if (noPullRequests) {
    body = (
      <EmptyState icon="scenarios" title="Import GitHub data before building scenarios" testId="scenarios-empty">
        <p className="state-text">
          Scenarios start from your own merged pull requests: their pace, AI share and the incidents linked to them. This workspace has none
          {defaults.error?.code === 'invalid_request' && info.data?.tables.pull_requests !== 0 ? ' in its last complete months' : ''} yet.
        </p>
        <button type="button" className="button button-primary" onClick={() => setView('data')} data-testid="scenarios-go-import">
          Import data
        </button>
      </EmptyState>
    );
  } else if (defaults.status === 'error' && !defaults.data) {
    body = <ViewError title="The scenario builder could not be loaded" error={defaults.error} onRetry={() => void reload(true)} />;
  } else if (!defaults.data) {
    body = <Loading label="Calibrating the scenario model on this workspace…" />;
  } else {
    body = <Builder />;
  }

  return (
    <section className="view view-scenarios" data-testid="view-scenarios" aria-busy={defaults.status === 'loading'}>
      <ViewHeader title="Scenarios" actions={defaults.data && !noPullRequests ? <RunStatus /> : null}>
        Try policies before the board meeting, not after the next outage: what you give up in throughput, and what you get back in incidents,
        support load and NPS — with how sure that is.
      </ViewHeader>
      {body}
    </section>
  );
}

function Builder() {
  const [tab, setTab] = useState<Tab>('projection');
  const name = useUneditedName();
  return (
    <div className="scn-layout">
      <aside className="scn-builder" aria-label="Scenario builder">
        <SavedScenarios />
        <LeversPanel />
        <AssumptionsPanel />
        <ParametersPanel />
      </aside>
      <div className="scn-results">
        <Tabs tabs={tabs} active={tab} onChange={setTab} label="Scenario results" idPrefix="scn" />
        <div role="tabpanel" id={`scn-panel-${tab}`} aria-labelledby={`scn-tab-${tab}`} className="scn-panel" data-testid={`scenario-panel-${tab}`}>
          {tab === 'projection' ? <ProjectionPanel scenarioName={name} /> : tab === 'compare' ? <ComparePanel /> : <ReplayPanel />}
        </div>
      </div>
    </div>
  );
}
