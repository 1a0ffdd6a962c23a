/** Controls of the scenario builder: a slider with its number, a switch, tabs. Keyboard first. */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface RangeFieldProps {
  label: ReactNode;
  /** Value in model units (a share is 0..1). */
  value: number;
  min: number;
  max: number;
  step: number;
  /** Display = value × scale (100 shows a share as percent). */
  scale?: number;
  /** Shown after the number ("%", "h", "$"…). */
  unit?: string;
  /** Decimals of the number box. */
  digits?: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  /** Test id of the range input; the number box gets `<testId>-input`. */
  testId?: string;
  /** Extra description under the slider (source, hint). */
  children?: ReactNode;
  /** Marks the value as changed from its default. */
  changed?: boolean;
}

/** "%" sits on the number (25%); other units after a space (4 weeks). */
const unitSuffix = (unit: string | undefined) => (!unit ? '' : unit === '%' ? '%' : ` ${unit}`);

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/**
 * A labelled slider with a number box that edits the same value. The slider emits on every step
 * (the slice debounces runs); the number box commits valid numbers as they are typed and shows the
 * range when a number is outside it.
 */
export function RangeField({ label, value, min, max, step, scale = 1, unit, digits = 0, onChange, disabled, testId, children, changed }: RangeFieldProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const shown = round(value * scale, digits);
  const lo = round(min * scale, digits);
  const hi = round(max * scale, digits);
  const parsed = text === null ? shown : Number(text.replace(',', '.'));
  const invalid = text !== null && (text.trim() === '' || !Number.isFinite(parsed) || parsed < lo || parsed > hi);

  const commitText = (raw: string) => {
    setText(raw);
    const n = Number(raw.replace(',', '.'));
    if (raw.trim() !== '' && Number.isFinite(n) && n >= lo && n <= hi) onChange(n / scale);
  };

  return (
    <div className={`range-field${changed ? ' range-field-changed' : ''}`}>
      <div className="range-head">
        <label className="range-label" htmlFor={`${id}-range`}>
          {label}
        </label>
        <span className="range-value">
          <input
            className="number-input tabular"
            type="text"
            inputMode="decimal"
            aria-label={typeof label === 'string' ? `${label}, value` : 'Value'}
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-range-text`}
            data-testid={testId ? `${testId}-input` : undefined}
            disabled={disabled}
            value={text ?? String(shown)}
            onChange={(e) => commitText(e.target.value)}
            onBlur={() => setText(null)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setText(null);
              if (e.key === 'Escape') setText(null);
            }}
          />
          {/* A long unit ("per share of capacity") would squeeze the label: it stays in the range line below. */}
          {unit && unit.length <= 8 ? <span className="range-unit">{unit}</span> : null}
        </span>
      </div>
      <input
        id={`${id}-range`}
        className="range"
        type="range"
        min={lo}
        max={hi}
        step={step}
        value={shown}
        disabled={disabled}
        data-testid={testId}
        aria-describedby={`${id}-range-text`}
        aria-valuetext={`${shown}${unitSuffix(unit)}`}
        onChange={(e) => {
          setText(null);
          onChange(Number(e.target.value) / scale);
        }}
      />
      <div className="range-foot" id={`${id}-range-text`}>
        <span className={invalid ? 'range-bounds range-bounds-invalid' : 'range-bounds'}>
          {invalid ? 'Enter a number from ' : 'Range '}
          {lo}–{hi}
          {unitSuffix(unit)}
        </span>
        {children}
      </div>
    </div>
  );
}

/** A checkbox drawn as a switch; the label says what turning it on does. */
export function Switch({ checked, onChange, children, testId, disabled }: { checked: boolean; onChange: (on: boolean) => void; children: ReactNode; testId?: string; disabled?: boolean }) {
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-label">{children}</span>
    </label>
  );
}

export interface TabSpec<T extends string> {
  id: T;
  label: ReactNode;
}

/** WAI-ARIA tabs: arrows move between tabs, Home/End jump; panels are labelled by their tab. */
export function Tabs<T extends string>({ tabs, active, onChange, label, idPrefix }: { tabs: readonly TabSpec<T>[]; active: T; onChange: (id: T) => void; label: string; idPrefix: string }) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onChange(tabs[next]!.id);
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} ref={listRef} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={t.id === active}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          className="tab"
          data-testid={`${idPrefix}-tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** A two-to-four way choice as a radio group (the Settings theme control's look). */
export function Segmented<T extends string>({ options, value, onChange, label, name, testId }: { options: readonly { value: T; label: string }[]; value: T; onChange: (v: T) => void; label: string; name: string; testId?: string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <label key={o.value} className="segment">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} data-testid={testId ? `${testId}-${o.value}` : undefined} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
