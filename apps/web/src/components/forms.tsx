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
  useMemo,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

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
}: {
  problems: FormProblems;
  onSubmit: () => void;
  /** Shown with a version conflict: reloads the record (the form keeps the user's input). */
  onReload?: () => void;
  children: ReactNode;
  label?: string;
}) {
  return (
    <FieldErrors.Provider value={problems.fields}>
      <form
        noValidate
        aria-label={label}
        onSubmit={(e) => {
          e.preventDefault();
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
