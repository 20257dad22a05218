// Departments: the list (everyone with the admin menu); ADMIN creates, edits (name, kind, flags),
// names the head in one call (PUT …/head: the DEPT_HEAD role moves to that user) and deactivates or
// reactivates them.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  Form,
  SelectField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import {
  Badge,
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { useTranslation } from '../../i18n';
import {
  ActiveBadge,
  type Department,
  DEPARTMENT_KINDS,
  OrganisationSelect,
  ReasonDialog,
  type User,
  useDepartments,
} from './shared';

type Kind = (typeof DEPARTMENT_KINDS)[number];

export function DepartmentsList() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const admin = hasRole('ADMIN');
  const location = useLocation();
  const [organisationId, setOrganisationId] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const departments = useDepartments(organisationId || undefined, includeInactive);
  const notice = (location.state as { notice?: string } | null)?.notice;

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        crumbs={[{ label: t('title'), to: '/admin' }, { label: t('departments.title') }]}
        description={admin ? t('departments.description') : t('departments.readOnly')}
        actions={
          admin && (
            <Link to="/admin/departments/new" className="krds-btn primary">
              {t('departments.create')}
            </Link>
          )
        }
      />
      {notice && <Notice>{notice}</Notice>}
      <div className="gw-filters">
        <div className="gw-form-row">
          <OrganisationSelect
            value={organisationId}
            onChange={setOrganisationId}
            placeholder={t('ownOrganisation')}
          />
          <CheckboxField
            name="includeInactive"
            label={t('departments.includeInactive')}
            checked={includeInactive}
            onChange={(e) => setIncludeInactive(e.target.checked)}
          />
        </div>
      </div>
      {departments.isPending ? (
        <Loading />
      ) : departments.isError ? (
        <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />
      ) : departments.data.length === 0 ? (
        <Empty>{t('departments.empty')}</Empty>
      ) : (
        <Table
          caption={t('departments.caption')}
          head={[
            t('departments.colName'),
            t('departments.colKind'),
            t('departments.colFlags'),
            t('departments.colHead'),
            t('departments.colStatus'),
          ]}
        >
          {departments.data.map((d) => (
            <tr key={d.id}>
              <td>{admin ? <Link to={`/admin/departments/${d.id}`}>{d.name}</Link> : d.name}</td>
              <td>{t(`departmentKind.${d.kind}`)}</td>
              <td>
                <span className="gw-admin-badges">
                  {d.isAuditUnit && <Badge tone="info">{t('departments.auditUnit')}</Badge>}
                  {d.isProactiveOffice && (
                    <Badge tone="info">{t('departments.proactiveOffice')}</Badge>
                  )}
                  {!d.isAuditUnit && !d.isProactiveOffice && '–'}
                </span>
              </td>
              <td>{d.headName ?? t('departments.noHead')}</td>
              <td>
                <ActiveBadge active={d.active} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export function DepartmentCreate() {
  const { t } = useTranslation('admin');
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set, setValues } = useFormValues({
    organisationId: user?.organisationId ?? '',
    name: '',
    kind: 'DIVISION',
    isAuditUnit: false,
    isProactiveOffice: false,
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const d = await call(
        api.POST('/api/v1/departments', {
          body: {
            organisationId: values.organisationId,
            name: values.name,
            kind: values.kind as Kind,
            isAuditUnit: values.isAuditUnit,
            isProactiveOffice: values.isProactiveOffice,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['departments'] });
      void navigate(`/admin/departments/${d.id}`, { state: { notice: t('departments.created') } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('departments.createTitle')}
        crumbs={[
          { label: t('title'), to: '/admin' },
          { label: t('departments.title'), to: '/admin/departments' },
          { label: t('departments.createTitle') },
        ]}
      />
      <Form problems={problems} onSubmit={() => void submit()} label={t('departments.createTitle')}>
        <div className="gw-form-row">
          <OrganisationSelect
            value={values.organisationId}
            onChange={(organisationId) => setValues((v) => ({ ...v, organisationId }))}
            required
          />
          <TextField
            name="name"
            label={t('departments.name')}
            required
            maxLength={200}
            value={values.name}
            onChange={set('name')}
          />
          <SelectField
            name="kind"
            label={t('departments.kind')}
            required
            value={values.kind}
            onChange={set('kind')}
            options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`departmentKind.${k}`) }))}
          />
        </div>
        <CheckboxField
          name="isAuditUnit"
          label={t('departments.isAuditUnit')}
          checked={values.isAuditUnit}
          onChange={set('isAuditUnit')}
        />
        <CheckboxField
          name="isProactiveOffice"
          label={t('departments.isProactiveOffice')}
          checked={values.isProactiveOffice}
          onChange={set('isProactiveOffice')}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('departments.createSubmit')}
          </button>
          <Link to="/admin/departments" className="krds-btn secondary">
            {t('common:actions.cancel')}
          </Link>
        </div>
      </Form>
    </>
  );
}

export function DepartmentEdit() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const department = useQuery({
    queryKey: ['department', id],
    queryFn: () => call(api.GET('/api/v1/departments/{id}', { params: { path: { id } } })),
  });
  const crumbs = [
    { label: t('title'), to: '/admin' },
    { label: t('departments.title'), to: '/admin/departments' },
  ];
  if (department.isPending || department.isError) {
    return (
      <>
        <PageHeader title={t('departments.editTitle')} crumbs={crumbs} />
        {department.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={department.error} onRetry={() => void department.refetch()} />
        )}
      </>
    );
  }
  return (
    <DepartmentEditForm key={department.data.id} department={department.data} crumbs={crumbs} />
  );
}

function DepartmentEditForm({
  department,
  crumbs,
}: {
  department: Department;
  crumbs: Array<{ label: string; to?: string }>;
}) {
  const { t } = useTranslation('admin');
  const location = useLocation();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(department.version);
  const { values, set } = useFormValues({
    name: department.name,
    kind: department.kind,
    isAuditUnit: department.isAuditUnit,
    isProactiveOffice: department.isProactiveOffice,
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const [dialog, setDialog] = useState<'deactivate' | 'reactivate' | null>(null);
  const current = queryClient.getQueryData<Department>(['department', department.id]) ?? department;
  const members = useQuery({
    queryKey: ['users', 'department', department.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/users', {
          params: {
            query: { departmentId: department.id, active: true, limit: 100, offset: 0 },
          },
        }),
      ),
  });

  const refreshed = async (fresh: Department) => {
    queryClient.setQueryData(['department', department.id], fresh);
    setVersion(fresh.version);
    await queryClient.invalidateQueries({ queryKey: ['departments'] });
  };

  const submit = async () => {
    setBusy(true);
    clear();
    setNotice(null);
    try {
      const fresh = await call(
        api.PATCH('/api/v1/departments/{id}', {
          params: { path: { id: department.id } },
          body: {
            version,
            name: values.name,
            kind: values.kind,
            isAuditUnit: values.isAuditUnit,
            isProactiveOffice: values.isProactiveOffice,
          },
        }),
      );
      await refreshed(fresh);
      setNotice(t('saved'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    const fresh = await call(
      api.GET('/api/v1/departments/{id}', { params: { path: { id: department.id } } }),
    );
    await refreshed(fresh);
    clear();
  };

  const act = (kind: 'deactivate' | 'reactivate') => async (reason?: string) => {
    const path = { params: { path: { id: department.id } }, body: { reason } };
    const fresh = await call(
      kind === 'deactivate'
        ? api.POST('/api/v1/departments/{id}/deactivate', path)
        : api.POST('/api/v1/departments/{id}/reactivate', path),
    );
    await refreshed(fresh);
    setDialog(null);
    setNotice(t(kind === 'deactivate' ? 'departments.deactivated' : 'departments.reactivated'));
  };

  return (
    <>
      <PageHeader title={current.name} crumbs={[...crumbs, { label: current.name }]} />
      {notice && <Notice>{notice}</Notice>}
      <Facts
        items={[
          [t('departments.colStatus'), <ActiveBadge key="s" active={current.active} />],
          [t('departments.colKind'), t(`departmentKind.${current.kind}`)],
        ]}
      />
      <div className="gw-form-actions gw-admin-filter-actions">
        {current.active ? (
          <button
            type="button"
            className="krds-btn secondary"
            onClick={() => setDialog('deactivate')}
          >
            {t('departments.deactivate')}
          </button>
        ) : (
          <button
            type="button"
            className="krds-btn secondary"
            onClick={() => setDialog('reactivate')}
          >
            {t('departments.reactivate')}
          </button>
        )}
      </div>
      <section className="gw-section" aria-labelledby="department-form">
        <h2 id="department-form">{t('departments.editTitle')}</h2>
        <Form
          problems={problems}
          onSubmit={() => void submit()}
          onReload={() => void reload()}
          label={t('departments.editTitle')}
        >
          <div className="gw-form-row">
            <TextField
              name="name"
              label={t('departments.name')}
              required
              maxLength={200}
              value={values.name}
              onChange={set('name')}
            />
            <SelectField
              name="kind"
              label={t('departments.kind')}
              required
              value={values.kind}
              onChange={set('kind')}
              options={DEPARTMENT_KINDS.map((k) => ({
                value: k,
                label: t(`departmentKind.${k}`),
              }))}
            />
          </div>
          <CheckboxField
            name="isAuditUnit"
            label={t('departments.isAuditUnit')}
            checked={values.isAuditUnit}
            onChange={set('isAuditUnit')}
          />
          <CheckboxField
            name="isProactiveOffice"
            label={t('departments.isProactiveOffice')}
            checked={values.isProactiveOffice}
            onChange={set('isProactiveOffice')}
          />
          <div className="gw-form-actions">
            <button type="submit" className="krds-btn primary" disabled={busy}>
              {t('departments.saveSubmit')}
            </button>
            <Link to="/admin/departments" className="krds-btn secondary">
              {t('departments.back')}
            </Link>
          </div>
        </Form>
      </section>
      <DepartmentHeadForm
        department={current}
        version={version}
        members={members.data?.items ?? []}
        onSaved={async (fresh, changed) => {
          await refreshed(fresh);
          await queryClient.invalidateQueries({ queryKey: ['users'] });
          setNotice(t(changed ? 'departments.headSaved' : 'departments.headUnchanged'));
        }}
        onReload={() => void reload()}
      />
      <ReasonDialog
        open={dialog === 'deactivate'}
        title={t('departments.deactivateTitle')}
        submitLabel={t('departments.deactivate')}
        onClose={() => setDialog(null)}
        action={act('deactivate')}
      />
      <ReasonDialog
        open={dialog === 'reactivate'}
        title={t('departments.reactivateTitle')}
        submitLabel={t('departments.reactivate')}
        onClose={() => setDialog(null)}
        action={act('reactivate')}
      />
    </>
  );
}

/**
 * The head of a department in one call: PUT /departments/{id}/head gives the chosen active user of
 * the department the DEPT_HEAD role and takes it from the previous head (who keeps STAFF).
 */
function DepartmentHeadForm({
  department,
  version,
  members,
  onSaved,
  onReload,
}: {
  department: Department;
  version: number;
  members: User[];
  onSaved: (fresh: Department, changed: boolean) => Promise<void>;
  onReload: () => void;
}) {
  const { t } = useTranslation('admin');
  const [userId, setUserId] = useState(department.headUserId ?? '');
  const [reason, setReason] = useState('');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const fresh = await call(
        api.PUT('/api/v1/departments/{id}/head', {
          params: { path: { id: department.id } },
          body: {
            userId: userId || null,
            version,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          },
        }),
      );
      setReason('');
      await onSaved(fresh, fresh.version !== version);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gw-section" aria-labelledby="department-head">
      <h2 id="department-head">{t('departments.headTitle')}</h2>
      <Facts
        items={[[t('departments.headCurrent'), department.headName ?? t('departments.noHead')]]}
      />
      <Form
        problems={problems}
        onSubmit={() => void submit()}
        onReload={onReload}
        label={t('departments.headTitle')}
      >
        <div className="gw-form-row">
          <SelectField
            name="userId"
            label={t('departments.head')}
            hint={t('departments.headHint')}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            placeholder={t('departments.noHead')}
            options={members.map((u) => ({
              value: u.id,
              label: u.grade ? `${u.name} (${u.grade})` : u.name,
            }))}
          />
          <TextField
            name="reason"
            label={t('departments.headReason')}
            hint={t('reasonHint')}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('departments.headSubmit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
