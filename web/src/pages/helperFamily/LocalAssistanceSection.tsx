// The family's assistance on the helper's phone: the shared assistance
// section (timeline, plan, calendar and their forms) reading the phone's
// copy and writing into its outbox. What is recorded shows at once with
// «فرستاده‌نشده» and goes with the next sync.
import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../data';
import { LoadState } from '../../components/LoadState';
import { FamilyAssistanceSection } from '../assistance/FamilyAssistanceSection';
import type { AssistanceMember } from '../assistance/lookup';
import { offlineAssistance, type OfflineAssistance } from './offlineAssistance';

export interface LocalAssistanceSectionProps {
  familyId: string;
  familyName: string;
  members: readonly AssistanceMember[];
  /** The family's assistance from the phone (`useOfflineAssistance`). */
  res: Resource<OfflineAssistance>;
}

export function LocalAssistanceSection({ familyId, familyName, members, res }: LocalAssistanceSectionProps) {
  const { t } = useTranslation();
  const data = res.data;
  if (!data) {
    return (
      <Card withBorder padding="md" component="section" aria-label={t('assistance.section')}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('assistance.section')}
          </Title>
          <LoadState loading={res.loading} error={res.error} onRetry={res.reload} />
        </Stack>
      </Card>
    );
  }
  return (
    <Stack gap="xs">
      {!data.synced && (
        <Text size="sm" c="dimmed">
          {t('offlineAssistance.assistanceNotSynced')}
        </Text>
      )}
      {/* The store tells its readers of every change: a reload is all "changed" needs. */}
      <FamilyAssistanceSection familyId={familyId} familyName={familyName} members={members} source={data.source} backend={offlineAssistance} onChanged={res.reload} />
    </Stack>
  );
}
