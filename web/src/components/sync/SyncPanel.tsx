import { useEffect, useState } from 'react';
import { Alert, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { login, signInAgain } from '../../data';
import { lockDevice, storageInfo, syncNow, unlockDevice, type StorageInfo, type SyncStatus } from '../../offline';
import { applyUpdate } from '../../pwa/updateState';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { formatBytes, relativeTime } from './format';
import { ProblemList } from './ProblemList';
import { UnlockForm } from './UnlockForm';

/** What the sync status opens: state, counts, "sync now", storage, and the conflicts and refusals. */
export function SyncPanel({ me, status: s }: { me: Me; status: SyncStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [storage, setStorage] = useState<StorageInfo | null>(null);

  useEffect(() => {
    void storageInfo().then(setStorage);
  }, [s.lastSyncAt, s.pending]);

  const stateText = s.state && s.state !== 'ok' ? t(`sync.states.${s.state}`) : !s.online ? t('sync.states.offline') : null;
  const stateColor = s.state === 'update_required' || s.state === 'signed_out' ? 'orange' : s.state === 'failed' ? 'red' : 'gray';
  const canSync = s.lock === 'open' && s.online && !s.syncing && s.state !== 'update_required';

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700}>{s.syncing ? t('sync.syncing') : s.online ? t('sync.online') : t('sync.offline')}</Text>
        {s.lock === 'open' && (
          <Button variant="subtle" size="compact-sm" onClick={() => lockDevice()}>
            {t('sync.lockNow')}
          </Button>
        )}
      </Group>

      {stateText && (
        <Alert color={stateColor} variant="light" p="xs">
          <Stack gap="xs">
            <Text size="sm">{stateText}</Text>
            {s.state === 'signed_out' && (
              <Button size="compact-sm" onClick={() => signInAgain()} style={{ alignSelf: 'flex-start' }}>
                {t('sync.signInAgain')}
              </Button>
            )}
            {s.state === 'update_required' && (
              <Button size="compact-sm" onClick={() => applyUpdate()} style={{ alignSelf: 'flex-start' }}>
                {t('sync.update')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}

      {s.needsLogin && (
        <Stack gap="xs">
          <Text size="sm">{t('sync.needsLogin')}</Text>
          {/* Logging in again (online) makes the store, with this password. */}
          <UnlockForm submitLabel={t('sync.setUp')} onUnlock={async (password) => void (await login(me.user.username, password))} />
        </Stack>
      )}
      {!s.needsLogin && s.lock === 'closed' && (
        <Stack gap="xs">
          <Text size="sm">{t('sync.locked')}</Text>
          <UnlockForm submitLabel={t('sync.unlock')} onUnlock={async (password) => void (await unlockDevice(password))} />
        </Stack>
      )}

      <Stack gap={2}>
        <Text size="sm">{s.pending > 0 ? t('sync.pending', { n: formatNumber(s.pending, lang) }) : t('sync.noPending')}</Text>
        {(s.conflicts > 0 || s.refusals > 0) && (
          <Text size="sm" c="orange.9">
            {[t('sync.conflicts', { n: formatNumber(s.conflicts, lang) }), t('sync.refusals', { n: formatNumber(s.refusals, lang) })].join(t('common.separator'))}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {s.lastSyncAt ? t('sync.lastSync', { when: relativeTime(s.lastSyncAt, new Date(), lang) }) : t('sync.neverSynced')}
        </Text>
      </Stack>

      {!s.needsLogin && (
        <Button onClick={() => void syncNow()} loading={s.syncing} disabled={!canSync && !s.syncing} fullWidth>
          {t('sync.syncNow')}
        </Button>
      )}

      {storage && (storage.usage !== null || storage.persisted !== null) && (
        <Stack gap={2}>
          {storage.usage !== null && (
            <Text size="xs" c="dimmed">
              {storage.quota
                ? t('sync.storage', { used: formatBytes(storage.usage, lang), quota: formatBytes(storage.quota, lang) })
                : t('sync.storageUsed', { used: formatBytes(storage.usage, lang) })}
            </Text>
          )}
          {storage.persisted !== null && (
            <Text size="xs" c="dimmed">
              {storage.persisted ? t('sync.persisted') : t('sync.notPersisted')}
            </Text>
          )}
        </Stack>
      )}

      {s.lock === 'open' && (
        <>
          <Divider />
          <ProblemList refreshKey={`${s.conflicts}|${s.refusals}|${s.lastSyncAt ?? ''}`} />
        </>
      )}
    </Stack>
  );
}
