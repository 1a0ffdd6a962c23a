/** The policy levers of the draft: cap AI share, refactoring sprints, tiered review, AI-free repos, horizon, seed. */
import { useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMonth } from '../../lib/format';
import type { LeverDraft, ScenarioDraft } from '../../store/scenarios-slice';
import { useAppStore } from '../../store/react';
import { RangeField, Segmented, Switch } from './controls';

type LeverRecipe = (levers: LeverDraft) => LeverDraft;

function useLeverUpdate() {
  const update = useAppStore((s) => s.updateScenarioDraft);
  return {
    levers: (recipe: LeverRecipe) => update((d) => ({ ...d, levers: recipe(d.levers) })),
    draft: (recipe: (d: ScenarioDraft) => ScenarioDraft) => update(recipe),
  };
}

export function LeversPanel() {
  return (
    <section className="card scn-card" aria-labelledby="scn-levers-title" data-testid="scenario-levers">
      <h2 className="card-title" id="scn-levers-title">
        Levers
      </h2>
      <CapLever />
      <RefactorLever />
      <TieredLever />
      <AiFreeRepos />
      <HorizonAndSeed />
    </section>
  );
}

function CapLever() {
  const cap = useAppStore((s) => s.scenarios.draft.levers.cap);
  const teams = useAppStore(useShallow((s) => s.scenarios.defaults.data?.teams ?? []));
  const { levers } = useLeverUpdate();
  const scopeName = useId();
  const set = (p: Partial<LeverDraft['cap']>) => levers((l) => ({ ...l, cap: { ...l.cap, ...p } }));
  return (
    <fieldset className="lever" data-on={cap.on}>
      <legend className="visually-hidden">Cap AI share</legend>
      <Switch checked={cap.on} onChange={(on) => set({ on })} testId="lever-cap-on">
        Cap AI share
      </Switch>
      <p className="lever-help">Hold each team&apos;s share of AI-written lines at or below the cap.</p>
      {cap.on ? (
        <div className="lever-body">
          <RangeField label="Cap at" value={cap.share} min={0} max={1} step={1} scale={100} unit="%" onChange={(share) => set({ share })} testId="lever-cap-share" />
          <Segmented
            label="Teams the cap applies to"
            name={scopeName}
            value={cap.scope}
            onChange={(scope) => set({ scope })}
            options={[
              { value: 'all', label: 'All teams' },
              { value: 'teams', label: 'Chosen teams' },
            ]}
            testId="lever-cap-scope"
          />
          {cap.scope === 'teams' ? (
            <CheckList
              label="Teams under the cap"
              items={teams}
              selected={cap.teams}
              onChange={(selected) => set({ teams: selected })}
              testId="lever-cap-team"
              empty="No teams in the org map."
            />
          ) : null}
          {cap.scope === 'teams' && cap.teams.length === 0 ? (
            <p className="lever-warning" role="status">
              Choose at least one team: until then the cap applies to no one.
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

function RefactorLever() {
  const refactor = useAppStore((s) => s.scenarios.draft.levers.refactor);
  const { levers } = useLeverUpdate();
  const set = (p: Partial<LeverDraft['refactor']>) => levers((l) => ({ ...l, refactor: { ...l.refactor, ...p } }));
  const every = refactor.everyNthSprint;
  return (
    <fieldset className="lever" data-on={refactor.on}>
      <legend className="visually-hidden">Refactoring sprints</legend>
      <Switch checked={refactor.on} onChange={(on) => set({ on })} testId="lever-refactor-on">
        Refactoring sprints
      </Switch>
      <p className="lever-help">Give part of some sprints to refactoring: fewer PRs now, fewer incidents later.</p>
      {refactor.on ? (
        <div className="lever-body">
          <RangeField
            label={every === 1 ? 'Every sprint' : `Every ${ordinal(every)} sprint`}
            value={every}
            min={1}
            max={12}
            step={1}
            unit={every === 1 ? 'sprint' : 'sprints'}
            onChange={(v) => set({ everyNthSprint: Math.round(v) })}
            testId="lever-refactor-every"
          />
          <RangeField label="Capacity of that sprint" value={refactor.capacity} min={0} max={1} step={5} scale={100} unit="%" onChange={(capacity) => set({ capacity })} testId="lever-refactor-capacity" />
          <RangeField label="Sprint length" value={refactor.sprintWeeks} min={1} max={6} step={1} unit="weeks" onChange={(sprintWeeks) => set({ sprintWeeks: Math.round(sprintWeeks) })} testId="lever-refactor-weeks" />
        </div>
      ) : null}
    </fieldset>
  );
}

function TieredLever() {
  const tiered = useAppStore((s) => s.scenarios.draft.levers.tiered);
  const { levers } = useLeverUpdate();
  const set = (p: Partial<LeverDraft['tiered']>) => levers((l) => ({ ...l, tiered: { ...l.tiered, ...p } }));
  return (
    <fieldset className="lever" data-on={tiered.on}>
      <legend className="visually-hidden">Tiered review</legend>
      <Switch checked={tiered.on} onChange={(on) => set({ on })} testId="lever-tiered-on">
        Tiered review
      </Switch>
      <p className="lever-help">PRs above the threshold need a senior review: extra hours, fewer incidents, a limited senior pool.</p>
      {tiered.on ? (
        <div className="lever-body">
          <RangeField label="Senior review above" value={tiered.aboveShare} min={0} max={1} step={5} scale={100} unit="% AI" onChange={(aboveShare) => set({ aboveShare })} testId="lever-tiered-threshold" />
        </div>
      ) : null}
    </fieldset>
  );
}

function AiFreeRepos() {
  const selected = useAppStore(useShallow((s) => s.scenarios.draft.levers.aiFreeRepos));
  const repos = useAppStore(useShallow((s) => s.scenarios.defaults.data?.repos ?? []));
  const { levers } = useLeverUpdate();
  return (
    <fieldset className="lever" data-on={selected.length > 0}>
      <legend className="lever-legend">
        AI-free repos <span className="lever-count tabular">{selected.length > 0 ? `${selected.length} of ${repos.length}` : 'none'}</span>
      </legend>
      <p className="lever-help">Repos where AI share is held at 0 (payments, auth, anything you would rather write by hand).</p>
      <CheckList label="AI-free repos" items={repos} selected={selected} onChange={(aiFreeRepos) => levers((l) => ({ ...l, aiFreeRepos }))} testId="lever-repo" filterable empty="No repos with merged PRs." />
    </fieldset>
  );
}

function HorizonAndSeed() {
  const quarters = useAppStore((s) => s.scenarios.draft.quarters);
  const seed = useAppStore((s) => s.scenarios.draft.seed);
  const startMonth = useAppStore((s) => s.scenarios.defaults.data?.startMonth ?? null);
  const { draft } = useLeverUpdate();
  const seedId = useId();
  const [seedText, setSeedText] = useState<string | null>(null);
  const seedInvalid = seedText !== null && !/^\d{1,10}$/.test(seedText.trim());
  return (
    <fieldset className="lever lever-last">
      <legend className="visually-hidden">Horizon and seed</legend>
      <RangeField label="Horizon" value={quarters} min={1} max={8} step={1} unit={quarters === 1 ? 'quarter' : 'quarters'} onChange={(q) => draft((d) => ({ ...d, quarters: Math.round(q) }))} testId="lever-quarters">
        {startMonth ? <span className="range-note">from {formatMonth(startMonth, true)}</span> : null}
      </RangeField>
      <div className="seed-row">
        <label className="range-label" htmlFor={seedId}>
          Random seed
        </label>
        <input
          id={seedId}
          className="number-input tabular"
          type="text"
          inputMode="numeric"
          data-testid="lever-seed"
          aria-invalid={seedInvalid || undefined}
          value={seedText ?? String(seed)}
          onChange={(e) => {
            setSeedText(e.target.value);
            const n = Number(e.target.value);
            if (/^\d{1,10}$/.test(e.target.value.trim()) && n <= 2 ** 31 - 1) draft((d) => ({ ...d, seed: n }));
          }}
          onBlur={() => setSeedText(null)}
        />
        <button type="button" className="button button-small" data-testid="lever-seed-new" onClick={() => draft((d) => ({ ...d, seed: (d.seed * 7919 + 104729) % 1_000_003 }))}>
          New seed
        </button>
      </div>
      <p className="lever-help">The same seed gives the same bands; a different seed shows how much of a difference is simulation noise.</p>
    </fieldset>
  );
}

/** A checkbox list, filterable when long; "All"/"None" shortcuts. */
function CheckList({
  label,
  items,
  selected,
  onChange,
  testId,
  filterable,
  empty,
}: {
  label: string;
  items: readonly string[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  testId: string;
  filterable?: boolean;
  empty: string;
}) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? items.filter((i) => i.toLowerCase().includes(q)) : items;
  }, [items, filter]);
  const chosen = new Set(selected);
  if (items.length === 0) return <p className="lever-help">{empty}</p>;
  const toggle = (item: string, on: boolean) => onChange(on ? [...selected, item] : selected.filter((s) => s !== item));
  return (
    <div className="checklist">
      {filterable && items.length > 8 ? (
        <>
          <label className="visually-hidden" htmlFor={filterId}>
            Filter {label.toLowerCase()}
          </label>
          <input id={filterId} className="text-input checklist-filter" type="search" placeholder="Filter repos" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </>
      ) : null}
      <ul className="checklist-items" aria-label={label}>
        {shown.map((item) => (
          <li key={item}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(item)} onChange={(e) => toggle(item, e.target.checked)} data-testid={`${testId}-${item}`} />
              <span className="mono">{item}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 ? <li className="lever-help">Nothing matches “{filter}”.</li> : null}
      </ul>
      {selected.length > 0 ? (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear
        </button>
      ) : null}
    </div>
  );
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}
