import { useState } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { applyUpdate, useUpdateState } from '../pwa/updateState';

/**
 * «A new version is ready»: offered at the foot of the screen, applied only
 * when asked (a reload would lose a half-filled form). "Later" hides it for
 * this page; it comes back on the next start.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const { ready } = useUpdateState();
  const [later, setLater] = useState(false);
  if (!ready || later) return null;
  return (
    <Paper
      role="status"
      withBorder
      shadow="md"
      p="sm"
      radius="md"
      pos="fixed"
      bottom={12}
      left={12}
      right={12}
      maw={480}
      mx="auto"
      style={{ zIndex: 300 }}
    >
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('update.ready')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('update.hint')}
        </Text>
        <Group gap="xs">
          <Button size="compact-md" onClick={() => applyUpdate()}>
            {t('update.apply')}
          </Button>
          <Button size="compact-md" variant="default" onClick={() => setLater(true)}>
            {t('update.later')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
