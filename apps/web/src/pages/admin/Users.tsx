// Users (ADMIN): the list with search and paging, a new account, and one account's profile,
// department and roles, with deactivate / reactivate / unlock.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  CheckboxField,
  CheckboxGroup,
  Form,
  SelectField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import {
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Pagination,
  Table,
} from '../../components/ui';
import { formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  ActiveBadge,
  OrganisationSelect,
  ReasonDialog,
  ROLES,
  type User,
  useDepartments,
} from './shared';

const LIMIT = 20;
type Role = (typeof ROLES)[number];

export function UsersList() {
  const { t } = useTranslation('admin');
  const location = useLocation();
  const [form, setForm] = useState({
    q: '',
    organisationId: '',
    departmentId: '',
    role: '',
    active: '',
  });
  const [filter, setFilter] = useState(form);
  const [offset, setOffset] = useState(0);
  const departments = useDepartments(form.organisationId || undefined);
  const query = {
    limit: LIMIT,
    offset,
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
    ...(filter.role ? { role: filter.role as Role } : {}),
    ...(filter.active ? { active: filter.active === 'true' } : {}),
  };
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => call(api.GET('/api/v1/users', { params: { query } })),
  });
  const notice = (location.state as { notice?: string } | null)?.notice;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        crumbs={[{ label: t('title'), to: '/admin' }, { label: t('users.title') }]}
        description={t('users.description')}
        actions={
          <Link to="/admin/users/new" className="krds-btn primary">
            {t('users.create')}
          </Link>
        }
      />
      {notice && <Notice>{notice}</Notice>}
      <form
        className="gw-filters"
        role="search"
        aria-label={t('users.search')}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(form);
        }}
      >
        <div className="gw-form-row">
          <TextField
            name="q"
            type="search"
            label={t('users.q')}
            value={form.q}
            onChange={(e) => setForm((f) => ({ ...f, q: e.target.value }))}
          />
          <OrganisationSelect
            value={form.organisationId}
            onChange={(organisationId) =>
              setForm((f) => ({ ...f, organisationId, departmentId: '' }))
            }
            placeholder={t('allOrganisations')}
          />
          <SelectField
            name="departmentId"
            label={t('users.department')}
            value={form.departmentId}
            onChange={(e) => setForm((f) => ({ ...f, departmentId: e.target.value }))}
            placeholder={t('users.allDepartments')}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          <SelectField
            name="role"
            label={t('users.role')}
            value={form.role}
            onChange={(e) => setForm((f) => ({ ...f, role: e.target.value }))}
            placeholder={t('users.allRoles')}
            options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
          <SelectField
            name="active"
            label={t('users.active')}
            value={form.active}
            onChange={(e) => setForm((f) => ({ ...f, active: e.target.value }))}
            placeholder={t('users.allStates')}
            options={[
              { value: 'true', label: t('users.activeOnly') },
              { value: 'false', label: t('users.inactiveOnly') },
            ]}
          />
        </div>
        <div className="gw-form-actions gw-admin-filter-actions">
          <button type="submit" className="krds-btn primary">
            {t('users.searchButton')}
          </button>
          <button
            type="button"
            className="krds-btn tertiary"
            onClick={() => {
              const empty = { q: '', organisationId: '', departmentId: '', role: '', active: '' };
              setForm(empty);
              setFilter(empty);
              setOffset(0);
            }}
          >
            {t('users.reset')}
          </button>
        </div>
      </form>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <Empty>{t('users.empty')}</Empty>
      ) : (
        <>
          <Table
            caption={t('users.caption')}
            head={[
              t('users.colName'),
              t('users.colDepartment'),
              t('users.colGrade'),
              t('users.colRoles'),
              t('users.colStatus'),
              t('users.colLastLogin'),
            ]}
          >
            {users.data.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                  <div className="gw-admin-email">{u.email}</div>
                </td>
                <td>{u.departmentName}</td>
                <td>{u.grade}</td>
                <td>
                  {[
                    ...u.roles.map((r) => t(`common:roles.${r}`)),
                    ...(u.systemAdministrator ? [t('users.systemAdministrator')] : []),
                  ].join(', ')}
                </td>
                <td>
                  <ActiveBadge active={u.active} locked={u.locked} />
                </td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')}</td>
              </tr>
            ))}
          </Table>
          <Pagination total={users.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </>
  );
}

export function UserCreate() {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set, setValues } = useFormValues({
    organisationId: '',
    departmentId: '',
    name: '',
    email: '',
    grade: '',
    language: 'ko',
    password: '',
  });
  const [roles, setRoles] = useState<string[]>(['STAFF']);
  const departments = useDepartments(values.organisationId || undefined);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const user = await call(
        api.POST('/api/v1/users', {
          body: {
            departmentId: values.departmentId,
            name: values.name,
            email: values.email,
            grade: values.grade || undefined,
            roles: roles as Role[],
            language: values.language as 'ko' | 'en',
            password: values.password,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      void navigate(`/admin/users/${user.id}`, { state: { notice: t('users.created') } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('users.createTitle')}
        crumbs={[
          { label: t('title'), to: '/admin' },
          { label: t('users.title'), to: '/admin/users' },
          { label: t('users.createTitle') },
        ]}
      />
      <Form problems={problems} onSubmit={() => void submit()} label={t('users.createTitle')}>
        <div className="gw-form-row">
          <OrganisationSelect
            value={values.organisationId}
            onChange={(organisationId) =>
              setValues((v) => ({ ...v, organisationId, departmentId: '' }))
            }
            placeholder={t('ownOrganisation')}
            name="organisation"
          />
          <SelectField
            name="departmentId"
            label={t('users.department')}
            required
            value={values.departmentId}
            onChange={set('departmentId')}
            placeholder="–"
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </div>
        <div className="gw-form-row">
          <TextField
            name="name"
            label={t('users.name')}
            required
            maxLength={100}
            value={values.name}
            onChange={set('name')}
          />
          <TextField
            name="email"
            type="email"
            label={t('users.email')}
            required
            maxLength={254}
            autoComplete="off"
            value={values.email}
            onChange={set('email')}
          />
        </div>
        <div className="gw-form-row">
          <TextField
            name="grade"
            label={t('users.grade')}
            maxLength={50}
            value={values.grade}
            onChange={set('grade')}
          />
          <SelectField
            name="language"
            label={t('users.languageField')}
            value={values.language}
            onChange={set('language')}
            options={[
              { value: 'ko', label: t('language.ko') },
              { value: 'en', label: t('language.en') },
            ]}
          />
        </div>
        <CheckboxGroup
          name="roles"
          legend={t('users.roles')}
          options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          selected={roles}
          onChange={setRoles}
          layout="row"
        />
        <TextField
          name="password"
          type="password"
          label={t('users.password')}
          hint={t('users.passwordHint')}
          required
          maxLength={128}
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('users.createSubmit')}
          </button>
          <Link to="/admin/users" className="krds-btn secondary">
            {t('common:actions.cancel')}
          </Link>
        </div>
      </Form>
    </>
  );
}

export function UserEdit() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: () => call(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });
  const crumbs = [
    { label: t('title'), to: '/admin' },
    { label: t('users.title'), to: '/admin/users' },
  ];
  if (user.isPending || user.isError) {
    return (
      <>
        <PageHeader title={t('users.editTitle')} crumbs={crumbs} />
        {user.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={user.error} onRetry={() => void user.refetch()} />
        )}
      </>
    );
  }
  return <UserEditForm key={user.data.id} user={user.data} crumbs={crumbs} />;
}

function UserEditForm({
  user,
  crumbs,
}: {
  user: User;
  crumbs: Array<{ label: string; to?: string }>;
}) {
  const { t } = useTranslation('admin');
  const location = useLocation();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(user.version);
  const { values, set } = useFormValues({
    departmentId: user.departmentId,
    name: user.name,
    grade: user.grade,
    language: user.language,
    password: '',
  });
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [systemAdministrator, setSystemAdministrator] = useState(user.systemAdministrator);
  // Only a system administrator grants or revokes the mark (the API refuses anyone else).
  const grantsSystem = !!useAuth().user?.systemAdministrator;
  const departments = useDepartments(user.organisationId);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const [dialog, setDialog] = useState<'deactivate' | 'reactivate' | 'unlock' | null>(null);
  const current = queryClient.getQueryData<User>(['user', user.id]) ?? user;

  const refreshed = async (fresh: User) => {
    queryClient.setQueryData(['user', user.id], fresh);
    setVersion(fresh.version);
    await queryClient.invalidateQueries({ queryKey: ['users'] });
  };

  const submit = async () => {
    setBusy(true);
    clear();
    setNotice(null);
    try {
      const fresh = await call(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: {
            version,
            departmentId: values.departmentId,
            name: values.name,
            grade: values.grade,
            roles: roles as Role[],
            language: values.language,
            ...(values.password ? { password: values.password } : {}),
            ...(systemAdministrator !== current.systemAdministrator ? { systemAdministrator } : {}),
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
    const fresh = await call(api.GET('/api/v1/users/{id}', { params: { path: { id: user.id } } }));
    await refreshed(fresh);
    clear();
  };

  const act = (kind: 'deactivate' | 'reactivate' | 'unlock') => async (reason?: string) => {
    const path = { params: { path: { id: user.id } }, body: { reason } };
    const fresh = await call(
      kind === 'deactivate'
        ? api.POST('/api/v1/users/{id}/deactivate', path)
        : kind === 'reactivate'
          ? api.POST('/api/v1/users/{id}/reactivate', path)
          : api.POST('/api/v1/users/{id}/unlock', path),
    );
    await refreshed(fresh);
    setDialog(null);
    setNotice(
      t(
        `users.${kind === 'deactivate' ? 'deactivated' : kind === 'reactivate' ? 'reactivated' : 'unlocked'}`,
      ),
    );
  };

  return (
    <>
      <PageHeader title={current.name} crumbs={[...crumbs, { label: current.name }]} />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="user-account">
        <h2 id="user-account">{t('users.account')}</h2>
        <Facts
          items={[
            [t('users.email'), current.email],
            [
              t('users.colStatus'),
              <ActiveBadge key="s" active={current.active} locked={current.locked} />,
            ],
            ...(current.locked && current.lockedUntil
              ? [
                  [
                    t('status.locked'),
                    t('users.lockedUntil', { time: formatDateTime(current.lockedUntil) }),
                  ] as [string, string],
                ]
              : []),
            [
              t('users.colLastLogin'),
              current.lastLoginAt ? formatDateTime(current.lastLoginAt) : t('users.never'),
            ],
            [
              t('users.systemAdministrator'),
              current.systemAdministrator ? t('users.yes') : t('users.no'),
            ],
          ]}
        />
        <div className="gw-form-actions">
          {current.active ? (
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => setDialog('deactivate')}
            >
              {t('users.deactivate')}
            </button>
          ) : (
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => setDialog('reactivate')}
            >
              {t('users.reactivate')}
            </button>
          )}
          {current.locked && (
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => setDialog('unlock')}
            >
              {t('users.unlock')}
            </button>
          )}
        </div>
      </section>
      <section className="gw-section" aria-labelledby="user-profile">
        <h2 id="user-profile">{t('users.editTitle')}</h2>
        <Form
          problems={problems}
          onSubmit={() => void submit()}
          onReload={() => void reload()}
          label={t('users.editTitle')}
        >
          <div className="gw-form-row">
            <TextField
              name="name"
              label={t('users.name')}
              required
              maxLength={100}
              value={values.name}
              onChange={set('name')}
            />
            <TextField
              name="grade"
              label={t('users.grade')}
              maxLength={50}
              value={values.grade}
              onChange={set('grade')}
            />
          </div>
          <div className="gw-form-row">
            <SelectField
              name="departmentId"
              label={t('users.department')}
              required
              value={values.departmentId}
              onChange={set('departmentId')}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
            <SelectField
              name="language"
              label={t('users.languageField')}
              value={values.language}
              onChange={set('language')}
              options={[
                { value: 'ko', label: t('language.ko') },
                { value: 'en', label: t('language.en') },
              ]}
            />
          </div>
          <CheckboxGroup
            name="roles"
            legend={t('users.roles')}
            options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
            selected={roles}
            onChange={setRoles}
            layout="row"
          />
          {grantsSystem && (
            <CheckboxField
              name="systemAdministrator"
              label={t('users.systemAdministratorField')}
              hint={t('users.systemAdministratorHint')}
              checked={systemAdministrator}
              onChange={(e) => setSystemAdministrator(e.target.checked)}
            />
          )}
          <TextField
            name="password"
            type="password"
            label={t('users.passwordReset')}
            hint={t('users.passwordResetHint')}
            maxLength={128}
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
          />
          <div className="gw-form-actions">
            <button type="submit" className="krds-btn primary" disabled={busy}>
              {t('users.saveSubmit')}
            </button>
            <Link to="/admin/users" className="krds-btn secondary">
              {t('users.back')}
            </Link>
          </div>
        </Form>
      </section>
      <ReasonDialog
        open={dialog === 'deactivate'}
        title={t('users.deactivateTitle')}
        hint={t('users.deactivateHint')}
        submitLabel={t('users.deactivate')}
        onClose={() => setDialog(null)}
        action={act('deactivate')}
      />
      <ReasonDialog
        open={dialog === 'reactivate'}
        title={t('users.reactivateTitle')}
        submitLabel={t('users.reactivate')}
        onClose={() => setDialog(null)}
        action={act('reactivate')}
      />
      <ReasonDialog
        open={dialog === 'unlock'}
        title={t('users.unlockTitle')}
        submitLabel={t('users.unlock')}
        onClose={() => setDialog(null)}
        action={act('unlock')}
      />
    </>
  );
}
