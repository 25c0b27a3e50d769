import { EmptyState, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { myFamilies, useResource } from '../data';
import { formatNumber } from '../lib/locale';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { LoadState } from '../components/LoadState';
import { MyFamilyCard } from './myFamilies/MyFamilyCard';
import { TrainingProgress } from './myFamilies/TrainingProgress';
import { localIsoDate } from './myFamilies/period';

/** A helper's home: the families assigned to them, then their own training. */
export function MyFamiliesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('myFamilies.title'));
  const res = useResource(() => myFamilies(), []);
  const data = res.data;
  const today = localIsoDate();

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('myFamilies.title')}
      </Title>
      {(!data || res.error != null) && <LoadState loading={res.loading && !data} error={res.error} onRetry={res.reload} />}
      {data && data.items.length === 0 && <EmptyState title={t('myFamilies.empty')} description={t('myFamilies.emptyHint')} />}
      {data && data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('myFamilies.count', { n: formatNumber(data.items.length, lang) })}
          </Text>
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('myFamilies.list')}>
            {data.items.map((item) => (
              <MyFamilyCard key={item.assignment_id} item={item} today={today} />
            ))}
          </SimpleGrid>
        </>
      )}
      {data && <TrainingProgress helper={data.helper} rules={data.rules} />}
    </Stack>
  );
}
