// Idle sessions end on the server (setting security.idleTimeoutMinutes). Two minutes before, this
// warns in a dialog and lets the user extend (KWCAG: time limits can be extended). Any successful
// API call counts as activity, as it does on the server; so does typing, which calls the API once
// a minute at most while the user types (a long report written without a save stays signed in).
import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { session } from '../api/session';
import { Dialog } from '../components/ui';
import { useTranslation } from '../i18n';

const WARN_BEFORE_MS = 2 * 60_000;
/** Typing tells the server the user is active at most this often. */
const TYPING_PING_MS = 60_000;

export function SessionTimeout() {
  const { t } = useTranslation();
  const [remainingMs, setRemainingMs] = useState<number | null>(null);

  useEffect(() => {
    const tick = () => {
      if (!session.signedIn) return setRemainingMs(null);
      const left = session.lastActivity + session.idleTimeoutMinutes * 60_000 - Date.now();
      setRemainingMs(left <= WARN_BEFORE_MS ? Math.max(0, left) : null);
      if (left <= 0) session.expired();
    };
    const timer = setInterval(tick, 5_000);
    const unsubscribe = session.subscribe(tick);
    let pinged = 0;
    const typing = () => {
      const now = Date.now();
      if (!session.signedIn || now - Math.max(session.lastActivity, pinged) < TYPING_PING_MS)
        return;
      pinged = now;
      void call(api.GET('/api/v1/me')).catch(() => undefined);
    };
    document.addEventListener('input', typing, true);
    return () => {
      clearInterval(timer);
      unsubscribe();
      document.removeEventListener('input', typing, true);
    };
  }, []);

  return (
    <Dialog
      open={remainingMs !== null}
      title={t('session.expiring', { minutes: Math.ceil((remainingMs ?? 0) / 60_000) })}
      onClose={() => setRemainingMs(null)}
    >
      <p>{t('session.expiringBody')}</p>
      <button
        type="button"
        className="krds-btn primary"
        onClick={() => void call(api.GET('/api/v1/me')).then(() => setRemainingMs(null))}
      >
        {t('session.extend')}
      </button>
    </Dialog>
  );
}
