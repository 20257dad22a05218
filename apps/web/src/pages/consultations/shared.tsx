// What the pre-consultation pages share: the state badge and the request fields (the form of
// CreateConsultationDto, used to create a request and to edit it while DRAFT).
import type { Schemas } from '../../api/client';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/forms';
import { Badge, type BadgeTone } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { Legend, useTaskOptions } from '../reports/shared';
import './messages';

export type Consultation = Schemas['ConsultationDetailDto'];
export type ConsultationState = Consultation['status'];

export const CONSULTATION_STATES: readonly ConsultationState[] = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'REJECTED',
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
  'OPINION_ISSUED',
  'CLOSED',
];

/** States in which the opinion is being prepared (reviewing auditors may attach files then). */
export const OPINION_PENDING: readonly ConsultationState[] = [
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
];

const TONE: Record<ConsultationState, BadgeTone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  SCREENING: 'info',
  REJECTED: 'danger',
  ACCEPTED: 'info',
  UNDER_REVIEW: 'info',
  ESCALATED: 'warning',
  COMMITTEE_ADVICE: 'warning',
  OPINION_ISSUED: 'success',
  CLOSED: 'neutral',
};

export function ConsultationStateBadge({ state }: { state: ConsultationState }) {
  const { t } = useTranslation('consultations');
  return <Badge tone={TONE[state]}>{t(`state.${state}`)}</Badge>;
}

/** The request as the form holds it. `key` keeps each option's fields apart in the list. */
export interface RequestValues {
  subject: string;
  facts: string;
  question: string;
  relevantLaws: string;
  ownReview: string;
  options: Array<{ key: number; label: string; content: string }>;
  desiredAnswerDate: string;
  privateInterest: boolean;
  privateInterestNote: string;
  taskId: string;
}
export type RequestField = keyof RequestValues;

let optionKey = 0;
const nextKey = () => ++optionKey;

/** Default option names in order: 갑설, 을설, 병설, 정설, 무설, … */
const OPTION_NAMES = [
  '갑설',
  '을설',
  '병설',
  '정설',
  '무설',
  '기설',
  '경설',
  '신설',
  '임설',
  '계설',
];

export function emptyRequest(taskId = ''): RequestValues {
  return {
    subject: '',
    facts: '',
    question: '',
    relevantLaws: '',
    ownReview: '',
    options: [
      { key: nextKey(), label: OPTION_NAMES[0], content: '' },
      { key: nextKey(), label: OPTION_NAMES[1], content: '' },
    ],
    desiredAnswerDate: '',
    privateInterest: false,
    privateInterestNote: '',
    taskId,
  };
}

export function requestOf(c: Consultation): RequestValues {
  return {
    subject: c.subject,
    facts: c.facts,
    question: c.question,
    relevantLaws: c.relevantLaws,
    ownReview: c.ownReview,
    options: c.options.map((o) => ({ key: nextKey(), label: o.label, content: o.content })),
    desiredAnswerDate: c.desiredAnswerDate ?? '',
    privateInterest: c.privateInterest,
    privateInterestNote: c.privateInterestNote ?? '',
    taskId: c.taskId ?? '',
  };
}

/** The options sent: those with content (an untouched, empty 갑설 is left out). */
export function optionsToSend(values: RequestValues) {
  return values.options
    .filter((o) => o.content.trim() !== '')
    .map(({ key, label, content }) => ({ key, label, content }));
}

/** The request body for the given fields (all of them to create). */
export function requestBody(
  values: RequestValues,
  fields: Iterable<RequestField>,
): Schemas['UpdateConsultationDto'] extends infer U ? Omit<U, 'version'> : never {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f) {
      case 'options':
        body.options = optionsToSend(values).map(({ label, content }) => ({ label, content }));
        break;
      case 'desiredAnswerDate':
        body.desiredAnswerDate = values.desiredAnswerDate || null;
        break;
      case 'privateInterestNote':
        body.privateInterestNote = values.privateInterestNote.trim() || null;
        break;
      case 'taskId':
        body.taskId = values.taskId || null;
        break;
      case 'subject':
      case 'facts':
      case 'question':
      case 'relevantLaws':
      case 'ownReview':
      case 'privateInterest':
        body[f] = values[f];
    }
  }
  return body as ReturnType<typeof requestBody>;
}

export const ALL_REQUEST_FIELDS: readonly RequestField[] = [
  'subject',
  'facts',
  'question',
  'relevantLaws',
  'ownReview',
  'options',
  'desiredAnswerDate',
  'privateInterest',
  'privateInterestNote',
  'taskId',
];

/** The fields of a request (inside a <Form>, so the API's messages appear next to each). */
export function RequestFields({
  values,
  onChange,
}: {
  values: RequestValues;
  onChange: <K extends RequestField>(key: K, value: RequestValues[K]) => void;
}) {
  const { t } = useTranslation('consultations');
  const tasks = useTaskOptions('');
  const taskOptions = (tasks.data?.items ?? []).map((task) => ({
    value: task.id,
    label: `${task.code} ${task.title}`,
  }));
  if (values.taskId && !taskOptions.some((o) => o.value === values.taskId)) {
    taskOptions.unshift({ value: values.taskId, label: values.taskId });
  }
  const sent = optionsToSend(values);
  const setOption = (key: number, part: 'label' | 'content', text: string) =>
    onChange(
      'options',
      values.options.map((o) => (o.key === key ? { ...o, [part]: text } : o)),
    );

  return (
    <>
      <TextField
        name="subject"
        label={t('field.subject')}
        hint={t('field.subjectHint')}
        required
        maxLength={200}
        value={values.subject}
        onChange={(e) => onChange('subject', e.target.value)}
      />
      <TextAreaField
        name="facts"
        label={t('field.facts')}
        rows={5}
        maxLength={10000}
        value={values.facts}
        onChange={(e) => onChange('facts', e.target.value)}
      />
      <TextAreaField
        name="question"
        label={t('field.question')}
        rows={5}
        maxLength={10000}
        value={values.question}
        onChange={(e) => onChange('question', e.target.value)}
      />
      <TextAreaField
        name="relevantLaws"
        label={t('field.relevantLaws')}
        maxLength={10000}
        value={values.relevantLaws}
        onChange={(e) => onChange('relevantLaws', e.target.value)}
      />
      <TextAreaField
        name="ownReview"
        label={t('field.ownReview')}
        rows={5}
        maxLength={10000}
        value={values.ownReview}
        onChange={(e) => onChange('ownReview', e.target.value)}
      />
      <fieldset className="gw-checks" aria-describedby="options-hint">
        <Legend>{t('field.options')}</Legend>
        <p id="options-hint" className="gw-subtle">
          {t('field.optionsHint')}
        </p>
        {values.options.length === 0 && <p className="gw-subtle">{t('field.optionsEmpty')}</p>}
        {values.options.map((o, n) => {
          const i = sent.findIndex((s) => s.key === o.key);
          const name = (part: string) =>
            i >= 0 ? `options.${i}.${part}` : `option-${o.key}.${part}`;
          return (
            <div className="gw-milestone" key={o.key}>
              <div className="gw-option-head">
                <TextField
                  name={name('label')}
                  label={t('field.optionLabel', { n: n + 1 })}
                  maxLength={50}
                  value={o.label}
                  onChange={(e) => setOption(o.key, 'label', e.target.value)}
                  className="gw-input-short"
                />
                <button
                  type="button"
                  className="krds-btn tertiary small"
                  onClick={() =>
                    onChange(
                      'options',
                      values.options.filter((x) => x.key !== o.key),
                    )
                  }
                >
                  {t('field.optionRemove', { n: n + 1 })}
                </button>
              </div>
              <TextAreaField
                name={name('content')}
                label={t('field.optionContent', { n: n + 1 })}
                rows={3}
                maxLength={4000}
                value={o.content}
                onChange={(e) => setOption(o.key, 'content', e.target.value)}
              />
            </div>
          );
        })}
        {values.options.length < 10 && (
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() =>
              onChange('options', [
                ...values.options,
                {
                  key: nextKey(),
                  label: OPTION_NAMES[values.options.length] ?? '',
                  content: '',
                },
              ])
            }
          >
            {t('field.optionAdd')}
          </button>
        )}
      </fieldset>
      <TextField
        name="desiredAnswerDate"
        type="date"
        label={t('field.desiredAnswerDate')}
        value={values.desiredAnswerDate}
        onChange={(e) => onChange('desiredAnswerDate', e.target.value)}
        className="gw-input-date"
      />
      <fieldset className="gw-checks">
        <Legend>{t('field.privateInterestLegend')}</Legend>
        <CheckboxField
          name="privateInterest"
          label={t('field.privateInterest')}
          hint={t('field.privateInterestHint')}
          checked={values.privateInterest}
          onChange={(e) => onChange('privateInterest', e.target.checked)}
        />
        {values.privateInterest && (
          <TextAreaField
            name="privateInterestNote"
            label={t('field.privateInterestNote')}
            rows={3}
            maxLength={2000}
            value={values.privateInterestNote}
            onChange={(e) => onChange('privateInterestNote', e.target.value)}
          />
        )}
      </fieldset>
      <SelectField
        name="taskId"
        label={t('field.taskId')}
        placeholder={t('field.taskNone')}
        options={taskOptions}
        value={values.taskId}
        onChange={(e) => onChange('taskId', e.target.value)}
      />
    </>
  );
}
