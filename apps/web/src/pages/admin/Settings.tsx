// Settings: one labelled input per setting of the organisation, by its kind (integer, yes/no,
// choice, JSON), with the label the API gives in the UI language, its default and bounds; the
// API's message for `values.<key>` is shown next to each field. Only changed values are sent.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  Form,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
} from '../../components/forms';
import { Badge, ErrorState, Loading, Notice, PageHeader } from '../../components/ui';
import { currentLanguage } from '../../i18n';
import { OrganisationSelect } from './shared';

type Setting = Schemas['SettingDto'];
type Settings = Schemas['SettingsDto'];
type Kind = 'integer' | 'boolean' | 'enum' | 'json';

const GROUPS = [
  'security',
  'attachments',
  'reports',
  'consultations',
  'evaluations',
  'notifications',
] as const;

/** What an input holds for a value: text for numbers, choices and JSON; a flag for yes/no. */
function toInput(kind: Kind, value: unknown): string | boolean {
  if (kind === 'boolean') return value === true;
  if (kind === 'json') return JSON.stringify(value, null, 2);
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
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
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(settings.settings.map((s) => [s.key, toInput(s.kind, s.value)])),
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
      const kind = s.kind;
      const input = values[s.key];
      if (input === toInput(kind, s.value)) continue;
      if (kind === 'json') {
        try {
          changed[s.key] = JSON.parse(input as string);
        } catch {
          errors[s.key] = t('settings.jsonInvalid');
        }
      } else if (kind === 'integer') {
        const n = Number(input);
        changed[s.key] = (input as string).trim() !== '' && Number.isFinite(n) ? n : input;
      } else {
        changed[s.key] = input;
      }
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
      setValues(Object.fromEntries(fresh.settings.map((s) => [s.key, toInput(s.kind, s.value)])));
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
    const before = new Map(base.settings.map((s) => [s.key, toInput(s.kind, s.value)]));
    setValues((current) =>
      Object.fromEntries(
        fresh.settings.map((s) => {
          const typed = current[s.key];
          const untouched = typed === undefined || typed === before.get(s.key);
          return [s.key, untouched ? toInput(s.kind, s.value) : typed];
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
  value: string | boolean;
  error?: string;
  disabled?: boolean;
  onChange: (v: string | boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const kind = s.kind;
  const name = `values.${s.key}`;
  const kindLabel = t(`settings.kind.${kind}`);
  const shown = (v: unknown) =>
    kind === 'boolean'
      ? v
        ? t('settings.yes')
        : t('settings.no')
      : kind === 'enum'
        ? t(`settings.enumValues.${String(v)}`, { defaultValue: String(v) })
        : kind === 'json'
          ? JSON.stringify(v)
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
    <div className={kind === 'json' ? 'gw-admin-json-field' : undefined}>
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
      ) : kind === 'json' ? (
        <TextAreaField
          name={name}
          label={label}
          hint={hint}
          error={error}
          disabled={disabled}
          rows={Math.min(12, String(value).split('\n').length + 1)}
          spellCheck={false}
          value={value as string}
          onChange={(e) => onChange(e.target.value)}
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
