// Form fields after KRDS's text input samples (form-group / form-tit / form-conts / form-hint-*),
// each with a label, an optional hint and the API's message for that field, tied together with
// aria-describedby and aria-invalid so screen readers announce the error with the field.
import {
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useCallback,
  useContext,
  useId,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError } from '../api/client';
import { useTranslation } from '../i18n';
import { useUnsavedChanges } from './unsaved';

/** What a form shows after a failed request: messages per field and one for the whole form. */
export interface FormProblems {
  fields: Record<string, string>;
  error: ApiError | null;
}

const FieldErrors = createContext<Record<string, string>>({});

/**
 * Tracks the errors of one form. `fail(err)` maps the API's `details[].field` to the fields (a
 * field's name is the dotted path the API reports, e.g. `kpi.target`); `clear()` on success.
 */
export function useFormProblems() {
  const [problems, setProblems] = useState<FormProblems>({ fields: {}, error: null });
  const fail = useCallback((err: unknown) => {
    const error =
      err instanceof ApiError ? err : new ApiError(0, { message: String(err), code: 'CLIENT' });
    const fields: Record<string, string> = {};
    for (const d of error.details) fields[d.field] ??= d.message;
    setProblems({ fields, error });
  }, []);
  const clear = useCallback(() => setProblems({ fields: {}, error: null }), []);
  return { problems, fail, clear };
}

/** Provides the field messages to the fields inside; shows the form-level error and conflicts. */
export function Form({
  problems,
  onSubmit,
  onReload,
  children,
  label,
  unsaved = false,
}: {
  problems: FormProblems;
  onSubmit: () => void;
  /** Input the page knows is unsaved (a restored draft), beside what is typed into the form. */
  unsaved?: boolean;
  /** Shown with a version conflict: reloads the record (the form keeps the user's input). */
  onReload?: () => void;
  children: ReactNode;
  label?: string;
}) {
  // Typed into and not submitted: the guard holds navigation away. A submission releases it (a
  // successful one usually navigates), a refused one holds it again.
  const [dirty, setDirty] = useState(false);
  const submittedDirty = useRef(false);
  useUnsavedChanges(dirty || unsaved);
  useEffect(() => {
    if (problems.error && submittedDirty.current) setDirty(true);
  }, [problems.error]);
  return (
    <FieldErrors.Provider value={problems.fields}>
      <form
        noValidate
        aria-label={label}
        onInput={() => setDirty(true)}
        onSubmit={(e) => {
          e.preventDefault();
          submittedDirty.current = dirty;
          setDirty(false);
          onSubmit();
        }}
      >
        <FormAlert problems={problems} onReload={onReload} />
        {children}
      </form>
    </FieldErrors.Provider>
  );
}

/** The error above a form: a conflict notice, a summary of field errors, or the API's message. */
export function FormAlert({
  problems,
  onReload,
}: {
  problems: FormProblems;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const { error, fields } = problems;
  if (!error) return null;
  if (error.isConflict) {
    return (
      <div className="gw-alert gw-alert--warning" role="alert">
        <strong>{t('conflict.title')}</strong>
        <p>{t('conflict.body')}</p>
        {onReload && (
          <button type="button" className="krds-btn secondary small" onClick={onReload}>
            {t('conflict.reload')}
          </button>
        )}
      </div>
    );
  }
  const count = Object.keys(fields).length;
  return (
    <div className="gw-alert gw-alert--danger" role="alert">
      <strong>{error.message}</strong>
      {count > 0 && <p>{t('form.errorSummary', { count })}</p>}
    </div>
  );
}

interface FieldShellProps {
  /** The API's field path; its error message is shown under the field. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  /** An error decided in the page (e.g. before calling the API). */
  error?: string;
}

function useField({ name, hint, error }: Pick<FieldShellProps, 'name' | 'hint' | 'error'>) {
  const id = useId();
  const fields = useContext(FieldErrors);
  const message = error ?? fields[name];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { id, message, hintId, errorId, describedBy };
}

function Shell({
  id,
  label,
  required,
  hint,
  hintId,
  message,
  errorId,
  children,
}: {
  id: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  hintId?: string;
  message?: string;
  errorId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-group gw-field">
      <div className="form-tit">
        <label htmlFor={id}>
          {label}
          {required && (
            <span className="gw-required" aria-hidden="true">
              {' *'}
            </span>
          )}
          {required && <span className="sr-only"> ({t('form.required')})</span>}
        </label>
      </div>
      <div className={`form-conts${message ? ' is-error' : ''}`}>{children}</div>
      {hint && (
        <p className="form-hint" id={hintId}>
          {hint}
        </p>
      )}
      {message && (
        <p className="form-hint-invalid" id={errorId} role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

type InputProps = FieldShellProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'children'>;

export function TextField({ name, label, hint, required, error, className, ...rest }: InputProps) {
  const f = useField({ name, hint, error });
  return (
    <Shell {...f} id={f.id} label={label} hint={hint} required={required}>
      <input
        {...rest}
        id={f.id}
        name={name}
        required={required}
        aria-invalid={f.message ? true : undefined}
        aria-describedby={f.describedBy}
        className={`krds-input${className ? ` ${className}` : ''}`}
      />
    </Shell>
  );
}

type TextAreaProps = FieldShellProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'children'>;

export function TextAreaField({ name, label, hint, required, error, ...rest }: TextAreaProps) {
  const f = useField({ name, hint, error });
  return (
    <Shell {...f} id={f.id} label={label} hint={hint} required={required}>
      <textarea
        rows={4}
        {...rest}
        id={f.id}
        name={name}
        required={required}
        aria-invalid={f.message ? true : undefined}
        aria-describedby={f.describedBy}
        className="krds-input gw-textarea"
      />
    </Shell>
  );
}

type SelectProps = FieldShellProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'> & {
    options: ReadonlyArray<{ value: string; label: string }>;
    /** A first, empty choice (e.g. "전체"). */
    placeholder?: string;
  };

export function SelectField({
  name,
  label,
  hint,
  required,
  error,
  options,
  placeholder,
  ...rest
}: SelectProps) {
  const f = useField({ name, hint, error });
  return (
    <Shell {...f} id={f.id} label={label} hint={hint} required={required}>
      <select
        {...rest}
        id={f.id}
        name={name}
        required={required}
        aria-invalid={f.message ? true : undefined}
        aria-describedby={f.describedBy}
        className="krds-form-select"
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField({
  name,
  label,
  hint,
  error,
  ...rest
}: Omit<InputProps, 'type' | 'required'>) {
  const f = useField({ name, hint, error });
  return (
    <div className="form-group gw-field">
      <div className="krds-form-check">
        <input
          {...rest}
          type="checkbox"
          id={f.id}
          name={name}
          aria-invalid={f.message ? true : undefined}
          aria-describedby={f.describedBy}
        />
        <label htmlFor={f.id}>{label}</label>
      </div>
      {hint && (
        <p className="form-hint" id={f.hintId}>
          {hint}
        </p>
      )}
      {f.message && (
        <p className="form-hint-invalid" id={f.errorId} role="alert">
          {f.message}
        </p>
      )}
    </div>
  );
}

/**
 * The checkbox that selects a table row (KRDS check input). Its label names the row for screen
 * readers only (the row itself shows it); an error about the row can be tied to it.
 */
export function RowCheckbox({
  label,
  checked,
  onChange,
  disabled,
  errorId,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** The id of the row's error message, read with the checkbox. */
  errorId?: string;
}) {
  const id = useId();
  return (
    <div className="krds-form-check gw-row-check">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>
        <span className="sr-only">{label}</span>
      </label>
    </div>
  );
}

/** The messages the API gave for a field and its items (`taskIds`, `taskIds.0`, …), joined. */
export function fieldMessages(problems: FormProblems, name: string): string | undefined {
  return joinMessages(problems.fields, name);
}

/** The API's messages for a field and its items, for a field drawn by the page itself. */
export function useFieldMessage(name: string): string | undefined {
  return joinMessages(useContext(FieldErrors), name);
}

function joinMessages(fields: Record<string, string>, name: string): string | undefined {
  const list = Object.entries(fields)
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .map(([, v]) => v);
  return list.length ? [...new Set(list)].join(' ') : undefined;
}

/**
 * A group of checkboxes (KRDS check inputs in a fieldset with a visible legend). `name` is the
 * API's field path: the messages for it and its items (`roles`, `roles.2`, …) are shown under the
 * group, unless the page passes its own `error`.
 */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
  empty,
  layout = 'column',
  scroll,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  error?: string;
  /** Shown when there are no options. */
  empty?: string;
  /** `row`: the options side by side (wrapping); `column`: one under another. */
  layout?: 'row' | 'column';
  /** A long list: a bordered box that scrolls. */
  scroll?: boolean;
}) {
  const id = useId();
  const fields = useContext(FieldErrors);
  const message = error ?? joinMessages(fields, name);
  const describedBy = [message ? `${id}-error` : '', hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  const listClass = `gw-group-options gw-group-options--${layout}${scroll ? ' gw-group-options--scroll' : ''}`;
  return (
    <fieldset className="form-group gw-field gw-group" aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {options.length === 0 && empty && <p className="gw-group-empty">{empty}</p>}
      <div className={listClass}>
        {options.map((o, i) => (
          <div className="krds-form-check" key={o.value}>
            <input
              type="checkbox"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={selected.includes(o.value)}
              aria-invalid={message ? true : undefined}
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
      {message && (
        <p className="form-hint-invalid" id={`${id}-error`} role="alert">
          {message}
        </p>
      )}
    </fieldset>
  );
}

/**
 * Radio buttons in a fieldset with a visible legend (a `radiogroup`), with the API's message for
 * the field under them (or the page's own `error`).
 */
export function RadioGroup<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  required,
  layout = 'column',
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: V; label: string; lang?: string }>;
  value: string;
  onChange: (value: V) => void;
  error?: string;
  required?: boolean;
  /** `row`: the options side by side (wrapping); `column`: one under another. */
  layout?: 'row' | 'column';
}) {
  const { t } = useTranslation();
  const id = useId();
  const fields = useContext(FieldErrors);
  const message = error ?? fields[name];
  const errorId = `${id}-error`;
  const radios = options.map((o) => (
    <div
      className={layout === 'row' ? 'krds-form-check' : 'krds-form-check gw-radio'}
      key={o.value}
    >
      <input
        type="radio"
        id={`${id}-${o.value}`}
        name={name}
        value={o.value}
        checked={value === o.value}
        onChange={() => onChange(o.value)}
      />
      <label htmlFor={`${id}-${o.value}`} lang={o.lang}>
        {o.label}
      </label>
    </div>
  ));
  return (
    <fieldset
      className="form-group gw-field gw-group"
      aria-describedby={message ? errorId : undefined}
      aria-invalid={message ? true : undefined}
      aria-required={required || undefined}
      role="radiogroup"
    >
      <legend>
        {legend}
        {required && (
          <span className="gw-required" aria-hidden="true">
            {' *'}
          </span>
        )}
        {required && <span className="sr-only"> ({t('form.required')})</span>}
      </legend>
      {layout === 'row' ? <div className="gw-group-options--row">{radios}</div> : radios}
      {message && (
        <p className="form-hint-invalid" id={errorId} role="alert">
          {message}
        </p>
      )}
    </fieldset>
  );
}

/** A form's submit button (disabled while `busy`) and a cancel button. */
export function FormActions({
  submitLabel,
  busy,
  onCancel,
  cancelLabel,
}: {
  submitLabel: ReactNode;
  busy?: boolean;
  onCancel: () => void;
  /** "취소" unless given. */
  cancelLabel?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="gw-form-actions">
      <button type="submit" className="krds-btn primary" disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" className="krds-btn secondary" onClick={onCancel}>
        {cancelLabel ?? t('common:actions.cancel')}
      </button>
    </div>
  );
}

/** Keeps a form's values; `set('title')` gives an onChange for an input. */
export function useFormValues<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = useMemo(
    () =>
      <K extends keyof T>(key: K) =>
      (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>): void => {
        const target = e.target;
        const value =
          target instanceof HTMLInputElement && target.type === 'checkbox'
            ? target.checked
            : target.value;
        setValues((v) => ({ ...v, [key]: value }));
      },
    [],
  );
  return { values, setValues, set };
}
