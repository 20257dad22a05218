import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { Footer, LanguageSwitch, Masthead } from '../../app/Layout';
import { Form, TextField, useFormProblems, useFormValues } from '../../components/forms';
import { useTranslation } from '../../i18n';

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; expired?: boolean } | null;
  const { values, set } = useFormValues({ email: '', password: '' });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (user) return <Navigate to={state?.from ?? '/'} replace />;

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await login(values.email.trim(), values.password);
      void navigate(state?.from ?? '/', { replace: true });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gw-app">
      <Masthead />
      <main id="main" className="gw-main gw-login">
        <div className="gw-login-card">
          <div className="gw-login-head">
            <p className="gw-logo">
              <span className="gw-logo-mark" aria-hidden="true">
                과제
              </span>
              <span className="gw-logo-text">{t('app.fullName')}</span>
            </p>
            <LanguageSwitch />
          </div>
          <h1>{t('login.title')}</h1>
          {state?.expired && (
            <p className="gw-alert gw-alert--info" role="status">
              {t('session.expired')}
            </p>
          )}
          <Form problems={problems} onSubmit={() => void submit()} label={t('login.title')}>
            <TextField
              name="email"
              type="email"
              label={t('login.email')}
              autoComplete="username"
              required
              value={values.email}
              onChange={set('email')}
            />
            <TextField
              name="password"
              type="password"
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={values.password}
              onChange={set('password')}
            />
            <button type="submit" className="krds-btn primary large gw-block" disabled={busy}>
              {t('login.submit')}
            </button>
          </Form>
        </div>
      </main>
      <Footer />
    </div>
  );
}
