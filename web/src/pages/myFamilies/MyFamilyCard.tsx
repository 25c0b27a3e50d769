import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HomeFamily } from '../../data';
import { TierBadge } from '../../components/TierBadge';
import { PendingMark } from '../../components/sync/PendingMark';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { endingNotice } from './period';

/** One assigned family, phone first: who they are, where, the assignment, what waits on the phone, and where to go next. */
export function MyFamilyCard({ item, today }: { item: HomeFamily; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const f = item.family;
  const notice = item.assignment ? endingNotice(item.assignment.ends_on, today) : null;
  const titleId = `my-family-${f.id}`;
  const device = item.device;

  return (
    <Card component="li" withBorder padding="md" aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id={titleId}>
            {f.family_name}
          </Title>
          <TierBadge tier={f.tier} />
        </Group>
        <Text size="sm">
          {t('myFamilies.head', { name: item.headName || t('common.none') })}
          {t('common.separator')}
          {t('myFamilies.members', { n: formatNumber(item.memberCount, lang) })}
        </Text>
        <Text size="sm">{t('myFamilies.neighborhood', { name: f.neighborhood || t('common.none') })}</Text>
        {item.assignment && (
          <Text size="sm" c="dimmed">
            {t('myFamilies.period', { from: formatDate(item.assignment.starts_on, lang), to: formatDate(item.assignment.ends_on, lang) })}
          </Text>
        )}
        {notice && (
          <Text size="sm" fw={600} c="orange.9">
            {notice.kind === 'soon'
              ? t('myFamilies.endsIn', { n: formatNumber(notice.days, lang) })
              : notice.kind === 'today'
                ? t('myFamilies.endsToday')
                : t('myFamilies.ended')}
          </Text>
        )}
        <Text size="sm">
          {item.lastAssessedOn ? t('myFamilies.lastAssessed', { date: formatDate(item.lastAssessedOn, lang) }) : t('myFamilies.notAssessed')}
        </Text>
        {device && (device.pending > 0 || device.problems > 0 || device.draft) && (
          <Group gap={6} wrap="wrap">
            {device.pending > 0 && (
              <>
                <PendingMark />
                <Text size="sm" fw={600} c="#8f3604">
                  {t('myFamilies.pending', { n: formatNumber(device.pending, lang) })}
                </Text>
              </>
            )}
            {device.problems > 0 && (
              <Text size="sm" fw={600} c="red.8">
                {t('myFamilies.problems', { n: formatNumber(device.problems, lang) })}
              </Text>
            )}
            {device.draft && (
              <Text size="sm" fw={600} c="blue.9">
                {t('myFamilies.draft')}
              </Text>
            )}
          </Group>
        )}
        <Group gap="xs" mt={4}>
          <Button
            component="a"
            variant="light"
            {...linkProps(`/families/${encodeURIComponent(f.id)}`)}
            aria-label={t('myFamilies.openFamilyOf', { name: f.family_name })}
          >
            {t('myFamilies.openFamily')}
          </Button>
          {item.draftAssessmentId && (
            <Button
              component="a"
              {...linkProps(`/assessments/${encodeURIComponent(item.draftAssessmentId)}`)}
              aria-label={t('myFamilies.continueAssessmentOf', { name: f.family_name })}
            >
              {t('myFamilies.continueAssessment')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
