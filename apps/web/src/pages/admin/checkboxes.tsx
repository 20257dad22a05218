// A group of checkboxes (KRDS check inputs in a fieldset with a visible legend) whose API
// messages (`roles`, `roles.2`, …) are shown under the group.
import { useId } from 'react';
import type { FormProblems } from '../../components/forms';

export function CheckboxGroup({
  name,
  legend,
  options,
  selected,
  onChange,
  problems,
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  problems: FormProblems;
}) {
  const id = useId();
  const messages = Object.entries(problems.fields)
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .map(([, v]) => v);
  const error = messages.length ? [...new Set(messages)].join(' ') : undefined;
  return (
    <fieldset
      className="form-group gw-field gw-admin-fieldset"
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="gw-admin-legend">{legend}</legend>
      <div className="gw-admin-checks">
        {options.map((o, i) => (
          <div className="krds-form-check" key={o.value}>
            <input
              type="checkbox"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={selected.includes(o.value)}
              aria-invalid={error ? true : undefined}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value),
                )
              }
            />
            <label htmlFor={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {error && (
        <p className="form-hint-invalid" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
