import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { syncNow, useSyncStatus } from '../../offline';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';

/**
 * Before a helper logs out: logging out wipes the phone's data, so unsent
 * changes would be lost. Says how many, and offers to sync first.
 */
export function LogoutDialog({ opened, onClose, onLogout, leaving }: { opened: boolean; onClose: () => void; onLogout: () => void; leaving: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = useSyncStatus();
  const pending = s.pending;
  return (
    <Modal opened={opened} onClose={onClose} title={t('logoutGuard.title')} centered>
      <Stack>
        <Text size="sm">{t('logoutGuard.body')}</Text>
        {pending > 0 && (
          <Alert color="orange" variant="light" role="alert">
            {t('logoutGuard.pending', { n: formatNumber(pending, lang) })}
          </Alert>
        )}
        <Group gap="xs" justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {pending > 0 && (
            <Button onClick={() => void syncNow()} loading={s.syncing} disabled={s.lock !== 'open' || !s.online}>
              {t('logoutGuard.syncFirst')}
            </Button>
          )}
          <Button color={pending > 0 ? 'red' : undefined} variant={pending > 0 ? 'light' : 'filled'} onClick={onLogout} loading={leaving}>
            {pending > 0 ? t('logoutGuard.logoutAnyway') : t('logoutGuard.logout')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
