/**
 * Data → Org map: who and what belongs to which team (people with seniority, repos, PagerDuty
 * services, Jira projects and components). Lists what the data names but no team owns; every edit
 * recomputes attribution and links (the numbers on every view follow at once).
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { orgEntryTypes, seniorityLevels, type OrgEntry, type OrgEntryType, type OrgTeam, type OrgUnknown, type Seniority } from '../../../../shared/data';
import { downloadText } from '../../lib/download';
import { formatAgo, plural } from '../../lib/data-format';
import { formatCount } from '../../lib/format';
import { useAppStore } from '../../store/react';
import { slotData } from '../../store/slot';
import { EmptyState, Loading, ViewError } from '../states';
import { Glyph, InlineError } from './ui';

export const TYPE_LABELS: Record<OrgEntryType, { one: string; many: string; rows: string; hint: string }> = {
  person: { one: 'Person', many: 'People', rows: 'PR', hint: 'GitHub login' },
  repo: { one: 'Repository', many: 'Repositories', rows: 'PR', hint: 'owner/name' },
  service: { one: 'Service', many: 'PagerDuty services', rows: 'incident', hint: 'service name or id' },
  jira_project: { one: 'Jira project', many: 'Jira projects', rows: 'issue', hint: 'project key, e.g. PAY' },
  jira_component: { one: 'Jira component', many: 'Jira components', rows: 'issue', hint: 'component name' },
};

const TEAMS_LIST_ID = 'org-team-names';
const PAGE = 200;

export function OrgPanel() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadOrg);
  const mapSlot = useAppStore((s) => s.orgMap);
  const path = useAppStore((s) => s.app.workspace?.path);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  const map = slotData(mapSlot, path);

  if (!map && mapSlot.status === 'error') return <ViewError title="The org map could not be loaded" error={mapSlot.error} onRetry={() => void load(true)} />;
  if (!map) return <Loading label="Loading the org map…" />;
  return (
    <div className="dv-stack">
      <datalist id={TEAMS_LIST_ID}>
        {map.teams.map((t) => (
          <option key={t.teamId} value={t.name} />
        ))}
      </datalist>
      <UnknownsCard />
      <MapCard entries={map.entries} teams={map.teams} />
    </div>
  );
}

function UnknownsCard() {
  const slot = useAppStore((s) => s.orgUnknowns);
  const path = useAppStore((s) => s.app.workspace?.path);
  const data = slotData(slot, path);
  const [type, setType] = useState<OrgEntryType | 'all'>('all');
  if (!data && slot.status === 'error') return <InlineError error={slot.error} />;
  if (!data) return <Loading label="Looking for unmapped people, repos and services…" />;
  const total = orgEntryTypes.reduce((n, t) => n + data.totals[t], 0);
  if (total === 0)
    return (
      <EmptyState icon="info" title="Everything in the data belongs to a team" testId="org-unknowns-empty">
        <p className="state-text">People, repositories, services and Jira projects seen in imports all have a team in the map below.</p>
      </EmptyState>
    );
  const shown = data.items.filter((i) => type === 'all' || i.type === type);
  return (
    <section className="card dv-unknowns" aria-labelledby="org-unknowns-title" data-testid="org-unknowns">
      <header className="dv-card-head">
        <div>
          <h2 className="card-title" id="org-unknowns-title">
            Not mapped yet <span className="badge badge-warning">{formatCount(total)}</span>
          </h2>
          <p className="dv-muted">Seen in the data but owned by no team: their PRs, incidents and issues are left out of team numbers. Give each a team.</p>
        </div>
        <div className="dv-filter-chips" role="group" aria-label="Show">
          {(['all', ...orgEntryTypes] as const)
            .filter((t) => t === 'all' || data.totals[t] > 0)
            .map((t) => (
              <button key={t} type="button" className="dv-chip" aria-pressed={type === t} onClick={() => setType(t)}>
                {t === 'all' ? 'All' : TYPE_LABELS[t].many} <span className="tabular">{formatCount(t === 'all' ? total : data.totals[t])}</span>
              </button>
            ))}
        </div>
      </header>
      <ul className="dv-unknown-list">
        {shown.map((item) => (
          <UnknownRow key={`${item.type}:${item.key}`} item={item} />
        ))}
      </ul>
    </section>
  );
}

function UnknownRow({ item }: { item: OrgUnknown }) {
  const upsert = useAppStore((s) => s.upsertOrg);
  const saving = useAppStore((s) => s.orgSaving);
  const [team, setTeam] = useState('');
  const [seniority, setSeniority] = useState<Seniority | ''>('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (team.trim() === '') {
      setError('Type or pick a team.');
      return;
    }
    const result = await upsert([{ type: item.type, key: item.key, team: team.trim(), ...(item.type === 'person' ? { seniority: seniority || null } : {}) }]);
    if (!result.ok) setError(result.error.message);
  };
  const labels = TYPE_LABELS[item.type];
  return (
    <li className="dv-unknown" data-testid="org-unknown" data-key={item.key} data-type={item.type}>
      <form className="dv-unknown-form" onSubmit={(e) => void submit(e)}>
        <div className="dv-unknown-what">
          <span className="badge">{labels.one}</span>
          <span className="mono dv-strong" id={`${id}-key`}>
            {item.key}
          </span>
          <span className="dv-muted dv-small">
            {plural(item.rows, labels.rows)}
            {item.lastSeen ? ` · last ${formatAgo(item.lastSeen)}` : ''}
          </span>
        </div>
        <input
          className="text-input dv-input"
          list={TEAMS_LIST_ID}
          placeholder="Team"
          aria-label={`Team of ${item.key}`}
          value={team}
          onChange={(e) => {
            setTeam(e.target.value);
            setError(null);
          }}
          data-testid="org-unknown-team"
        />
        {item.type === 'person' ? (
          <select className="dv-select dv-input-narrow" aria-label={`Seniority of ${item.key}`} value={seniority} onChange={(e) => setSeniority(e.target.value as Seniority | '')} data-testid="org-unknown-seniority">
            <option value="">Seniority…</option>
            {seniorityLevels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        ) : null}
        <button type="submit" className="button" disabled={saving} data-testid="org-unknown-map">
          Map
        </button>
      </form>
      <InlineError error={error} />
    </li>
  );
}

function MapCard({ entries, teams }: { entries: OrgEntry[]; teams: OrgTeam[] }) {
  const exportOrg = useAppStore((s) => s.exportOrg);
  const addFiles = useAppStore((s) => s.addImportFiles);
  const setTab = useAppStore((s) => s.setDataTab);
  const [query, setQuery] = useState('');
  const [type, setType] = useState<OrgEntryType | 'all'>('all');
  const [team, setTeam] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return entries.filter((e) => (type === 'all' || e.type === type) && (team === null || e.teamId === team) && (q === '' || e.key.toLowerCase().includes(q) || e.teamName.toLowerCase().includes(q)));
  }, [entries, query, type, team]);

  const exportCsv = async () => {
    const result = await exportOrg();
    if (!result.ok) setError(result.error.message);
    else downloadText('org-map.csv', result.value.csv);
  };

  return (
    <section className="card card-flush dv-orgmap" aria-labelledby="org-map-title" data-testid="org-map">
      <header className="dv-card-head dv-card-head-padded">
        <div>
          <h2 className="card-title" id="org-map-title">
            Org map
          </h2>
          <p className="dv-muted">
            {plural(entries.length, 'row')} across {plural(teams.length, 'team')}. One CSV (type,key,team,seniority) holds it all: export it, edit it in a spreadsheet, import it back.
          </p>
        </div>
        <div className="dv-actions">
          <button type="button" className="button" onClick={() => csvInput.current?.click()} data-testid="org-import">
            <Glyph name="upload" />
            Import CSV…
          </button>
          <input
            ref={csvInput}
            type="file"
            accept=".csv,text/csv"
            hidden
            onChange={(e) => {
              const picked = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              if (picked.length === 0) return;
              setTab('import');
              void addFiles(picked);
            }}
          />
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={entries.length === 0} data-testid="org-export">
            <Glyph name="download" />
            Export CSV
          </button>
        </div>
      </header>
      <InlineError error={error} />
      <AddRow />
      {teams.length > 0 ? (
        <div className="dv-filter-chips dv-card-head-padded dv-team-chips" role="group" aria-label="Show one team">
          <button type="button" className="dv-chip" aria-pressed={team === null} onClick={() => setTeam(null)}>
            All teams
          </button>
          {teams.map((t) => {
            const members = orgEntryTypes.reduce((n, k) => n + t.counts[k], 0);
            return (
              <button key={t.teamId} type="button" className="dv-chip" aria-pressed={team === t.teamId} onClick={() => setTeam(team === t.teamId ? null : t.teamId)} title={`${t.counts.person} people, ${t.counts.repo} repositories, ${t.counts.service} services`}>
                {t.name} <span className="tabular">{formatCount(members)}</span>
              </button>
            );
          })}
        </div>
      ) : null}
      <div className="dv-toolbar dv-card-head-padded">
        <input className="text-input dv-input dv-search" type="search" placeholder="Filter by key or team" aria-label="Filter the org map" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="org-filter" />
        <select className="dv-select dv-input-narrow" aria-label="Show type" value={type} onChange={(e) => setType(e.target.value as OrgEntryType | 'all')}>
          <option value="all">All types</option>
          {orgEntryTypes.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t].many}
            </option>
          ))}
        </select>
        <span className="dv-muted dv-small" aria-live="polite">
          {filtered.length === entries.length ? '' : `${formatCount(filtered.length)} of ${formatCount(entries.length)}`}
        </span>
      </div>
      {entries.length === 0 ? (
        <p className="dv-muted dv-card-head-padded">The map is empty. Map the unknowns above, add rows, or import an org-map CSV.</p>
      ) : (
        <div className="dv-table-scroll">
          <table className="table table-compact" data-testid="org-table">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Key</th>
                <th scope="col">Team</th>
                <th scope="col">Seniority</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {filtered.slice(0, limit).map((e) => (
                <MapRow key={`${e.type}:${e.key}`} entry={e} />
              ))}
            </tbody>
          </table>
          {filtered.length > limit ? (
            <p className="dv-card-head-padded">
              <button type="button" className="button button-ghost" onClick={() => setLimit((n) => n + PAGE)}>
                Show {formatCount(Math.min(PAGE, filtered.length - limit))} more of {formatCount(filtered.length - limit)}
              </button>
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}

function AddRow() {
  const upsert = useAppStore((s) => s.upsertOrg);
  const saving = useAppStore((s) => s.orgSaving);
  const [type, setType] = useState<OrgEntryType>('person');
  const [key, setKey] = useState('');
  const [team, setTeam] = useState('');
  const [seniority, setSeniority] = useState<Seniority | ''>('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (key.trim() === '' || team.trim() === '') {
      setError(`Enter the ${TYPE_LABELS[type].hint} and a team.`);
      return;
    }
    const result = await upsert([{ type, key: key.trim(), team: team.trim(), ...(type === 'person' ? { seniority: seniority || null } : {}) }]);
    if (!result.ok) setError(result.error.message);
    else {
      setKey('');
      setError(null);
    }
  };
  return (
    <form className="dv-add-row dv-card-head-padded" onSubmit={(e) => void submit(e)} aria-label="Add to the org map" data-testid="org-add">
      <select className="dv-select dv-input-narrow" aria-label="Type" value={type} onChange={(e) => setType(e.target.value as OrgEntryType)}>
        {orgEntryTypes.map((t) => (
          <option key={t} value={t}>
            {TYPE_LABELS[t].one}
          </option>
        ))}
      </select>
      <input className="text-input dv-input" placeholder={TYPE_LABELS[type].hint} aria-label="Key" value={key} onChange={(e) => setKey(e.target.value)} data-testid="org-add-key" />
      <input className="text-input dv-input" list={TEAMS_LIST_ID} placeholder="Team" aria-label="Team" value={team} onChange={(e) => setTeam(e.target.value)} data-testid="org-add-team" />
      {type === 'person' ? (
        <select className="dv-select dv-input-narrow" aria-label="Seniority" value={seniority} onChange={(e) => setSeniority(e.target.value as Seniority | '')}>
          <option value="">Seniority…</option>
          {seniorityLevels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      ) : null}
      <button type="submit" className="button" disabled={saving} data-testid="org-add-submit">
        Add
      </button>
      <InlineError error={error} />
    </form>
  );
}

function MapRow({ entry }: { entry: OrgEntry }) {
  const upsert = useAppStore((s) => s.upsertOrg);
  const remove = useAppStore((s) => s.removeOrg);
  const saving = useAppStore((s) => s.orgSaving);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [team, setTeam] = useState(entry.teamName);
  const [seniority, setSeniority] = useState<Seniority | ''>(entry.seniority ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!confirming) return;
    const timer = setTimeout(() => setConfirming(false), 5000);
    return () => clearTimeout(timer);
  }, [confirming]);

  const save = async () => {
    const result = await upsert([{ type: entry.type, key: entry.key, team: team.trim(), ...(entry.type === 'person' ? { seniority: seniority || null } : {}) }]);
    if (result.ok) {
      setEditing(false);
      setError(null);
    } else setError(result.error.message);
  };
  const removeRow = async () => {
    const result = await remove([{ type: entry.type, key: entry.key }]);
    if (!result.ok) setError(result.error.message);
  };

  return (
    <tr data-testid="org-row" data-key={entry.key} data-type={entry.type}>
      <td className="dv-muted dv-nowrap">{TYPE_LABELS[entry.type].one}</td>
      <th scope="row" className="mono dv-key">
        {entry.key}
      </th>
      <td>
        {editing ? (
          <input
            className="text-input dv-input"
            list={TEAMS_LIST_ID}
            aria-label={`Team of ${entry.key}`}
            value={team}
            autoFocus
            onChange={(e) => setTeam(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
              if (e.key === 'Escape') setEditing(false);
            }}
          />
        ) : (
          <span data-testid="org-row-team">{entry.teamName}</span>
        )}
        <InlineError error={error} />
      </td>
      <td>
        {entry.type !== 'person' ? (
          <span className="dv-muted">–</span>
        ) : editing ? (
          <select className="dv-select dv-input-narrow" aria-label={`Seniority of ${entry.key}`} value={seniority} onChange={(e) => setSeniority(e.target.value as Seniority | '')}>
            <option value="">not set</option>
            {seniorityLevels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        ) : (
          (entry.seniority ?? <span className="dv-muted">not set</span>)
        )}
      </td>
      <td className="dv-row-actions">
        {editing ? (
          <>
            <button type="button" className="button dv-button-small" onClick={() => void save()} disabled={saving || team.trim() === ''}>
              Save
            </button>
            <button type="button" className="button button-ghost dv-button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="icon-button" aria-label={`Edit ${entry.key}`} onClick={() => setEditing(true)}>
              <Glyph name="edit" />
            </button>
            {confirming ? (
              <button type="button" className="button dv-button-small dv-button-danger" onClick={() => void removeRow()} disabled={saving}>
                Remove
              </button>
            ) : (
              <button type="button" className="icon-button" aria-label={`Remove ${entry.key} from the map`} onClick={() => setConfirming(true)}>
                <Glyph name="trash" />
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
