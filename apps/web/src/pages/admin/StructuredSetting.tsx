// Forms for the structured settings (the API's `format` of a json setting) instead of JSON boxes:
// evaluation criteria and the grade table as editable tables, reminder schedules as a list of
// business days, a day of the year as month and day (the drafts: structured-drafts.ts).
import { useId } from 'react';
import { useFieldMessage } from '../../components/forms';
import { useTranslation } from '../../i18n';
import {
  type CriterionRow,
  freeCriterionKey,
  freeGradeCode,
  type GradeRow,
  type MonthDay,
  num,
  type StructuredDraft,
  type StructuredFormat,
} from './structured-drafts';

interface FieldProps {
  format: StructuredFormat;
  /** The API's field path (`values.<key>`): its messages are shown under the field. */
  name: string;
  label: string;
  hint: string;
  error?: string;
  disabled?: boolean;
  draft: StructuredDraft;
  onChange: (draft: StructuredDraft) => void;
}

export function StructuredSettingField(props: FieldProps) {
  const id = useId();
  const serverMessage = useFieldMessage(props.name);
  const message = props.error ?? serverMessage;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [message ? errorId : '', hintId].filter(Boolean).join(' ');
  const body = (() => {
    switch (props.format) {
      case 'dayList':
        return <DayList {...props} id={id} describedBy={describedBy} invalid={!!message} />;
      case 'monthDay':
        return <MonthDayInput {...props} id={id} describedBy={describedBy} invalid={!!message} />;
      case 'criteria':
        return <CriteriaTable {...props} describedBy={describedBy} invalid={!!message} />;
      case 'grades':
        return <GradeTable {...props} describedBy={describedBy} invalid={!!message} />;
    }
  })();
  return (
    <fieldset
      className="form-group gw-field gw-group gw-admin-structured"
      aria-describedby={describedBy}
      data-setting={props.name}
    >
      <legend>{props.label}</legend>
      <p className="form-hint" id={hintId}>
        {props.hint}
      </p>
      {body}
      {message && (
        <p className="form-hint-invalid" id={errorId} role="alert">
          {message}
        </p>
      )}
    </fieldset>
  );
}

type Inner = FieldProps & { id?: string; describedBy: string; invalid: boolean };

function DayList({ id, name, draft, onChange, disabled, describedBy, invalid }: Inner) {
  const { t } = useTranslation('admin');
  return (
    <div className="gw-field">
      <label htmlFor={`${id}-days`}>{t('settings.forms.days')}</label>
      <input
        id={`${id}-days`}
        name={name}
        className="krds-input"
        inputMode="numeric"
        disabled={disabled}
        value={draft as string}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function MonthDayInput({ id, name, draft, onChange, disabled, describedBy, invalid }: Inner) {
  const { t } = useTranslation('admin');
  const value = draft as MonthDay;
  const pad = (n: number) => String(n).padStart(2, '0');
  const select = (part: 'month' | 'day', count: number) => (
    <div className="gw-field">
      <label htmlFor={`${id}-${part}`}>{t(`settings.forms.${part}`)}</label>
      <select
        id={`${id}-${part}`}
        name={`${name}.${part}`}
        className="krds-form-select"
        disabled={disabled}
        value={value[part]}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange({ ...value, [part]: e.target.value })}
      >
        <option value="">{t('settings.forms.choose')}</option>
        {Array.from({ length: count }, (_, i) => (
          <option key={i} value={pad(i + 1)}>
            {t(`settings.forms.${part}Value`, { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="gw-admin-structured-row">
      {select('month', 12)}
      {/* 29 February is refused by the server: it is not in every year. */}
      {select('day', 31)}
    </div>
  );
}

/** One cell's input, labelled by its row and column for screen readers. */
function Cell({
  label,
  value,
  onChange,
  disabled,
  numeric,
  describedBy,
  invalid,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  numeric?: boolean;
  describedBy: string;
  invalid: boolean;
}) {
  return (
    <input
      className="krds-input"
      aria-label={label}
      value={value}
      disabled={disabled}
      inputMode={numeric ? 'decimal' : undefined}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function CriteriaTable({ draft, onChange, disabled, describedBy, invalid, label }: Inner) {
  const { t } = useTranslation('admin');
  const rows = draft as CriterionRow[];
  const set = (i: number, patch: Partial<CriterionRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const total = rows.reduce(
    (sum, r) => sum + (Number.isFinite(num(r.weight)) ? num(r.weight) : 0),
    0,
  );
  const cell = { disabled, describedBy, invalid };
  return (
    <>
      <div className="gw-table-wrap">
        <table className="gw-table gw-admin-structured-table">
          <RowsHead
            label={label}
            columns={[t('settings.forms.criterionLabel'), t('settings.forms.weight')]}
          />
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td>
                  <Cell
                    {...cell}
                    label={t('settings.forms.rowLabel', {
                      n: i + 1,
                      column: t('settings.forms.criterionLabel'),
                    })}
                    value={r.label}
                    onChange={(v) => set(i, { label: v })}
                  />
                </td>
                <td>
                  <Cell
                    {...cell}
                    numeric
                    label={t('settings.forms.rowLabel', {
                      n: i + 1,
                      column: t('settings.forms.weight'),
                    })}
                    value={r.weight}
                    onChange={(v) => set(i, { weight: v })}
                  />
                </td>
                <RemoveRow
                  name={r.label || String(i + 1)}
                  disabled={disabled || rows.length <= 1}
                  onRemove={() => onChange(rows.filter((_, j) => j !== i))}
                />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('settings.forms.total')}</th>
              <td aria-live="polite">
                {t('settings.forms.totalValue', { total })}
                {total !== 100 && (
                  <span className="gw-admin-structured-warn"> {t('settings.forms.totalMust')}</span>
                )}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <button
        type="button"
        className="krds-btn secondary small"
        disabled={disabled || rows.length >= 10}
        onClick={() =>
          onChange([
            ...rows,
            { key: freeCriterionKey(rows.map((r) => r.key)), label: '', weight: '' },
          ])
        }
      >
        {t('settings.forms.addCriterion')}
      </button>
    </>
  );
}

function GradeTable({ draft, onChange, disabled, describedBy, invalid, label }: Inner) {
  const { t } = useTranslation('admin');
  const rows = draft as GradeRow[];
  const set = (i: number, patch: Partial<GradeRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = { disabled, describedBy, invalid };
  const columns = ['gradeLabel', 'count', 'bonusPoints', 'prizeKrw'] as const;
  const field = {
    gradeLabel: 'label',
    count: 'count',
    bonusPoints: 'bonusPoints',
    prizeKrw: 'prizeKrw',
  } as const;
  return (
    <>
      <div className="gw-table-wrap">
        <table className="gw-table gw-admin-structured-table">
          <RowsHead label={label} columns={columns.map((c) => t(`settings.forms.${c}`))} />
          <tbody>
            {rows.map((r, i) => {
              const last = i === rows.length - 1;
              return (
                <tr key={r.grade}>
                  {columns.map((c) =>
                    c === 'count' && last ? (
                      <td key={c}>{t('settings.forms.countRest')}</td>
                    ) : (
                      <td key={c}>
                        <Cell
                          {...cell}
                          numeric={c !== 'gradeLabel'}
                          label={t('settings.forms.rowLabel', {
                            n: i + 1,
                            column: t(`settings.forms.${c}`),
                          })}
                          value={r[field[c]]}
                          onChange={(v) => set(i, { [field[c]]: v })}
                        />
                      </td>
                    ),
                  )}
                  <RemoveRow
                    name={r.label || String(i + 1)}
                    disabled={disabled || rows.length <= 2}
                    onRemove={() => onChange(rows.filter((_, j) => j !== i))}
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="krds-btn secondary small"
        disabled={disabled || rows.length >= 10}
        onClick={() => {
          // A new band goes before the last one, which takes everyone left ("나머지").
          const band: GradeRow = {
            grade: freeGradeCode(rows.map((r) => r.grade)),
            label: '',
            count: '1',
            bonusPoints: '0',
            prizeKrw: '0',
          };
          onChange([...rows.slice(0, -1), band, ...rows.slice(-1)]);
        }}
      >
        {t('settings.forms.addGrade')}
      </button>
    </>
  );
}

/** An editable table's caption and header row, with a last column for each row's 삭제. */
function RowsHead({ label, columns }: { label: string; columns: string[] }) {
  const { t } = useTranslation('admin');
  return (
    <>
      <caption className="sr-only">{label}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
          <th scope="col">
            <span className="sr-only">{t('settings.forms.remove')}</span>
          </th>
        </tr>
      </thead>
    </>
  );
}

function RemoveRow({
  name,
  disabled,
  onRemove,
}: {
  name: string;
  disabled?: boolean;
  onRemove: () => void;
}) {
  const { t } = useTranslation('admin');
  return (
    <td>
      <button
        type="button"
        className="krds-btn tertiary small"
        disabled={disabled}
        onClick={onRemove}
      >
        {t('settings.forms.removeRow', { name })}
      </button>
    </td>
  );
}
