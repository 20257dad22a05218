// The page frame of every signed-in page: KRDS masthead, skip link, header with the main menu,
// language switch and user, the page itself in <main>, and the footer identifier with KRDS credit.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import {
  NavigationType,
  NavLink,
  Outlet,
  ScrollRestoration,
  useLocation,
  useNavigate,
  useNavigationType,
} from 'react-router';
import { api, call } from '../api/client';
import { UnsavedChangesGuard } from '../components/unsaved';
import { currentLanguage, setLanguage, useTranslation } from '../i18n';
import '../pages/search/messages';
import { type Role, useAuth } from './auth';
import { SessionTimeout } from './SessionTimeout';

interface MenuItem {
  to: string;
  label: string;
  roles?: Role[];
  /** Pages of other paths that belong to this menu (it shows as current there). */
  also?: string[];
  /** Sub-pages, shown as a second-level menu at the top of the section's pages. */
  children?: Array<{ to: string; label: string; roles?: Role[]; also?: string[] }>;
}

const WORK_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE'];
const OPINION_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'];
const COMMITTEE_ROLES: Role[] = ['PROACTIVE_OFFICE', 'AUDITOR', 'ADMIN', 'COMMITTEE'];
/** Who may read 협업과제 (of organisations and departments taking part). */
const COLLABORATION_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'];
/** The yearly 적극행정 programme (issue 22): who may read each part, as the API decides. */
const EDUCATION_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE'];
const CITIZEN_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'];
const PASSIVE_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'];
const ANNUAL_REPORT_ROLES: Role[] = ['PROACTIVE_OFFICE', 'AUDITOR', 'ADMIN'];
/** 면책: the audit unit and the office read the register, an applicant their own cases. */
const EXEMPTION_ROLES: Role[] = ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE'];
const PROGRAMME_ROLES: Role[] = [...EDUCATION_ROLES, 'ADMIN'];

const under = (path: string, prefix: string) =>
  prefix === '/' ? path === '/' : path === prefix || path.startsWith(`${prefix}/`);

export function Masthead() {
  const { t } = useTranslation();
  return (
    <>
      <div id="krds-skip-link">
        <a href="#main">{t('app.skipToContent')}</a>
      </div>
      <div id="krds-masthead" role="region" aria-label={t('masthead')}>
        <div className="toggle-wrap">
          <div className="toggle-head">
            <div className="inner">
              <span className="nuri-txt">{t('masthead')}</span>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'ko' ? 'en' : 'ko';
  return (
    <button
      type="button"
      className="krds-btn tertiary small gw-lang"
      lang={next}
      aria-label={`${t('language.label')}: ${t('language.switchTo')}`}
      onClick={() => void setLanguage(next)}
    >
      {t('language.switchTo')}
    </button>
  );
}

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer id="krds-footer" className="gw-footer">
      <div className="inner">
        <p className="krds-identifier">{t('footer.identifier')}</p>
        <p className="gw-footer-credit">{t('footer.krds')}</p>
      </div>
    </footer>
  );
}

/**
 * 알림 with the unread count, always in view (phones too). Read again on every navigation, not on a
 * timer: a poll would count as activity and keep an idle session from ending.
 */
function NotificationsLink() {
  const { t } = useTranslation();
  const location = useLocation();
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call(api.GET('/api/v1/me/notifications/unread-count')),
  });
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['notifications', 'unread'] });
  }, [location.pathname, queryClient]);
  const count = unread.data?.unread ?? 0;
  return (
    <NavLink to="/notifications" className="krds-btn tertiary small gw-bell">
      {t('nav.notifications')}
      {count > 0 && (
        <>
          {' '}
          <span className="gw-bell-count">{count > 99 ? '99+' : count}</span>
          <span className="sr-only">{t('nav.unreadSuffix')}</span>
        </>
      )}
    </NavLink>
  );
}

/**
 * 통합 검색 in the header: a search landmark with a labelled field that opens /search?q=…. On a
 * phone it folds behind 메뉴 with the user's buttons (the results page has its own field).
 */
function HeaderSearch() {
  const { t } = useTranslation('search');
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  // What is typed stays until the next navigation (the results page has its own field).
  const [draft, setDraft] = useState({ at: location.key, text: '' });
  const text = draft.at === location.key ? draft.text : '';
  const setText = (value: string) => setDraft({ at: location.key, text: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    void navigate(q ? `/search?${new URLSearchParams({ q }).toString()}` : '/search');
  };
  return (
    <form role="search" aria-label={t('header.label')} className="gw-search" onSubmit={submit}>
      <label htmlFor={id} className="sr-only">
        {t('header.label')}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        className="krds-input small"
        placeholder={t('header.placeholder')}
        value={text}
        maxLength={100}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="krds-btn secondary small">
        {t('header.submit')}
      </button>
    </form>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { user, logout, hasRole } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  const mainRef = useRef<HTMLElement>(null);

  // After navigating, move focus to the new page's content so screen readers start there, without
  // scrolling to it: a new page opens at its top, the header and breadcrumb in view (back and
  // forward restore where the user was: ScrollRestoration).
  // On a phone the menu and the user's buttons fold behind one 메뉴 button; a navigation folds them.
  // (Kept as the page it was opened on: any other page shows it folded.)
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Instantly: KRDS sets smooth scrolling on the page, which a navigation must not animate.
    if (navigationType !== NavigationType.Pop) window.scrollTo({ top: 0, behavior: 'instant' });
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname, navigationType]);

  const menu: MenuItem[] = [
    {
      to: '/',
      label: t('nav.myWork'),
      also: ['/calendar', '/notifications'],
      children: [
        { to: '/', label: t('nav.myWork') },
        { to: '/calendar', label: t('nav.calendar') },
        { to: '/notifications', label: t('nav.notifications') },
      ],
    },
    { to: '/tasks', label: t('nav.tasks') },
    { to: '/collaborations', label: t('nav.collaborations'), roles: COLLABORATION_ROLES },
    { to: '/reports', label: t('nav.reports') },
    {
      to: '/consultations',
      label: t('nav.consultations'),
      also: ['/opinion-requests'],
      children: [
        { to: '/consultations', label: t('nav.consultations') },
        { to: '/opinion-requests', label: t('nav.opinionRequests'), roles: OPINION_ROLES },
      ],
    },
    {
      to: '/evaluations',
      label: t('nav.evaluations'),
      also: ['/nominations', '/contests', '/committee'],
      children: [
        { to: '/evaluations', label: t('nav.evaluationRounds'), also: ['/nominations'] },
        { to: '/contests', label: t('nav.contests'), roles: WORK_ROLES },
        { to: '/committee', label: t('nav.committee'), roles: COMMITTEE_ROLES },
      ],
    },
    {
      // Everyone of the organisation reads its action plan: the section opens there.
      to: '/action-plans',
      label: t('nav.programme'),
      roles: PROGRAMME_ROLES,
      also: [
        '/education',
        '/citizen-applications',
        '/passive-reports',
        '/exemptions',
        '/exemption-reports',
        '/annual-reports',
      ],
      children: [
        { to: '/action-plans', label: t('nav.actionPlans') },
        { to: '/education', label: t('nav.education'), roles: EDUCATION_ROLES },
        { to: '/citizen-applications', label: t('nav.citizenApplications'), roles: CITIZEN_ROLES },
        { to: '/passive-reports', label: t('nav.passiveReports'), roles: PASSIVE_ROLES },
        {
          to: '/exemptions',
          label: t('nav.exemptions'),
          roles: EXEMPTION_ROLES,
          also: ['/exemption-reports'],
        },
        { to: '/annual-reports', label: t('nav.annualReports'), roles: ANNUAL_REPORT_ROLES },
      ],
    },
    { to: '/dashboards', label: t('nav.dashboards') },
    { to: '/admin', label: t('nav.admin'), roles: ['ADMIN', 'PROACTIVE_OFFICE'] },
  ];

  const visible = menu.filter((m) => !m.roles || hasRole(...m.roles));
  const inSection = (m: MenuItem) => (m.also ?? []).some((p) => under(location.pathname, p));
  const section = visible.find(
    (m) => m.children && [m.to, ...(m.also ?? [])].some((p) => under(location.pathname, p)),
  );
  const subItems = (section?.children ?? []).filter((c) => !c.roles || hasRole(...c.roles));

  return (
    <div className="gw-app">
      <Masthead />
      <header id="krds-header" className="gw-header" data-menu={menuOpen ? 'open' : 'closed'}>
        <div className="gw-header-in">
          <NavLink to="/" className="gw-logo">
            <span className="gw-logo-mark" aria-hidden="true">
              과제
            </span>
            <span className="gw-logo-text">{t('app.fullName')}</span>
          </NavLink>
          {user && <HeaderSearch />}
          {user && <NotificationsLink />}
          <button
            type="button"
            className="krds-btn secondary small gw-menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="gw-main-menu"
            onClick={() => setMenuOpenOn(menuOpen ? null : location.pathname)}
          >
            {menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
          </button>
          <div className="gw-header-utils">
            {user && (
              <span className="gw-user">
                {t('user.signedInAs', { name: user.name, department: user.departmentName })}
              </span>
            )}
            <LanguageSwitch />
            <NavLink to="/account/password" className="krds-btn tertiary small">
              {t('user.changePassword')}
            </NavLink>
            <button
              type="button"
              className="krds-btn secondary small"
              onClick={() => void logout().then(() => navigate('/login'))}
            >
              {t('user.logout')}
            </button>
          </div>
        </div>
        <nav id="gw-main-menu" className="gw-nav" aria-label={t('nav.label')}>
          <ul>
            {visible.map((m) => (
              <li key={m.to}>
                <NavLink
                  to={m.to}
                  end={m.to === '/'}
                  className={({ isActive }) => (isActive || inSection(m) ? 'active' : undefined)}
                >
                  {m.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="gw-main">
        {section && subItems.length > 1 && (
          <nav
            className="krds-tab-area gw-sub-nav"
            aria-label={t('nav.subMenu', { section: section.label })}
          >
            <ul>
              {subItems.map((c) => (
                <li key={c.to}>
                  <NavLink
                    to={c.to}
                    end={c.to === '/'}
                    className={({ isActive }) =>
                      isActive || (c.also ?? []).some((p) => under(location.pathname, p))
                        ? 'active'
                        : undefined
                    }
                  >
                    {c.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <UnsavedChangesGuard>
          <Outlet />
        </UnsavedChangesGuard>
      </main>
      <Footer />
      <SessionTimeout />
      <ScrollRestoration />
    </div>
  );
}

/** Side navigation for a section with sub-pages (KRDS side navigation). */
export function SideNav({
  label,
  items,
}: {
  label: string;
  items: Array<{ to: string; label: string }>;
}) {
  return (
    <nav className="krds-side-navigation gw-side-nav" aria-label={label}>
      <h2 className="gw-side-nav-title">{label}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to}>{i.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function WithSideNav({ nav, children }: { nav: ReactNode; children: ReactNode }) {
  return (
    <div className="gw-with-side">
      {nav}
      <div className="gw-with-side-content">{children}</div>
    </div>
  );
}
