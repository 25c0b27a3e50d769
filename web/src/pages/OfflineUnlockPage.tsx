import { Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { loadSession, unlockOfflineSession } from '../data';
import type { KnownStore } from '../offline';
import { usePageTitle } from '../lib/usePageTitle';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UnlockForm } from '../components/sync/UnlockForm';

/** The app started without a connection, and this phone holds a helper's data: the password opens it. */
export function OfflineUnlockPage({ store }: { store: KnownStore }) {
  const { t } = useTranslation();
  usePageTitle(t('offlineStart.title'));
  return (
    <Box component="main" mih="100vh" p="md" bg="gray.0">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Stack maw={400} mx="auto" mt={{ base: 'lg', sm: 80 }} gap="lg">
        <Title order={1} c="teal.8" ta="center">
          {t('app.name')}
        </Title>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Stack>
            <Title order={2} size="h3">
              {t('offlineStart.title')}
            </Title>
            <Text size="sm">{t('offlineStart.intro')}</Text>
            <Text size="sm" c="dimmed">
              {t('lock.who', { name: store.display_name })}
            </Text>
            <UnlockForm submitLabel={t('offlineStart.unlock')} onUnlock={async (password) => void (await unlockOfflineSession(password))} />
            <Button variant="subtle" onClick={() => void loadSession()}>
              {t('offlineStart.retry')}
            </Button>
          </Stack>
        </Paper>
      </Stack>
    </Box>
  );
}
