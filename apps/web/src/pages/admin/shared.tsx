// What the admin pages share: organisations an administrator may pick, departments of one, a
// dialog that asks for a reason before an action, and status badges.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  SelectField,
  TextAreaField,
  useFormProblems,
} from '../../components/forms';
import { Badge, Dialog } from '../../components/ui';
import { useTranslation } from '../../i18n';
import './messages';
import './admin.css';

export type User = Schemas['UserDto'];
export type Department = Schemas['DepartmentDto'];
export type Organisation = Schemas['OrganisationDto'];

export const ROLES = [
  'STAFF',
  'DEPT_HEAD',
  'AUDITOR',
  'PROACTIVE_OFFICE',
  'COMMITTEE',
  'ADMIN',
] as const;
export const DEPARTMENT_KINDS = ['DIVISION', 'OFFICER', 'DONG', 'HEALTH_CENTER', 'TEAM'] as const;
/** 중앙행정기관 · 시·도 · 시·군·구 · 교육청 · 공공기관 */
export const ORGANISATION_KINDS = [
  'CENTRAL_AGENCY',
  'METROPOLITAN',
  'LOCAL',
  'EDUCATION_OFFICE',
  'PUBLIC_INSTITUTION',
] as const;

/**
 * Organisations an ADMIN administers (its own and those below; the system administrator: all);
 * others see only their own.
 */
export function useOrganisations() {
  const { hasRole } = useAuth();
  return useQuery({
    queryKey: ['organisations'],
    queryFn: () => call(api.GET('/api/v1/organisations')),
    enabled: hasRole('ADMIN'),
  });
}

export function useDepartments(organisationId: string | undefined, includeInactive = false) {
  return useQuery({
    queryKey: ['departments', organisationId ?? 'own', includeInactive],
    queryFn: () =>
      call(
        api.GET('/api/v1/departments', {
          params: {
            query: {
              ...(organisationId ? { organisationId } : {}),
              ...(includeInactive ? { includeInactive } : {}),
            },
          },
        }),
      ),
  });
}

/** The organisation picker of an ADMIN (hidden for anyone else: they see their own). */
export function OrganisationSelect({
  value,
  onChange,
  placeholder,
  name = 'organisationId',
  required,
}: {
  value: string;
  onChange: (id: string) => void;
  placeholder?: string;
  name?: string;
  required?: boolean;
}) {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const organisations = useOrganisations();
  if (!hasRole('ADMIN')) return null;
  return (
    <SelectField
      name={name}
      label={t('organisation')}
      required={required}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

export function ActiveBadge({ active, locked }: { active: boolean; locked?: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <span className="gw-admin-badges">
      {active ? (
        <Badge tone="success">{t('status.active')}</Badge>
      ) : (
        <Badge tone="neutral">{t('status.inactive')}</Badge>
      )}
      {locked && <Badge tone="danger">{t('status.locked')}</Badge>}
    </span>
  );
}

/**
 * A confirmation dialog with an optional reason (kept in the history); runs `action(reason)` and
 * shows the API's error inside the dialog.
 */
export function ReasonDialog({
  open,
  title,
  hint,
  submitLabel,
  onClose,
  action,
}: {
  open: boolean;
  title: string;
  hint?: string;
  submitLabel: string;
  onClose: () => void;
  action: (reason: string | undefined) => Promise<void>;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <ReasonForm
        title={title}
        hint={hint}
        submitLabel={submitLabel}
        onCancel={onClose}
        action={action}
      />
    </Dialog>
  );
}

function ReasonForm({
  title,
  hint,
  submitLabel,
  onCancel,
  action,
}: {
  title: string;
  hint?: string;
  submitLabel: string;
  onCancel: () => void;
  action: (reason: string | undefined) => Promise<void>;
}) {
  const { t } = useTranslation('admin');
  const [reason, setReason] = useState('');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await action(reason.trim() || undefined);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={title}>
      {hint && <p>{hint}</p>}
      <TextAreaField
        name="reason"
        label={t('reason')}
        hint={t('reasonHint')}
        maxLength={1000}
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </Form>
  );
}
