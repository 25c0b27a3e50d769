// A user's offline devices (docs/sync.md): when each was last seen, the
// families it was sent (so a lost phone's exposure is known), and revocation —
// the device wipes its data on its next contact.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { deviceExposure, listDevices, revokeDevice, useResource, type Device } from '../data';
import { errorMessage } from '../i18n/errors';
import { formatInstantDate } from '../lib/jalali';
import { notify } from '../lib/notify';
import { useLang } from '../lib/useLang';
import { linkProps } from '../router';
import { LoadState } from './LoadState';

export interface DeviceListProps {
  /** Whose devices: mine, or someone I manage. */
  userId: string;
  /** Id of the heading, for the section's landmark. */
  headingId: string;
  title: string;
}

export function DeviceList({ userId, headingId, title }: DeviceListProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const devices = useResource(() => listDevices(userId), [userId]);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [exposureOf, setExposureOf] = useState<Device | null>(null);
  const mine = devices.data ?? [];

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('devices.intro')}
        </Text>
        {!devices.data ? (
          <LoadState loading={devices.loading} error={devices.error} onRetry={devices.reload} />
        ) : mine.length === 0 ? (
          <Text>{t('devices.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {mine.map((d) => (
              <Card key={d.id} withBorder padding="sm" component="li">
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Text fw={600}>{d.name || t('devices.unnamed')}</Text>
                      {d.revoked_at ? (
                        <Badge color="red" variant="light">
                          {t('devices.revokedOn', { date: formatInstantDate(d.revoked_at, lang) })}
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          {t('devices.active')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t('devices.lastSeen', { date: formatInstantDate(d.last_seen_at, lang) })}
                      {' · '}
                      {t('devices.registered', { date: formatInstantDate(d.created_at, lang) })}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    <Button size="compact-sm" variant="light" onClick={() => setExposureOf(d)}>
                      {t('devices.exposure')}
                    </Button>
                    {!d.revoked_at && (
                      <Button size="compact-sm" variant="light" color="red" onClick={() => setRevoking(d)}>
                        {t('devices.revoke')}
                      </Button>
                    )}
                  </Group>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </Stack>
      <RevokeDialog
        device={revoking}
        onClose={() => setRevoking(null)}
        onDone={() => {
          setRevoking(null);
          devices.reload();
        }}
      />
      <ExposureDialog device={exposureOf} onClose={() => setExposureOf(null)} />
    </Card>
  );
}

function RevokeDialog({ device, onClose, onDone }: { device: Device | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  async function revoke() {
    if (!device) return;
    setBusy(true);
    setError(null);
    try {
      await revokeDevice(device.id);
      notify({ color: 'teal', message: t('devices.revoked') });
      onDone();
    } catch (e) {
      setError(errorMessage(e, t, lang));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={device !== null} onClose={close} title={t('devices.revokeTitle', { name: device?.name || t('devices.unnamed') })}>
      <Stack>
        <Text>{t('devices.revokeExplain')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void revoke()}>
            {t('devices.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ExposureDialog({ device, onClose }: { device: Device | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const exposure = useResource(() => (device ? deviceExposure(device.id) : Promise.resolve(null)), [device?.id]);
  const families = exposure.data?.families ?? [];
  return (
    <Modal opened={device !== null} onClose={onClose} size="lg" title={t('devices.exposureTitle', { name: device?.name || t('devices.unnamed') })}>
      {!exposure.data ? (
        <LoadState loading={exposure.loading} error={exposure.error} onRetry={exposure.reload} />
      ) : families.length === 0 ? (
        <Text>{t('devices.exposureNone')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('devices.family')}</Table.Th>
                <Table.Th>{t('devices.firstSent')}</Table.Th>
                <Table.Th>{t('devices.onDevice')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {families.map((f) => (
                <Table.Tr key={f.family_id}>
                  <Table.Td>
                    {f.family_name ? (
                      <Anchor {...linkProps(`/families/${f.family_id}`, onClose)}>{f.family_name}</Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('devices.familyHidden')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatInstantDate(f.first_sent_at, lang)}</Table.Td>
                  <Table.Td>
                    {f.removed_at
                      ? t('devices.removedOn', { date: formatInstantDate(f.removed_at, lang) })
                      : t('devices.stillThere', { date: formatInstantDate(f.last_sent_at, lang) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Modal>
  );
}
