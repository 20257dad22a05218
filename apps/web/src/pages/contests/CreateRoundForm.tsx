// The 적극행정 office's form for a contest round, new or changed: title, schedule, fields,
// criteria (empty: the default evaluation criteria), the award table rows (rank range, field,
// award, 표창, 포상금, 근평 가점, advances) and the budget. Each row's errors are shown next to its
// fields (`awardTable.2.prizeKrw`), as the API names them. A change sends the version read (a
// stale one is a conflict to reload, keeping the input); fields and criteria only while DRAFT.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { useTranslation } from '../../i18n';
import { type ContestRound } from './shared';
import {
  CheckboxField,
  fieldMessages,
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { numberOrNull } from '../tasks/shared';

interface FieldRow {
  key: string;
  label: string;
}
interface CriterionRow extends FieldRow {
  weight: string;
}
interface AwardRowDraft {
  fromRank: string;
  toRank: string;
  field: string;
  award: string;
  commendation: string;
  prizeKrw: string;
  bonusPoints: string;
  advances: boolean;
}

const emptyAward = (): AwardRowDraft => ({
  fromRank: '',
  toRank: '',
  field: '',
  award: '',
  commendation: '',
  prizeKrw: '0',
  bonusPoints: '0',
  advances: false,
});

export function CreateRoundForm({
  year,
  round,
  onCancel,
  onCreated,
}: {
  year: number;
  /** The round to change; none for a new one. */
  round?: ContestRound;
  onCancel: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation('contests');
  const queryClient = useQueryClient();
  const { values, set } = useFormValues({
    title: round?.title ?? '',
    year: String(round?.year ?? year),
    description: round?.description ?? '',
    entriesOpen: round?.entriesOpen ?? '',
    entriesClose: round?.entriesClose ?? '',
    judgingDue: round?.judgingDue ?? '',
    resultsDate: round?.resultsDate ?? '',
    budgetKrw: String(round?.budgetKrw ?? 0),
    acceptsAdvancement: round?.acceptsAdvancement ?? false,
  });
  const [fields, setFields] = useState<FieldRow[]>(
    round?.fields.map((f) => ({ key: f.key, label: f.label })) ?? [
      { key: 'proactive', label: '적극행정' },
    ],
  );
  const [criteria, setCriteria] = useState<CriterionRow[]>(
    round?.criteria.map((c) => ({ key: c.key, label: c.label, weight: String(c.weight) })) ?? [],
  );
  const [awards, setAwards] = useState<AwardRowDraft[]>(
    round?.awardTable.map((a) => ({
      fromRank: String(a.fromRank),
      toRank: String(a.toRank),
      field: a.field ?? '',
      award: a.award,
      commendation: a.commendation ?? '',
      prizeKrw: String(a.prizeKrw),
      bonusPoints: String(a.bonusPoints),
      advances: a.advances,
    })) ?? [emptyAward()],
  );
  const [version, setVersion] = useState(round?.version ?? 0);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  // Fields and criteria can change only while the round is a draft.
  const rulesOpen = !round || round.status === 'DRAFT';

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const body = {
        title: values.title,
        year: numberOrNull(values.year) as number,
        ...(values.description.trim() ? { description: values.description } : {}),
        entriesOpen: values.entriesOpen,
        entriesClose: values.entriesClose,
        judgingDue: values.judgingDue,
        resultsDate: values.resultsDate,
        ...(rulesOpen ? { fields } : {}),
        ...(rulesOpen && criteria.length
          ? {
              criteria: criteria.map((c) => ({
                key: c.key,
                label: c.label,
                weight: numberOrNull(c.weight) as number,
              })),
            }
          : {}),
        awardTable: awards.map((a) => ({
          fromRank: numberOrNull(a.fromRank) as number,
          toRank: numberOrNull(a.toRank) as number,
          field: a.field || null,
          award: a.award,
          commendation: a.commendation.trim() || null,
          prizeKrw: numberOrNull(a.prizeKrw) as number,
          bonusPoints: numberOrNull(a.bonusPoints) as number,
          advances: a.advances,
        })),
        budgetKrw: numberOrNull(values.budgetKrw) as number,
        acceptsAdvancement: values.acceptsAdvancement,
      };
      const created = round
        ? await call(
            api.PATCH('/api/v1/contests/rounds/{id}', {
              params: { path: { id: round.id } },
              body: { ...body, version },
            }),
          )
        : await call(
            api.POST('/api/v1/contests/rounds', {
              body: { ...body, fields },
            }),
          );
      await queryClient.invalidateQueries({ queryKey: ['contest-rounds'] });
      queryClient.setQueryData(['contest-round', created.id], created);
      onCreated();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const weightTotal = criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);
  const fieldOptions = fields
    .filter((f) => f.key.trim())
    .map((f) => ({ value: f.key, label: f.label || f.key }));
  const setRow = <T,>(list: T[], setList: (l: T[]) => void, i: number, patch: Partial<T>) =>
    setList(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <section className="gw-section" aria-labelledby="contest-create">
      <h2 id="contest-create">{round ? t('form.editTitle') : t('form.title')}</h2>
      <Form
        problems={problems}
        onSubmit={() => void submit()}
        onReload={
          round
            ? () =>
                void call(
                  api.GET('/api/v1/contests/rounds/{id}', {
                    params: { path: { id: round.id } },
                  }),
                ).then((fresh) => {
                  setVersion(fresh.version);
                  queryClient.setQueryData(['contest-round', round.id], fresh);
                  clear();
                })
            : undefined
        }
        label={round ? t('form.editTitle') : t('form.title')}
      >
        <TextField
          name="title"
          label={t('form.roundTitle')}
          required
          maxLength={200}
          value={values.title}
          onChange={set('title')}
        />
        <div className="gw-form-row">
          <TextField
            name="year"
            type="number"
            label={t('form.year')}
            required
            value={values.year}
            onChange={set('year')}
          />
          <TextField
            name="budgetKrw"
            type="number"
            min={0}
            label={t('form.budget')}
            hint={t('form.budgetHint')}
            value={values.budgetKrw}
            onChange={set('budgetKrw')}
          />
        </div>
        <TextAreaField
          name="description"
          label={t('form.description')}
          rows={3}
          maxLength={4000}
          value={values.description}
          onChange={set('description')}
        />
        <div className="gw-form-row">
          {(['entriesOpen', 'entriesClose', 'judgingDue', 'resultsDate'] as const).map((k) => (
            <TextField
              key={k}
              name={k}
              type="date"
              label={t(`form.${k}`)}
              required
              value={values[k]}
              onChange={set(k)}
            />
          ))}
        </div>
        <CheckboxField
          name="acceptsAdvancement"
          label={t('form.acceptsAdvancement')}
          checked={values.acceptsAdvancement}
          onChange={set('acceptsAdvancement')}
        />

        {rulesOpen && (
          <>
            <fieldset className="gw-group">
              <legend>{t('form.fields')}</legend>
              {fieldMessages(problems, 'fields') && !problems.fields['fields.0.key'] && (
                <p className="form-hint-invalid" role="alert">
                  {problems.fields.fields}
                </p>
              )}
              <div className="gw-ct-rows">
                {fields.map((f, i) => (
                  <fieldset className="gw-ct-row" key={i}>
                    <legend>{t('form.rowLabel', { n: i + 1 })}</legend>
                    <TextField
                      name={`fields.${i}.key`}
                      label={t('form.fieldKey')}
                      hint={t('form.fieldKeyHint')}
                      required
                      value={f.key}
                      onChange={(e) => setRow(fields, setFields, i, { key: e.target.value })}
                    />
                    <TextField
                      name={`fields.${i}.label`}
                      label={t('form.fieldLabel')}
                      required
                      value={f.label}
                      onChange={(e) => setRow(fields, setFields, i, { label: e.target.value })}
                    />
                    {fields.length > 1 && (
                      <button
                        type="button"
                        className="krds-btn tertiary small"
                        onClick={() => setFields(fields.filter((_, j) => j !== i))}
                      >
                        {t('form.remove')}
                        <span className="sr-only"> {t('form.rowLabel', { n: i + 1 })}</span>
                      </button>
                    )}
                  </fieldset>
                ))}
              </div>
              <button
                type="button"
                className="krds-btn secondary small"
                onClick={() => setFields([...fields, { key: '', label: '' }])}
              >
                {t('form.addField')}
              </button>
            </fieldset>

            <fieldset className="gw-group">
              <legend>{t('form.criteria')}</legend>
              <p className="form-hint">{t('form.criteriaHint')}</p>
              {problems.fields.criteria && (
                <p className="form-hint-invalid" role="alert">
                  {problems.fields.criteria}
                </p>
              )}
              <div className="gw-ct-rows">
                {criteria.map((c, i) => (
                  <fieldset className="gw-ct-row" key={i}>
                    <legend>{t('form.rowLabel', { n: i + 1 })}</legend>
                    <TextField
                      name={`criteria.${i}.key`}
                      label={t('form.criterionKey')}
                      required
                      value={c.key}
                      onChange={(e) => setRow(criteria, setCriteria, i, { key: e.target.value })}
                    />
                    <TextField
                      name={`criteria.${i}.label`}
                      label={t('form.criterionLabel')}
                      required
                      value={c.label}
                      onChange={(e) => setRow(criteria, setCriteria, i, { label: e.target.value })}
                    />
                    <TextField
                      name={`criteria.${i}.weight`}
                      type="number"
                      min={1}
                      label={t('form.weight')}
                      required
                      value={c.weight}
                      onChange={(e) => setRow(criteria, setCriteria, i, { weight: e.target.value })}
                    />
                    <button
                      type="button"
                      className="krds-btn tertiary small"
                      onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
                    >
                      {t('form.remove')}
                      <span className="sr-only"> {t('form.rowLabel', { n: i + 1 })}</span>
                    </button>
                  </fieldset>
                ))}
              </div>
              {criteria.length > 0 && (
                <p aria-live="polite">{t('form.weightTotal', { total: weightTotal })}</p>
              )}
              <button
                type="button"
                className="krds-btn secondary small"
                onClick={() => setCriteria([...criteria, { key: '', label: '', weight: '' }])}
              >
                {t('form.addCriterion')}
              </button>
            </fieldset>
          </>
        )}

        <fieldset className="gw-group">
          <legend>{t('form.awards')}</legend>
          <p className="form-hint">{t('form.awardsHint')}</p>
          {problems.fields.awardTable && (
            <p className="form-hint-invalid" role="alert">
              {problems.fields.awardTable}
            </p>
          )}
          <div className="gw-ct-rows">
            {awards.map((a, i) => {
              const p = `awardTable.${i}`;
              const on = (patch: Partial<AwardRowDraft>) => setRow(awards, setAwards, i, patch);
              return (
                <fieldset className="gw-ct-row" key={i}>
                  <legend>{t('form.rowLabel', { n: i + 1 })}</legend>
                  <TextField
                    name={`${p}.fromRank`}
                    type="number"
                    min={1}
                    label={t('form.fromRank')}
                    required
                    value={a.fromRank}
                    onChange={(e) => on({ fromRank: e.target.value })}
                  />
                  <TextField
                    name={`${p}.toRank`}
                    type="number"
                    min={1}
                    label={t('form.toRank')}
                    required
                    value={a.toRank}
                    onChange={(e) => on({ toRank: e.target.value })}
                  />
                  <SelectField
                    name={`${p}.field`}
                    label={t('form.field')}
                    value={a.field}
                    placeholder={t('form.allFields')}
                    options={fieldOptions}
                    onChange={(e) => on({ field: e.target.value })}
                  />
                  <TextField
                    name={`${p}.award`}
                    label={t('form.award')}
                    required
                    maxLength={100}
                    value={a.award}
                    onChange={(e) => on({ award: e.target.value })}
                  />
                  <TextField
                    name={`${p}.commendation`}
                    label={t('form.commendation')}
                    maxLength={100}
                    value={a.commendation}
                    onChange={(e) => on({ commendation: e.target.value })}
                  />
                  <TextField
                    name={`${p}.prizeKrw`}
                    type="number"
                    min={0}
                    label={t('form.prize')}
                    value={a.prizeKrw}
                    onChange={(e) => on({ prizeKrw: e.target.value })}
                  />
                  <TextField
                    name={`${p}.bonusPoints`}
                    type="number"
                    min={0}
                    step={0.1}
                    label={t('form.bonus')}
                    value={a.bonusPoints}
                    onChange={(e) => on({ bonusPoints: e.target.value })}
                  />
                  <CheckboxField
                    name={`${p}.advances`}
                    label={t('form.advances')}
                    checked={a.advances}
                    onChange={(e) => on({ advances: e.target.checked })}
                  />
                  {awards.length > 1 && (
                    <button
                      type="button"
                      className="krds-btn tertiary small"
                      onClick={() => setAwards(awards.filter((_, j) => j !== i))}
                    >
                      {t('form.remove')}
                      <span className="sr-only"> {t('form.rowLabel', { n: i + 1 })}</span>
                    </button>
                  )}
                </fieldset>
              );
            })}
          </div>
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() => setAwards([...awards, emptyAward()])}
          >
            {t('form.addAward')}
          </button>
        </fieldset>
        <FormActions
          busy={busy}
          submitLabel={round ? t('form.save') : t('form.submit')}
          onCancel={onCancel}
        />
      </Form>
    </section>
  );
}
