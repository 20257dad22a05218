// Settings: one labelled input per setting of the organisation, by its kind (integer, yes/no,
// choice, and a form for each structured format: criteria, grade table, day list, day of the year),
// with the label the API gives in the UI language, its default and bounds; the API's message for
// `values.<key>` is shown next to each field. Only changed values are sent.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  Form,
  SelectField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import { Badge, ErrorState, Loading, Notice, PageHeader } from '../../components/ui';
import { currentLanguage, type TFunction, useTranslation } from '../../i18n';
import { OrganisationSelect } from './shared';
import { StructuredSettingField } from './StructuredSetting';
import { fromDraft, type StructuredDraft, toDraft } from './structured-drafts';

type Setting = Schemas['SettingDto'];
type Settings = Schemas['SettingsDto'];
type Input = string | boolean | StructuredDraft;

const GROUPS = [
  'security',
  'attachments',
  'reports',
  'consultations',
  'evaluations',
  'notifications',
] as const;

/** What an input holds for a value: text for numbers and choices, a flag for yes/no, a draft. */
function toInput(s: Pick<Setting, 'kind' | 'format'>, value: unknown): Input {
  if (s.kind === 'boolean') return value === true;
  if (s.kind === 'json' && s.format) return toDraft(s.format, value);
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** The value an input stands for, or a problem key (settings.forms.*) when it cannot be read. */
function fromInput(s: Setting, input: Input): { value: unknown; problem?: string } {
  if (s.kind === 'json' && s.format) return fromDraft(s.format, input as StructuredDraft);
  if (s.kind === 'integer') {
    const n = Number(input);
    return { value: (input as string).trim() !== '' && Number.isFinite(n) ? n : input };
  }
  return { value: input };
}

export function SettingsPage() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const [organisationId, setOrganisationId] = useState('');
  const settings = useQuery({
    queryKey: ['settings', organisationId],
    queryFn: () =>
      call(
        api.GET('/api/v1/settings', {
          params: { query: organisationId ? { organisationId } : {} },
        }),
      ),
  });
  return (
    <>
      <PageHeader
        title={t('settings.title')}
        crumbs={[{ label: t('title'), to: '/admin' }, { label: t('settings.title') }]}
        description={t('settings.description')}
      />
      {hasRole('ADMIN') && (
        <div className="gw-filters">
          <OrganisationSelect
            value={organisationId}
            onChange={setOrganisationId}
            placeholder={t('ownOrganisation')}
          />
        </div>
      )}
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm
          key={settings.data.organisationId}
          settings={settings.data}
          organisationId={organisationId}
        />
      )}
    </>
  );
}

function SettingsForm({
  settings,
  organisationId,
}: {
  settings: Settings;
  organisationId: string;
}) {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const queryClient = useQueryClient();
  const english = currentLanguage() === 'en';
  const [base, setBase] = useState(settings);
  const [values, setValues] = useState<Record<string, Input>>(() =>
    Object.fromEntries(settings.settings.map((s) => [s.key, toInput(s, s.value)])),
  );
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async () => {
    clear();
    setNotice(null);
    const changed: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const s of base.settings) {
      const { value, problem } = fromInput(s, values[s.key]);
      if (problem) errors[s.key] = t(`settings.forms.${problem}`);
      else if (JSON.stringify(value) !== JSON.stringify(s.value)) changed[s.key] = value;
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    if (!Object.keys(changed).length) {
      setNotice(t('settings.nothingChanged'));
      return;
    }
    setBusy(true);
    try {
      const fresh = await call(
        api.PATCH('/api/v1/settings', {
          params: { query: organisationId ? { organisationId } : {} },
          body: {
            version: base.version,
            values: changed,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          },
        }),
      );
      queryClient.setQueryData(['settings', organisationId], fresh);
      setBase(fresh);
      setValues(Object.fromEntries(fresh.settings.map((s) => [s.key, toInput(s, s.value)])));
      setReason('');
      setNotice(t('settings.savedCount', { count: Object.keys(changed).length }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  /** A conflict: take the latest version and defaults, keep what the user typed. */
  const reload = async () => {
    const fresh = await call(
      api.GET('/api/v1/settings', {
        params: { query: organisationId ? { organisationId } : {} },
      }),
    );
    queryClient.setQueryData(['settings', organisationId], fresh);
    // Fields the user did not touch take the latest values; what they typed stays.
    const before = new Map(base.settings.map((s) => [s.key, JSON.stringify(toInput(s, s.value))]));
    setValues((current) =>
      Object.fromEntries(
        fresh.settings.map((s) => {
          const typed = current[s.key];
          const untouched = typed === undefined || JSON.stringify(typed) === before.get(s.key);
          return [s.key, untouched ? toInput(s, s.value) : typed];
        }),
      ),
    );
    setBase(fresh);
    clear();
  };

  const groupOf = (key: string) => {
    const prefix = key.split('.')[0];
    return (GROUPS as readonly string[]).includes(prefix) ? prefix : 'other';
  };
  const groups = [...GROUPS, 'other'].filter((g) =>
    base.settings.some((s) => groupOf(s.key) === g),
  );

  return (
    <>
      {notice && <Notice>{notice}</Notice>}
      <Form
        problems={problems}
        onSubmit={() => void submit()}
        onReload={() => void reload()}
        label={t('settings.title')}
      >
        {groups.map((g) => (
          <section key={g} className="gw-section gw-admin-group" aria-labelledby={`settings-${g}`}>
            <h2 id={`settings-${g}`}>{t(`settings.groups.${g}`)}</h2>
            <div className="gw-admin-settings-grid">
              {base.settings
                .filter((s) => groupOf(s.key) === g)
                .map((s) => (
                  <SettingField
                    key={s.key}
                    setting={s}
                    label={english ? s.labelEn : s.label}
                    value={values[s.key]}
                    error={local[s.key]}
                    // Security settings are the administrator's alone (separation of duties).
                    disabled={s.adminOnly && !hasRole('ADMIN')}
                    onChange={(v) => setValues((x) => ({ ...x, [s.key]: v }))}
                  />
                ))}
            </div>
          </section>
        ))}
        <TextField
          name="reason"
          label={t('reason')}
          hint={t('reasonHint')}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('settings.saveSubmit')}
          </button>
        </div>
      </Form>
    </>
  );
}

function SettingField({
  setting: s,
  label,
  value,
  error,
  disabled,
  onChange,
}: {
  setting: Setting;
  label: string;
  value: Input;
  error?: string;
  disabled?: boolean;
  onChange: (v: Input) => void;
}) {
  const { t } = useTranslation('admin');
  const kind = s.kind;
  const name = `values.${s.key}`;
  const kindLabel =
    kind === 'json' && s.format ? t(`settings.forms.hint.${s.format}`) : t(`settings.kind.${kind}`);
  const shown = (v: unknown) =>
    kind === 'boolean'
      ? v
        ? t('settings.yes')
        : t('settings.no')
      : kind === 'enum'
        ? t(`settings.enumValues.${String(v)}`, { defaultValue: String(v) })
        : kind === 'json'
          ? shownStructured(s, v, t)
          : String(v);
  const hint = [
    kind === 'integer'
      ? t('settings.range', { kind: kindLabel, min: s.min, max: s.max })
      : kindLabel,
    t('settings.defaultValue', { value: shown(s.defaultValue) }),
    ...(disabled ? [t('settings.adminOnly')] : []),
  ].join(' · ');
  const badge = s.isDefault ? (
    <Badge tone="neutral">{t('settings.isDefault')}</Badge>
  ) : (
    <Badge tone="info">{t('settings.changed')}</Badge>
  );

  if (kind === 'json' && s.format) {
    return (
      <div className="gw-admin-json-field">
        <StructuredSettingField
          format={s.format}
          name={name}
          label={label}
          hint={hint}
          error={error}
          disabled={disabled}
          draft={value as StructuredDraft}
          onChange={onChange}
        />
        <div className="gw-admin-setting-meta">{badge}</div>
      </div>
    );
  }
  if (kind === 'boolean') {
    return (
      <div>
        <CheckboxField
          name={name}
          label={label}
          hint={hint}
          error={error}
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        <div className="gw-admin-setting-meta">{badge}</div>
      </div>
    );
  }
  return (
    <div>
      {kind === 'enum' ? (
        <SelectField
          name={name}
          label={label}
          hint={hint}
          error={error}
          disabled={disabled}
          value={value as string}
          onChange={(e) => onChange(e.target.value)}
          options={(s.values ?? []).map((v) => ({
            value: v,
            label: t(`settings.enumValues.${v}`, { defaultValue: v }),
          }))}
        />
      ) : (
        <TextField
          name={name}
          type="number"
          inputMode="numeric"
          min={s.min}
          max={s.max}
          step={1}
          label={label}
          hint={hint}
          error={error}
          disabled={disabled}
          value={value as string}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <div className="gw-admin-setting-meta">{badge}</div>
    </div>
  );
}

/** A structured default in words: "5, 3, 1일 전", "12월 1일", or its rows' labels. */
function shownStructured(s: Setting, v: unknown, t: TFunction): string {
  const draft = s.format ? toDraft(s.format, v) : null;
  switch (s.format) {
    case 'dayList':
      return t('settings.forms.daysShown', { days: draft as string });
    case 'monthDay': {
      const { month, day } = draft as { month: string; day: string };
      return t('settings.forms.monthDayShown', { month: Number(month), day: Number(day) });
    }
    case 'criteria':
      return (draft as { label: string; weight: string }[])
        .map((c) => `${c.label} ${c.weight}`)
        .join(', ');
    case 'grades':
      return (draft as { label: string }[]).map((g) => g.label).join(', ');
    case undefined:
      return JSON.stringify(v);
  }
}
