// Every page of the app. Pages load on demand, each in its own chunk.
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Loading } from '../components/ui';
import { useAuth } from './auth';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';

const page = (load: () => Promise<{ default: React.ComponentType }>) => {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
};

const PASSWORD_PAGE = '/account/password';

/**
 * Signed-in pages: the login page otherwise, coming back here afterwards. A user who must change
 * the password (the API answers 403 PASSWORD_CHANGE_REQUIRED elsewhere) is held at the change.
 */
function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (user.passwordChangeRequired && location.pathname !== PASSWORD_PAGE) {
    return <Navigate to={PASSWORD_PAGE} replace />;
  }
  return children;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: page(() => import('../pages/login/LoginPage')),
    errorElement: <ErrorPage />,
  },
  {
    element: (
      <RequireUser>
        <Layout />
      </RequireUser>
    ),
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: page(() => import('../pages/my-work/MyWorkPage')) },
      { path: 'calendar', element: page(() => import('../pages/calendar/CalendarPage')) },
      { path: 'search', element: page(() => import('../pages/search/SearchPage')) },
      { path: 'tasks', element: page(() => import('../pages/tasks/TaskListPage')) },
      { path: 'tasks/:id', element: page(() => import('../pages/tasks/TaskDetailPage')) },
      {
        path: 'collaborations',
        element: page(() => import('../pages/collaborations/CollaborationsPage')),
      },
      {
        path: 'collaborations/new',
        element: page(() => import('../pages/collaborations/CollaborationFormPage')),
      },
      {
        path: 'collaborations/:id',
        element: page(() => import('../pages/collaborations/CollaborationDetailPage')),
      },
      { path: 'reports', element: page(() => import('../pages/reports/ReportQueuePage')) },
      {
        path: 'reports/past-records/new',
        element: page(() => import('../pages/reports/PastReportPage')),
      },
      { path: 'reports/:id', element: page(() => import('../pages/reports/ReportEditorPage')) },
      {
        path: 'consultations',
        element: page(() => import('../pages/consultations/ConsultationQueuePage')),
      },
      {
        path: 'consultations/new',
        element: page(() => import('../pages/consultations/ConsultationFormPage')),
      },
      {
        path: 'consultations/:id',
        element: page(() => import('../pages/consultations/ConsultationDetailPage')),
      },
      {
        path: 'evaluations',
        element: page(() => import('../pages/evaluations/EvaluationRoundsPage')),
      },
      {
        path: 'evaluations/:id',
        element: page(() => import('../pages/evaluations/EvaluationRoundPage')),
      },
      {
        path: 'nominations/:id',
        element: page(() => import('../pages/evaluations/NominationPage')),
      },
      {
        path: 'contests',
        element: page(() => import('../pages/contests/ContestsPage')),
      },
      {
        path: 'contests/entries/:id',
        element: page(() => import('../pages/contests/ContestEntryPage')),
      },
      {
        path: 'contests/:id',
        element: page(() => import('../pages/contests/ContestRoundPage')),
      },
      {
        path: 'opinion-requests',
        element: page(() => import('../pages/opinion-requests/OpinionRequestsPage')),
      },
      {
        path: 'opinion-requests/new',
        element: page(() => import('../pages/opinion-requests/OpinionRequestFormPage')),
      },
      {
        path: 'opinion-requests/:id',
        element: page(() => import('../pages/opinion-requests/OpinionRequestDetailPage')),
      },
      {
        path: 'committee',
        element: page(() => import('../pages/committee/CommitteePage')),
      },
      {
        path: 'committee/meetings/:id',
        element: page(() => import('../pages/committee/MeetingPage')),
      },
      {
        path: 'committee/agenda-items/:id',
        element: page(() => import('../pages/committee/AgendaItemPage')),
      },
      {
        path: 'action-plans',
        element: page(() => import('../pages/programme/ActionPlansPage')),
      },
      {
        path: 'action-plans/:id',
        element: page(() => import('../pages/programme/ActionPlanDetailPage')),
      },
      {
        path: 'exemptions',
        element: page(() => import('../pages/programme/ExemptionsPage')),
      },
      {
        path: 'exemptions/:id',
        element: page(() => import('../pages/programme/ExemptionDetailPage')),
      },
      {
        path: 'exemption-reports',
        element: page(() => import('../pages/programme/ExemptionReportPage')),
      },
      {
        path: 'exemption-reports/:year/:quarter',
        element: page(() => import('../pages/programme/ExemptionReportPage')),
      },
      {
        path: 'education',
        element: page(() => import('../pages/programme/EducationPage')),
      },
      {
        path: 'education/sessions/:id',
        element: page(() => import('../pages/programme/EducationSessionPage')),
      },
      {
        path: 'education/completion',
        element: page(() => import('../pages/programme/EducationCompletionPage')),
      },
      {
        path: 'citizen-applications',
        element: page(() => import('../pages/programme/CitizenApplicationsPage')),
      },
      {
        path: 'citizen-applications/:id',
        element: page(() => import('../pages/programme/CitizenApplicationDetailPage')),
      },
      {
        path: 'passive-reports',
        element: page(() => import('../pages/programme/PassiveReportsPage')),
      },
      {
        path: 'passive-reports/:id',
        element: page(() => import('../pages/programme/PassiveReportDetailPage')),
      },
      {
        path: 'annual-reports',
        element: page(() => import('../pages/programme/AnnualReportsPage')),
      },
      { path: 'dashboards', element: page(() => import('../pages/dashboards/DashboardPage')) },
      { path: 'admin/*', element: page(() => import('../pages/admin/AdminPage')) },
      { path: 'account/password', element: page(() => import('../pages/account/PasswordPage')) },
      {
        path: 'notifications',
        element: page(() => import('../pages/notifications/NotificationsPage')),
      },
      { path: '*', element: page(() => import('../pages/NotFoundPage')) },
    ],
  },
]);
