import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDigits } from '../lib/locale';
import { useLang } from '../lib/useLang';

/**
 * Previous / "page 2 of 5" / next: big enough for a thumb, numbers in the
 * language's digits. Nothing for a single page.
 */
export function Pager({ page, pages, onChange, label }: { page: number; pages: number; onChange: (page: number) => void; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (pages <= 1) return null;
  return (
    <Group component="nav" aria-label={label} justify="center" gap="sm" wrap="nowrap">
      <Button variant="default" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        {t('pager.previous')}
      </Button>
      <Text aria-live="polite" ta="center">
        {t('pager.position', { page: formatDigits(page, lang), pages: formatDigits(pages, lang) })}
      </Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        {t('pager.next')}
      </Button>
    </Group>
  );
}
