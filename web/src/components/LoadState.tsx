import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/errors';
import { useLang } from '../lib/useLang';

/** Loader while nothing is on screen yet; the error with a retry button when loading failed. */
export function LoadState({ loading, error, onRetry }: { loading: boolean; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (error) {
    return (
      <Alert color="red" variant="light" role="alert" title={t('common.loadFailed')}>
        <Stack gap="xs" align="flex-start">
          {errorMessage(error, t, lang)}
          <Button size="compact-sm" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (loading) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  return null;
}
