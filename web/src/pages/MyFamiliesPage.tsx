import { Alert, EmptyState, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { myFamiliesHome, useResource } from '../data';
import { useSyncStatus } from '../offline';
import { formatNumber } from '../lib/locale';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { LoadState } from '../components/LoadState';
import { HelperAgenda } from './helperFamily/HelperAgenda';
import { MyFamilyCard } from './myFamilies/MyFamilyCard';
import { TrainingProgress } from './myFamilies/TrainingProgress';
import { localIsoDate } from './myFamilies/period';

/**
 * A helper's home: today's work (overdue and due today, from the phone when
 * it can), the families assigned to them, then their own training.
 * Online, the server's list with the phone's marks (changes not sent yet,
 * problems, an unfinished assessment); offline, the phone's own list.
 */
export function MyFamiliesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const s = useSyncStatus();
  usePageTitle(t('myFamilies.title'));
  // Read again when the phone's data or the connection changes.
  const res = useResource(() => myFamiliesHome(), [s.online, s.lock, s.pending, s.lastSyncAt, s.conflicts, s.refusals]);
  const data = res.data;
  const today = localIsoDate();

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('myFamilies.title')}
      </Title>
      {(!data || res.error != null) && <LoadState loading={res.loading && !data} error={res.error} onRetry={res.reload} />}
      {data?.source === 'device' && (
        <Alert color="gray" variant="light" role="status">
          {t('myFamilies.fromDevice')}
        </Alert>
      )}
      <HelperAgenda />
      {data && data.items.length === 0 && <EmptyState title={t('myFamilies.empty')} description={t('myFamilies.emptyHint')} />}
      {data && data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('myFamilies.count', { n: formatNumber(data.items.length, lang) })}
          </Text>
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('myFamilies.list')}>
            {data.items.map((item) => (
              <MyFamilyCard key={item.family.id} item={item} today={today} />
            ))}
          </SimpleGrid>
        </>
      )}
      {data?.rules ? (
        <TrainingProgress helper={data.helper} rules={data.rules} />
      ) : (
        data && (
          <Text size="sm" c="dimmed">
            {t('myFamilies.trainingNeedsNetwork')}
          </Text>
        )
      )}
    </Stack>
  );
}
