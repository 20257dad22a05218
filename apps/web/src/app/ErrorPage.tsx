// What a page that failed to render shows instead of React Router's English developer error: a
// Korean explanation with a reload button. A chunk of an older build that the server no longer has
// (a new version deployed while the tab was open) reloads the page by itself, once.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from '../i18n';
import { Footer, Masthead } from './Layout';

const RELOADED_AT = 'gwaje.staleChunkReloadAt';
/** A second failure within this time after an automatic reload is shown, not reloaded again. */
const RELOAD_GUARD_MS = 60_000;

/** Whether an error is a dynamic import that failed: the chunk of another build, or the network. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload CSS/i.test(
    message,
  );
}

/** Reloads the page unless it was reloaded for the same reason a moment ago; says whether it did. */
export function reloadForNewVersion(): boolean {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < RELOAD_GUARD_MS) return false;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return false;
  }
  location.reload();
  return true;
}

export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const stale = isChunkLoadError(error);
  if (stale && reloadForNewVersion()) return null;
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div className="gw-app">
      <Masthead />
      <main id="main" className="gw-main" tabIndex={-1}>
        <div className="gw-page-header">
          <div className="gw-page-title">
            <h1>{t('crash.title')}</h1>
          </div>
        </div>
        <div className="gw-alert gw-alert--warning" role="alert">
          <p>{stale ? t('crash.newVersion') : t('crash.body')}</p>
        </div>
        <div className="gw-form-actions">
          <button type="button" className="krds-btn primary" onClick={() => location.reload()}>
            {t('crash.reload')}
          </button>
          <a className="krds-btn secondary" href="/">
            {t('crash.home')}
          </a>
        </div>
        <details className="gw-crash-detail">
          <summary>{t('crash.detail')}</summary>
          <code>{detail}</code>
        </details>
      </main>
      <Footer />
    </div>
  );
}
