import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n';
import { isLang } from '../lib/locale';

/** Shows the other language in its own script ("English" / "فارسی"). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = t('lang.otherCode');
  return (
    <Button
      variant="subtle"
      size="compact-md"
      lang={other}
      title={t('lang.switchTitle')}
      onClick={() => {
        if (isLang(other)) void setLang(other);
      }}
    >
      {t('lang.other')}
    </Button>
  );
}
