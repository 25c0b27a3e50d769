import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { myFamiliesHome, useResource } from '../../data';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { ENDING_SOON_DAYS, endingNotice, localIsoDate } from './period';

/** The dashboard's way in to a helper's families: how many, and whether any assignment is ending. */
export function MyFamiliesHomeCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useResource(() => myFamiliesHome(), []);
  const items = res.data?.items;
  const today = localIsoDate();
  const ending = items?.filter((i) => i.assignment && endingNotice(i.assignment.ends_on, today) !== null).length ?? 0;

  return (
    <Card withBorder shadow="xs" padding="lg" component="section" aria-labelledby="home-my-families">
      <Stack gap="xs">
        <Title order={2} size="h3" c="teal.9" id="home-my-families">
          {t('myFamilies.title')}
        </Title>
        {items && (
          <Text>{items.length === 0 ? t('myFamilies.empty') : t('myFamilies.count', { n: formatNumber(items.length, lang) })}</Text>
        )}
        {ending > 0 && (
          <Text size="sm" fw={600} c="orange.9">
            {t('myFamilies.endingSoon', { n: formatNumber(ending, lang), days: formatNumber(ENDING_SOON_DAYS, lang) })}
          </Text>
        )}
        <Group>
          <Button component="a" {...linkProps('/my-families')}>
            {t('myFamilies.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
