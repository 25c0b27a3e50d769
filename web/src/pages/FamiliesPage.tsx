import { Card, EmptyState, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { listFamilies, useResource, type Me } from '../data';
import { formatNumber } from '../lib/locale';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { LoadState } from '../components/LoadState';

export function FamiliesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('families.title'));
  const families = useResource(listFamilies, []);
  const items = families.data ?? [];
  // A manager sees the center's families; a helper sees those assigned to them
  // (an empty list until families are assigned). Headquarters see families only
  // in aggregate, so never reach this page.
  const seesCenter = me.user.role === 'center_manager';
  const members = (n: number) => t('families.members', { n: formatNumber(n, lang) });

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('families.title')}
      </Title>
      {(!families.data || families.error != null) && (
        <LoadState loading={families.loading && !families.data} error={families.error} onRetry={families.reload} />
      )}
      {families.data && items.length === 0 && (
        <EmptyState
          title={seesCenter ? t('families.emptyCenter') : t('families.emptyAssigned')}
          description={seesCenter ? undefined : t('families.emptyAssignedHint')}
        />
      )}
      {items.length > 0 && phone && (
        <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('families.list')}>
          {items.map((f) => (
            <Card component="li" key={f.id} withBorder padding="md">
              <Text fw={700}>{f.family_name}</Text>
              <Text size="sm">
                {t('families.headName')}: {f.head_name}
              </Text>
              <Text size="sm" c="dimmed">
                {f.neighborhood} · {members(f.member_count)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      {items.length > 0 && !phone && (
        <Table striped verticalSpacing="sm" aria-label={t('families.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('families.familyName')}</Table.Th>
              <Table.Th>{t('families.headName')}</Table.Th>
              <Table.Th>{t('families.neighborhood')}</Table.Th>
              <Table.Th>{t('families.memberCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.family_name}</Table.Td>
                <Table.Td>{f.head_name}</Table.Td>
                <Table.Td>{f.neighborhood || t('common.none')}</Table.Td>
                <Table.Td>{formatNumber(f.member_count, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
