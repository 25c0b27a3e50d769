import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { linkProps } from '../router';

export function MessagePage({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Text size="lg" role="status">
        {message}
      </Text>
      <Anchor {...linkProps('/')}>{t('shell.backHome')}</Anchor>
    </Stack>
  );
}
