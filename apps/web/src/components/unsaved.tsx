// The unsaved-changes guard (issue 23): a form the user has typed into and not submitted holds every
// navigation away from its page in a dialog (leave, or keep writing), and a reload or a closed tab
// in the browser's own prompt. One guard for the app (React Router allows one blocker), to which
// each form reports whether it holds unsaved input.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { useBlocker } from 'react-router';
import { useTranslation } from '../i18n';
import { Dialog } from './ui';

interface Unsaved {
  report(id: string, dirty: boolean): void;
}
const UnsavedContext = createContext<Unsaved | null>(null);

export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const report = useCallback(
    (id: string, isDirty: boolean) =>
      setDirty((prev) => {
        if (prev.has(id) === isDirty) return prev;
        const next = new Set(prev);
        if (isDirty) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const holding = dirty.size > 0;
  // Leaving the page, not changing its query (filters, tabs); an ended session is not held.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      holding &&
      currentLocation.pathname !== nextLocation.pathname &&
      nextLocation.pathname !== '/login',
  );
  useEffect(() => {
    if (!holding) return;
    const prompt = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', prompt);
    return () => window.removeEventListener('beforeunload', prompt);
  }, [holding]);
  const value = useMemo(() => ({ report }), [report]);
  const stay = () => blocker.reset?.();
  return (
    <UnsavedContext.Provider value={value}>
      {children}
      <Dialog open={blocker.state === 'blocked'} title={t('unsaved.title')} onClose={stay}>
        <p>{t('unsaved.body')}</p>
        <div className="gw-form-actions">
          <button type="button" className="krds-btn primary" onClick={stay}>
            {t('unsaved.stay')}
          </button>
          <button type="button" className="krds-btn secondary" onClick={() => blocker.proceed?.()}>
            {t('unsaved.leave')}
          </button>
        </div>
      </Dialog>
    </UnsavedContext.Provider>
  );
}

/** Reports a form's unsaved input to the guard while it is mounted. */
export function useUnsavedChanges(dirty: boolean): void {
  const unsaved = useContext(UnsavedContext);
  const id = useId();
  useEffect(() => {
    unsaved?.report(id, dirty);
  }, [unsaved, id, dirty]);
  useEffect(() => () => unsaved?.report(id, false), [unsaved, id]);
}
