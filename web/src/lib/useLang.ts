import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from './locale';

/** The UI language, re-rendering on change. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return isLang(i18n.language) ? i18n.language : 'fa';
}
