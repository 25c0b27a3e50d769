// The helper's family page's «سطح‌بندی» section, from the phone: the
// current tier, the family's assessments (kind, day, tier, status; those made
// here marked, their tier computed on the phone until the server scores
// them), and the way to a new one — or back to the one half filled in.
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LocalAssessment, LocalRecord } from '../../offline';
import { formatDate } from '../../lib/jalali';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { ResponsiveList } from '../../components/ResponsiveList';
import { TierBadge } from '../../components/TierBadge';
import { PendingMark } from '../../components/sync/PendingMark';
import { relativeTime } from '../../components/sync/format';
import { tierOf } from './changes';
import type { LocalFamilyData } from './useLocalFamily';

/** Where the phone's questionnaire for a family is. */
export function offlineAssessmentPath(familyId: string): string {
  return `/families/${encodeURIComponent(familyId)}/assessment`;
}

export function LocalAssessments({ familyId, data, online }: { familyId: string; data: LocalFamilyData; online: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const instrument = data.instrument?.instrument ?? null;
  const members = data.members.map((m) => m.value);
  const items = data.assessments;

  const tierCell = (a: LocalRecord<LocalAssessment>) => {
    if (a.value.status === 'draft') {
      return (
        <Text size="sm" c="dimmed">
          {t('assessment.noTierYet')}
        </Text>
      );
    }
    const { tier, device } = tierOf(a.value, instrument, members);
    return (
      <Stack gap={2} align="flex-start">
        <TierBadge tier={tier} size="sm" />
        {device && (
          <Text size="xs" c="dimmed">
            {t('offlineFamily.deviceTier')}
          </Text>
        )}
      </Stack>
    );
  };
  const statusCell = (a: LocalRecord<LocalAssessment>) => (
    <Group gap={4}>
      <Badge variant="light" color={a.value.status === 'draft' ? 'yellow' : 'gray'} c={a.value.status === 'draft' ? 'yellow.9' : 'gray.8'} size="sm">
        {t(`assessment.status.${a.value.status}`)}
      </Badge>
      {a.pending && <PendingMark />}
    </Group>
  );
  const kindOf = (a: LocalRecord<LocalAssessment>) => (a.value.kind ? t(`assessment.kind.${a.value.kind}`) : t('assessment.section'));
  // The server's page of an assessment, when it has it and we can reach it.
  const open = (a: LocalRecord<LocalAssessment>) =>
    online && !a.pending && a.version > 0 ? (
      <Anchor
        size="sm"
        {...linkProps(`/assessments/${encodeURIComponent(a.id)}`)}
        aria-label={t('assessment.openLabel', { kind: kindOf(a), date: formatDate(a.value.assessed_on, lang) })}
      >
        {t('offlineFamily.openOnline')}
      </Anchor>
    ) : null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="local-assessments">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={2} size="h4" id="local-assessments">
              {t('assessment.section')}
            </Title>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('assessment.currentTier')}:
              </Text>
              <TierBadge tier={data.family.value.tier} />
            </Group>
          </Group>
          {instrument && (
            <Button component="a" {...linkProps(offlineAssessmentPath(familyId))}>
              {data.draft ? t('offlineFamily.continueDraft') : t('offlineFamily.newAssessment')}
            </Button>
          )}
        </Group>
        {!instrument && (
          <Text size="sm" c="dimmed">
            {t('offlineFamily.noInstrument')}
          </Text>
        )}
        {data.draft && (
          <Text size="sm" fw={600}>
            {t('offlineFamily.draftOn', { when: relativeTime(data.draft.updated_at, new Date(), lang) })}
          </Text>
        )}
        {items.length === 0 && <Text c="dimmed">{t('assessment.empty')}</Text>}
        <ResponsiveList
          items={items}
          itemKey={(a) => a.id}
          label={t('assessment.list')}
          minWidth={600}
          columns={[
            { header: t('assessment.fields.kind'), cell: kindOf },
            { header: t('assessment.fields.assessed_on'), cell: (a) => formatDate(a.value.assessed_on, lang) },
            { header: t('assessment.fields.status'), cell: statusCell },
            { header: t('assessment.fields.tier'), cell: tierCell },
            { header: t('common.actions'), cell: (a) => open(a) ?? t('common.none') },
          ]}
          card={(a) => (
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Text fw={700}>{kindOf(a)}</Text>
                  <Text size="sm" c="dimmed">
                    {formatDate(a.value.assessed_on, lang)}
                  </Text>
                </Stack>
                {statusCell(a)}
              </Group>
              {tierCell(a)}
              {open(a)}
            </Stack>
          )}
        />
      </Stack>
    </Card>
  );
}
