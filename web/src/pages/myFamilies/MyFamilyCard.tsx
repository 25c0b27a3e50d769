import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MyFamily } from '../../api/types';
import { TierBadge } from '../../components/TierBadge';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { endingNotice } from './period';

/** One assigned family, phone first: who they are, the assignment, and where to go next. */
export function MyFamilyCard({ item, today }: { item: MyFamily; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const f = item.family;
  const notice = endingNotice(item.ends_on, today);
  const titleId = `my-family-${item.assignment_id}`;

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
          {t('myFamilies.head', { name: f.head_name || t('common.none') })}
          {t('common.separator')}
          {t('myFamilies.members', { n: formatNumber(f.member_count, lang) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('myFamilies.period', { from: formatDate(item.starts_on, lang), to: formatDate(item.ends_on, lang) })}
        </Text>
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
          {item.last_assessed_on ? t('myFamilies.lastAssessed', { date: formatDate(item.last_assessed_on, lang) }) : t('myFamilies.notAssessed')}
        </Text>
        <Group gap="xs" mt={4}>
          <Button
            component="a"
            variant="light"
            {...linkProps(`/families/${encodeURIComponent(f.id)}`)}
            aria-label={t('myFamilies.openFamilyOf', { name: f.family_name })}
          >
            {t('myFamilies.openFamily')}
          </Button>
          {item.draft_assessment_id && (
            <Button
              component="a"
              {...linkProps(`/assessments/${encodeURIComponent(item.draft_assessment_id)}`)}
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
