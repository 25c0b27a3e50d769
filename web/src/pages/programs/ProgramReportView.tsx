// A program's report: registered, reached (present at least once) by tier
// and neighborhood, sessions held, attendance rate, completed.
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgramReport } from '../../api/types';
import { InfoItem } from '../../components/InfoItem';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { percentText } from './model';

export function ProgramReportView({ report, isCourse }: { report: ProgramReport; isCourse: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const tierName = (k: string) =>
    k === 'unassessed' ? t('programs.report.unassessed') : k === 'walk_in' ? t('programs.report.walk_in') : t(`assessment.tier.${k}`, { defaultValue: k });
  const rows = (m: Record<string, number>, name: (k: string) => string) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => (
        <Group key={k} justify="space-between" component="li">
          <Text size="sm">{name(k)}</Text>
          <Text size="sm" fw={600}>
            {n(v)}
          </Text>
        </Group>
      ));
  return (
    <Stack gap="md" aria-label={t('programs.report.title')} role="region">
      <SimpleGrid component="dl" m={0} cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="sm">
        <InfoItem label={t('programs.report.registered')}>{n(report.registered)}</InfoItem>
        <InfoItem label={t('programs.report.reached')}>{n(report.reached)}</InfoItem>
        <InfoItem label={t('programs.report.sessionsHeld')}>{n(report.sessions_held)}</InfoItem>
        <InfoItem label={t('programs.report.rate')}>{percentText(report.attendance_rate, lang)}</InfoItem>
        {isCourse && <InfoItem label={t('programs.report.completed')}>{n(report.completed)}</InfoItem>}
      </SimpleGrid>
      {report.reached === 0 ? (
        <Text c="dimmed" size="sm">
          {t('programs.report.none')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder padding="sm">
            <Title order={3} size="h6" mb="xs" id="report-tier">
              {t('programs.report.byTier')}
            </Title>
            <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="report-tier">
              {rows(report.by_tier, tierName)}
            </Stack>
          </Card>
          <Card withBorder padding="sm">
            <Title order={3} size="h6" mb="xs" id="report-hood">
              {t('programs.report.byNeighborhood')}
            </Title>
            <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="report-hood">
              {rows(report.by_neighborhood, (k) => k || t('programs.report.noNeighborhood'))}
            </Stack>
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}
