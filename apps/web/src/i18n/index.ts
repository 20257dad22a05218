// Korean first, English on request. Each page folder registers its own messages
// (`registerMessages('tasks', ko, () => import('./messages.en'))`), so pages stay self-contained;
// `common` holds the shell's. Only the Korean comes with the code: a namespace's English is
// fetched when the user reads English (issue 23: a first visit within 150 KB). Our own t() rather
// than i18next: the app uses namespaces, `{{name}}` values and default values, nothing more.
import { use, useMemo, useSyncExternalStore } from 'react';
import {
  type EnglishLoader,
  type Language,
  type Messages,
  missing,
  namespaces,
  onEnglish,
  register,
  type TOptions,
  translate,
} from './catalogue';
import { common } from './common';

export type { Language, Messages };
export type TFunction = (key: string, options?: TOptions) => string;

const STORAGE_KEY = 'gwaje.language';

let language: Language = (() => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
})();
document.documentElement.lang = language;

/** What components show: the language, and a new version when messages arrived for it. */
let shown = { language, version: 0 };
const listeners = new Set<() => void>();
function changed(): void {
  shown = { language, version: shown.version + 1 };
  for (const listener of listeners) listener();
}
// A message read from another namespace ("consultations:state.…") may arrive after the page showed.
onEnglish(() => {
  if (language === 'en') changed();
});

export function registerMessages(namespace: string, ko: Messages, en: EnglishLoader): void {
  register(namespace, ko, en);
  for (const loading of missing(language, [namespace])) {
    // The component that reads it waits for it, and shows a failure (useTranslation).
    void loading.catch(() => undefined);
  }
}

registerMessages('common', common, () => import('./common.en'));

/**
 * Resolves once the namespaces registered so far read in the current language: the first render
 * waits for it. English that cannot be fetched (offline) leaves this page in Korean.
 */
export async function messagesReady(): Promise<void> {
  try {
    await Promise.all(missing(language, namespaces()));
  } catch {
    language = 'ko';
    document.documentElement.lang = language;
    changed();
  }
}

export function currentLanguage(): Language {
  return language;
}

/** Switches every page at once, when the new language's messages are here. */
export async function setLanguage(next: Language): Promise<void> {
  await Promise.all(missing(next, namespaces()));
  language = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  changed();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => shown;

/**
 * `t` for the namespace (the first, when given several: others by prefix, "common:…"); a new `t`
 * after the language changes, so effects that use it run again. In English, a component whose
 * namespace's English is still on its way suspends until it arrives (the page shows Loading).
 */
export function useTranslation(of: string | string[] = 'common'): { t: TFunction } {
  const { language: lng, version } = useSyncExternalStore(subscribe, snapshot);
  const all = typeof of === 'string' ? [of] : of;
  const [waiting] = missing(lng, all);
  if (waiting !== undefined) use(waiting);
  const namespace = all[0];
  const t = useMemo<TFunction>(
    () => (key, options) => translate(lng, namespace, key, options),
    // `version`: a new `t` when messages arrived, so effects that use it show them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lng, version, namespace],
  );
  return { t };
}
