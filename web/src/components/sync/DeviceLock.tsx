import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { coversScreen, discardAndStartFresh, IDLE_LOCK_MS, unlockDevice, useSyncStatus } from '../../offline';
import { errorMessage } from '../../i18n/errors';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { UnlockForm } from './UnlockForm';

/**
 * The lock screen over the app (inactivity, too long without a sync, a
 * password changed elsewhere). It covers the app instead of replacing it, so
 * a half-filled form underneath is still there after unlocking.
 */
export function DeviceLock({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = useSyncStatus();
  const [staleFailed, setStaleFailed] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!s.active || !coversScreen(s.lock)) return null;

  async function onUnlock(password: string) {
    setStaleFailed(false);
    const lock = await unlockDevice(password);
    if (lock === 'stale') setStaleFailed(true);
  }

  let body: string;
  if (s.lock === 'stale') body = t('lock.stale', { days: formatNumber(s.lockAfterDays ?? 0, lang) });
  else if (s.lock === 'password_changed') body = t('lock.passwordChanged', { n: formatNumber(s.pending, lang) });
  else body = t('lock.idle', { minutes: formatNumber(IDLE_LOCK_MS / 60_000, lang) });

  const failure = staleFailed && s.error ? t('lock.staleFailed', { reason: errorMessage(s.error, t, lang) }) : null;

  return (
    <Modal
      opened
      onClose={() => {}}
      fullScreen
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      transitionProps={{ duration: 0 }}
      // Above everything, popovers and dialogs included.
      zIndex={1000}
      title={t('lock.title')}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-h3-font-size)' } }}
    >
      <Stack maw={400} mx="auto" mt="md" gap="md">
        <Text size="sm" c="dimmed">
          {t('lock.who', { name: me.user.display_name })}
        </Text>
        <Text>{body}</Text>
        {discarding ? (
          <Alert color="red" variant="light" title={t('lock.discardTitle')}>
            <Stack gap="sm">
              <Text size="sm">{t('lock.discardBody', { n: formatNumber(s.pending, lang) })}</Text>
              <Group gap="xs">
                <Button
                  color="red"
                  loading={busy}
                  onClick={() => {
                    setBusy(true);
                    void discardAndStartFresh().finally(() => {
                      setBusy(false);
                      setDiscarding(false);
                    });
                  }}
                >
                  {t('lock.discard')}
                </Button>
                <Button variant="default" onClick={() => setDiscarding(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <UnlockForm
            onUnlock={onUnlock}
            label={s.lock === 'password_changed' ? t('lock.oldPassword') : undefined}
            submitLabel={s.lock === 'stale' ? t('lock.unlockAndSync') : undefined}
            message={failure}
          />
        )}
        {s.lock === 'password_changed' && !discarding && (
          <Button variant="subtle" color="red" onClick={() => setDiscarding(true)}>
            {t('lock.forgotOld')}
          </Button>
        )}
      </Stack>
    </Modal>
  );
}
