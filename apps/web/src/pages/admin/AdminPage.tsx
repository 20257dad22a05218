// /admin/*: the administration section with a KRDS side navigation and its own sub-routes —
// organisations, users and departments (ADMIN), departments read-only, settings and declared
// holidays (PROACTIVE_OFFICE too), and spreadsheet imports (each role its own kinds).
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../app/auth';
import { SideNav, WithSideNav } from '../../app/Layout';
import { PageHeader } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { ImportPage } from '../imports/ImportPage';
import { DepartmentCreate, DepartmentEdit, DepartmentsList } from './Departments';
import { HolidaysPage } from './Holidays';
import { OrganisationCreate, OrganisationsList } from './Organisations';
import { SettingsPage } from './Settings';
import { UserCreate, UserEdit, UsersList } from './Users';
import './messages';

export default function AdminPage() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const admin = hasRole('ADMIN');
  if (!hasRole('ADMIN', 'PROACTIVE_OFFICE')) {
    return (
      <>
        <PageHeader title={t('title')} crumbs={[{ label: t('title') }]} />
        <p className="gw-alert gw-alert--warning" role="alert">
          {t('forbidden')}
        </p>
      </>
    );
  }
  const items = [
    ...(admin
      ? [
          { to: '/admin/organisations', label: t('organisations.title') },
          { to: '/admin/users', label: t('users.title') },
        ]
      : []),
    { to: '/admin/departments', label: t('departments.title') },
    { to: '/admin/settings', label: t('settings.title') },
    { to: '/admin/holidays', label: t('title', { ns: 'holidays' }) },
    { to: '/admin/imports', label: t('title', { ns: 'imports' }) },
  ];
  const onlyAdmin = (element: ReactNode) =>
    admin ? element : <Navigate to="/admin/settings" replace />;
  return (
    <WithSideNav nav={<SideNav label={t('sideNav')} items={items} />}>
      <Routes>
        <Route index element={<Navigate to={admin ? 'users' : 'settings'} replace />} />
        <Route path="organisations" element={onlyAdmin(<OrganisationsList />)} />
        <Route path="organisations/new" element={onlyAdmin(<OrganisationCreate />)} />
        <Route path="users" element={onlyAdmin(<UsersList />)} />
        <Route path="users/new" element={onlyAdmin(<UserCreate />)} />
        <Route path="users/:id" element={onlyAdmin(<UserEdit />)} />
        <Route path="departments" element={<DepartmentsList />} />
        <Route path="departments/new" element={onlyAdmin(<DepartmentCreate />)} />
        <Route path="departments/:id" element={onlyAdmin(<DepartmentEdit />)} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="holidays" element={<HolidaysPage />} />
        <Route path="imports" element={<ImportPage />} />
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </WithSideNav>
  );
}
