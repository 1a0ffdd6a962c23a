/**
 * Data → AI rules: the attribution rules (product.md §4) with how many PRs each matches, a live
 * count while a rule is edited, enable/disable, add, edit, delete. Saving recomputes every PR's AI
 * share at once — no re-import.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { attributionConfidences, attributionRuleKinds, type AttributionDraftCount, type AttributionRuleInput, type AttributionRuleKind, type AttributionRuleView } from '../../../../shared/data';
import { formatCount, formatShare } from '../../lib/format';
import { useAppStore } from '../../store/react';
import { slotData } from '../../store/slot';
import { Loading, ViewError } from '../states';
import { Glyph, InlineError, Spinner } from './ui';

export const KIND_LABELS: Record<AttributionRuleKind, { label: string; group: string; pattern: string; placeholder: string }> = {
  trailer: { label: 'Commit trailer', group: 'Commit trailers', pattern: 'Regular expression, one line at a time, case-insensitive', placeholder: '^Co-authored-by:.*\\bClaude\\b' },
  body_marker: { label: 'Message marker', group: 'Markers in commit messages and PR bodies', pattern: 'Regular expression over commit messages and PR bodies', placeholder: 'Generated with \\[Claude Code\\]' },
  bot_author: { label: 'Bot author', group: 'Bot and agent authors', pattern: 'Login, exact (case-insensitive)', placeholder: 'copilot-swe-agent[bot]' },
  label: { label: 'PR label', group: 'PR labels', pattern: 'Label, exact (case-insensitive)', placeholder: 'ai-assisted' },
  branch_prefix: { label: 'Branch prefix', group: 'Branch prefixes', pattern: 'Start of the head branch (case-insensitive)', placeholder: 'copilot/' },
  copilot_usage: { label: 'Copilot usage', group: 'Copilot usage reports', pattern: 'No pattern: accepted Copilot lines per author and day', placeholder: '' },
};

const LIVE_DELAY_MS = 300;

export function RulesPanel() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadAttributionRules);
  const slot = useAppStore((s) => s.attributionRules);
  const path = useAppStore((s) => s.app.workspace?.path);
  const [editing, setEditing] = useState<AttributionRuleView | 'new' | null>(null);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  const data = slotData(slot, path);

  if (!data && slot.status === 'error') return <ViewError title="The attribution rules could not be loaded" error={slot.error} onRetry={() => void load(true)} />;
  if (!data) return <Loading label="Counting the PRs each rule matches…" />;
  const share = data.pullRequests > 0 ? data.withEvidence / data.pullRequests : null;
  return (
    <div className="dv-stack">
      <section className="card dv-rules-summary" aria-live="polite">
        <div>
          <h2 className="card-title">AI attribution</h2>
          <p data-testid="rules-summary">
            <span className="dv-big tabular">{formatCount(data.withEvidence)}</span> of {formatCount(data.pullRequests)} PRs
            {share !== null ? ` (${formatShare(share, 0)})` : ''} carry AI evidence under the enabled rules.
          </p>
          <p className="dv-muted dv-small">
            A PR matched by several rules counts once; its confidence is that of the strongest rule. Changes apply to every PR at once; nothing is re-imported.
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')} disabled={editing !== null} data-testid="rules-add">
          Add rule
        </button>
      </section>
      {editing === 'new' ? <RuleEditor rule={null} onDone={() => setEditing(null)} /> : null}
      <section className="card card-flush" aria-label="Rules">
        <div className="dv-table-scroll">
          <table className="table table-compact dv-rules dv-table-roomy" data-testid="rules-table">
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col">Rule</th>
                <th scope="col">Pattern</th>
                <th scope="col">Confidence</th>
                <th scope="col" className="num" title="PRs the rule matches, whatever else matches them">
                  PRs
                </th>
                <th scope="col" className="num" title="PRs whose only evidence is this rule: disabling it makes them non-AI">
                  Sole evidence
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            {attributionRuleKinds
              .map((kind) => ({ kind, rules: data.rules.filter((r) => r.kind === kind) }))
              .filter((group) => group.rules.length > 0)
              .map((group) => (
                <tbody key={group.kind}>
                  <tr className="dv-group-row">
                    <th scope="colgroup" colSpan={7}>
                      {KIND_LABELS[group.kind].group} <span className="dv-muted tabular">{group.rules.length}</span>
                    </th>
                  </tr>
                  {group.rules.map((rule) =>
                    editing !== 'new' && editing?.ruleId === rule.ruleId ? (
                      <tr key={rule.ruleId} className="dv-editing-row">
                        <td colSpan={7}>
                          <RuleEditor rule={rule} onDone={() => setEditing(null)} />
                        </td>
                      </tr>
                    ) : (
                      <RuleRow key={rule.ruleId} rule={rule} onEdit={() => setEditing(rule)} busy={editing !== null} />
                    ),
                  )}
                </tbody>
              ))}
          </table>
        </div>
      </section>
    </div>
  );
}

function RuleRow({ rule, onEdit, busy }: { rule: AttributionRuleView; onEdit: () => void; busy: boolean }) {
  const save = useAppStore((s) => s.saveAttributionRule);
  const saving = useAppStore((s) => s.ruleSaving);
  const notify = useAppStore((s) => s.notify);
  const toggle = async () => {
    const result = await save({ ruleId: rule.ruleId, kind: rule.kind, pattern: rule.pattern, tool: rule.tool, confidence: rule.confidence, enabled: !rule.enabled, description: rule.description });
    if (!result.ok) notify('error', result.error.message);
  };
  return (
    <tr data-testid="rule-row" data-rule={rule.ruleId} className={rule.enabled ? undefined : 'row-muted'}>
      <td>
        <input type="checkbox" className="dv-checkbox" checked={rule.enabled} disabled={saving !== null} onChange={() => void toggle()} aria-label={`${rule.enabled ? 'Disable' : 'Enable'} ${rule.ruleId}`} data-testid="rule-enabled" />
      </td>
      <th scope="row">
        <span className="mono dv-rule-id">{rule.ruleId}</span>
        {rule.builtin ? <span className="badge dv-badge-small">built-in</span> : null}
        {rule.description ? <span className="dv-muted dv-small dv-block">{rule.description}</span> : null}
      </th>
      <td className="mono dv-pattern" title={rule.pattern}>
        {rule.kind === 'copilot_usage' ? <span className="dv-muted">usage reports</span> : rule.pattern}
      </td>
      <td>
        <span className={`badge dv-conf-${rule.confidence}`}>{rule.confidence}</span>
      </td>
      <td className="num tabular" data-testid="rule-prs">
        {formatCount(rule.prs)}
      </td>
      <td className="num tabular">{formatCount(rule.soleEvidence)}</td>
      <td className="dv-row-actions">
        {saving === rule.ruleId ? <Spinner label="Recomputing…" /> : null}
        <button type="button" className="icon-button" aria-label={`Edit ${rule.ruleId}`} onClick={onEdit} disabled={busy} data-testid="rule-edit">
          <Glyph name="edit" />
        </button>
      </td>
    </tr>
  );
}

function RuleEditor({ rule, onDone }: { rule: AttributionRuleView | null; onDone: () => void }) {
  const save = useAppStore((s) => s.saveAttributionRule);
  const remove = useAppStore((s) => s.deleteAttributionRule);
  const preview = useAppStore((s) => s.previewAttributionRules);
  const saving = useAppStore((s) => s.ruleSaving);
  const [kind, setKind] = useState<AttributionRuleKind>(rule?.kind ?? 'label');
  const [pattern, setPattern] = useState(rule?.pattern ?? '');
  const [tool, setTool] = useState(rule?.tool ?? '');
  const [confidence, setConfidence] = useState(rule?.confidence ?? 'medium');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [live, setLive] = useState<{ key: string; count: AttributionDraftCount } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const id = useId();

  const draft: AttributionRuleInput = { kind, pattern: kind === 'copilot_usage' ? '' : pattern, tool: tool.trim() || null, confidence, enabled, description: description.trim() || null, ...(rule ? { ruleId: rule.ruleId } : {}) };
  const draftKey = `${kind}\n${draft.pattern}`;
  const empty = kind !== 'copilot_usage' && pattern.trim() === '';

  // Live count while typing: debounced, and only the answer for what is typed now is shown.
  useEffect(() => {
    if (empty) return;
    let current = true;
    const timer = setTimeout(() => {
      void preview([{ kind, pattern: kind === 'copilot_usage' ? '' : pattern, confidence: 'medium' }]).then((result) => {
        if (!current) return;
        const count: AttributionDraftCount = result.ok ? result.value[0]! : { ok: false, error: result.error.message, field: null };
        setLive({ key: `${kind}\n${kind === 'copilot_usage' ? '' : pattern}`, count });
      });
    }, LIVE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, pattern, empty, preview]);

  const count = live?.key === draftKey ? live.count : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await save(draft);
    if (result.ok) onDone();
    else setError(result.error.message);
  };
  const del = async () => {
    if (!rule) return;
    const result = await remove(rule.ruleId);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <form className="dv-rule-editor" onSubmit={(e) => void submit(e)} aria-label={rule ? `Edit ${rule.ruleId}` : 'New rule'} data-testid="rule-editor">
      <h3 className="dv-subtitle">{rule ? `Edit ${rule.ruleId}` : 'New rule'}</h3>
      <div className="dv-form-grid">
        <div className="dv-field">
          <label className="field-label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select id={`${id}-kind`} className="dv-select" value={kind} disabled={rule?.builtin} onChange={(e) => setKind(e.target.value as AttributionRuleKind)} data-testid="rule-kind">
            {attributionRuleKinds.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k].label}
              </option>
            ))}
          </select>
        </div>
        <div className="dv-field dv-field-wide">
          <label className="field-label" htmlFor={`${id}-pattern`}>
            Pattern
          </label>
          <input
            id={`${id}-pattern`}
            className="text-input"
            value={kind === 'copilot_usage' ? '' : pattern}
            disabled={kind === 'copilot_usage'}
            placeholder={KIND_LABELS[kind].placeholder}
            onChange={(e) => {
              setPattern(e.target.value);
              setError(null);
            }}
            aria-describedby={`${id}-pattern-hint ${id}-live`}
            aria-invalid={count && !count.ok ? true : undefined}
            data-testid="rule-pattern"
          />
          <p className="dv-muted dv-small" id={`${id}-pattern-hint`}>
            {KIND_LABELS[kind].pattern}
          </p>
        </div>
        <div className="dv-field">
          <label className="field-label" htmlFor={`${id}-tool`}>
            Tool
          </label>
          <input id={`${id}-tool`} className="text-input" value={tool} placeholder="from the match" onChange={(e) => setTool(e.target.value)} />
        </div>
        <div className="dv-field">
          <label className="field-label" htmlFor={`${id}-confidence`}>
            Confidence
          </label>
          <select id={`${id}-confidence`} className="dv-select" value={confidence} onChange={(e) => setConfidence(e.target.value as typeof confidence)}>
            {attributionConfidences.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="dv-field dv-field-wide">
          <label className="field-label" htmlFor={`${id}-description`}>
            Description
          </label>
          <input id={`${id}-description`} className="text-input dv-input-plain" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Why this marks AI-assisted work" />
        </div>
      </div>
      <div className="dv-live" id={`${id}-live`} aria-live="polite" data-testid="rule-live">
        {empty ? (
          <span className="dv-muted">Type a pattern to see how many PRs it matches.</span>
        ) : !count ? (
          <Spinner label="Counting…" />
        ) : count.ok ? (
          <span>
            Matches <strong className="tabular" data-testid="rule-live-prs">{formatCount(count.prs)}</strong> {count.prs === 1 ? 'PR' : 'PRs'} ({formatCount(count.commits)} commits)
            {rule ? <span className="dv-muted"> · saved version: {formatCount(rule.prs)}</span> : null}
          </span>
        ) : (
          <span className="dv-error-text">{count.error}</span>
        )}
      </div>
      <InlineError error={error} testId="rule-error" />
      <div className="dv-actions">
        <label className="dv-check">
          <input type="checkbox" className="dv-checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        <span className="dv-spacer" />
        {rule && !rule.builtin ? (
          confirmDelete ? (
            <button type="button" className="button dv-button-danger" onClick={() => void del()} disabled={saving !== null}>
              Delete rule
            </button>
          ) : (
            <button type="button" className="button button-ghost" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )
        ) : null}
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving !== null || empty || (count !== null && !count.ok)} data-testid="rule-save">
          {saving !== null ? 'Saving and recomputing…' : 'Save and recompute'}
        </button>
      </div>
    </form>
  );
}
