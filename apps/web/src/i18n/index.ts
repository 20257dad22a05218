// Korean first, English on request. Each page folder registers its own messages
// (`registerMessages('tasks', { ko, en })`), so pages stay self-contained; `common` holds the shell's.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export type Language = 'ko' | 'en';
const STORAGE_KEY = 'gwaje.language';

type Messages = { [key: string]: string | Messages };

const stored = (() => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
})();

void i18n.use(initReactI18next).init({
  lng: stored === 'en' ? 'en' : 'ko',
  fallbackLng: 'ko',
  defaultNS: 'common',
  ns: ['common'],
  resources: { ko: { common: common.ko }, en: { common: common.en } },
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function registerMessages(
  namespace: string,
  messages: { ko: Messages; en: Messages },
): void {
  i18n.addResourceBundle('ko', namespace, messages.ko, true, true);
  i18n.addResourceBundle('en', namespace, messages.en, true, true);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ko';
}

export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export { i18n };
