import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** «فرستاده‌نشده»: a record with changes on this phone the server has not had yet. */
export function PendingMark({ size = 'sm' }: { size?: string }) {
  const { t } = useTranslation();
  return (
    // Text darker than the light variant's orange: AA contrast on the tinted background.
    <Badge color="orange" variant="light" c="#8f3604" size={size} data-pending>
      {t('offlineFamily.pendingMark')}
    </Badge>
  );
}
