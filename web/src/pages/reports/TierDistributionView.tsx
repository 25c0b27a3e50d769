// Active families per tier per center: a table (cards on a phone) with
// counts and shares, and a stacked bar per center drawn with Mantine's
// Progress sections (the numbers beside it say the same for screen readers).
import type { ReactNode } from 'react';
import { Card, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TierCounts, TierDistribution } from '../../api/types';
import { TIER_COLOR, TierBadge } from '../../components/TierBadge';
import { formatNumber } from '../../lib/locale';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { countWithPercent, distribution, DISTRIBUTION_KEYS, type DistributionKey } from './matrix';

const colorOf = (key: DistributionKey) => (key === 'unassessed' ? 'gray.4' : TIER_COLOR[key]);

/** The column's name: a tier's badge, or the badge of "not leveled yet". */
function KeyBadge({ k, size }: { k: DistributionKey; size?: string }) {
  return <TierBadge tier={k === 'unassessed' ? null : k} size={size} />;
}

/** One stacked bar; hidden from screen readers, which read the counts beside it. */
function StackedBar({ counts }: { counts: TierCounts }) {
  const { parts, total } = distribution(counts);
  return (
    <Progress.Root size="lg" aria-hidden style={{ minWidth: '6rem' }}>
      {total > 0 && parts.map((p) => (p.count > 0 ? <Progress.Section key={p.key} value={p.percent} color={colorOf(p.key)} /> : null))}
    </Progress.Root>
  );
}

export function TierDistributionView({ data }: { data: TierDistribution }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  // With one center the total says nothing more.
  const withTotal = data.centers.length !== 1;
  const rows: { key: string; name: ReactNode; counts: TierCounts; total?: boolean }[] = [
    ...data.centers.map((c) => ({ key: c.center_id, name: c.center_name, counts: c })),
  ];
  const totalRow = { key: 'total', name: t('reports.distribution.allCenters'), counts: data.total, total: true };

  const cellText = (counts: TierCounts, key: DistributionKey) => {
    const { parts, total } = distribution(counts);
    const part = parts.find((p) => p.key === key)!;
    return total > 0 ? countWithPercent(part.count, part.percent, lang) : formatNumber(0, lang);
  };

  if (phone) {
    return (
      <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('reports.distribution.table')}>
        {[...rows, ...(withTotal ? [totalRow] : [])].map((r) => (
          <Card component="li" key={r.key} withBorder padding="sm" bg={r.total ? 'gray.0' : undefined}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>{r.name}</Text>
                <Text size="sm">{t('reports.distribution.families', { n: formatNumber(distribution(r.counts).total, lang) })}</Text>
              </Group>
              <StackedBar counts={r.counts} />
              {DISTRIBUTION_KEYS.map((k) => (
                <Group key={k} justify="space-between" wrap="nowrap" gap="xs">
                  <KeyBadge k={k} size="sm" />
                  <Text size="sm">{cellText(r.counts, k)}</Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  const line = (r: (typeof rows)[number]) => (
    <>
      <Table.Th scope="row" fw={r.total ? 700 : 500}>
        {r.name}
      </Table.Th>
      {DISTRIBUTION_KEYS.map((k) => (
        <Table.Td key={k}>{cellText(r.counts, k)}</Table.Td>
      ))}
      <Table.Td fw={700}>{formatNumber(distribution(r.counts).total, lang)}</Table.Td>
      <Table.Td>
        <StackedBar counts={r.counts} />
      </Table.Td>
    </>
  );

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>{t('reports.distribution.table')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.distribution.center')}</Table.Th>
            {DISTRIBUTION_KEYS.map((k) => (
              <Table.Th scope="col" key={k}>
                <KeyBadge k={k} />
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('reports.distribution.total')}</Table.Th>
            <Table.Th scope="col">{t('reports.distribution.bar')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>{line(r)}</Table.Tr>
          ))}
        </Table.Tbody>
        {withTotal && (
          <Table.Tfoot>
            <Table.Tr bg="gray.0">{line(totalRow)}</Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
