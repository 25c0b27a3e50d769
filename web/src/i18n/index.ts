// i18next setup: Persian by default, English on request, remembered in
// localStorage. Changing the language also sets lang/dir on <html>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fa from './fa';
import en from './en';
import { dirOf, isLang, type Lang } from '../lib/locale';

export const LANG_STORAGE_KEY = 'hamyar.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fa };
  }
}

export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : 'fa';
  } catch {
    return 'fa';
  }
}

export function applyLangToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
  document.title = lang === 'fa' ? fa.app.name : en.app.name;
}

export function initI18n(lang: Lang = storedLang()) {
  applyLangToDocument(lang);
  void i18n.use(initReactI18next).init({
    resources: { fa: { translation: fa }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'fa',
    // React escapes; i18next must not escape a second time (names with quotes).
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return i18n;
}

export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyLangToDocument(lang);
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : 'fa';
}

export default i18n;
