// The assistance section read from and written to the server (the
// manager's family page, or any online family page): loads the family's
// assistance with the pickers' lists, reloads after each write.
import { Card, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { loadAssistanceSource, onlineAssistance } from '../../data/assistance';
import { useResource } from '../../data/useResource';
import { LoadState } from '../../components/LoadState';
import { FamilyAssistanceSection } from './FamilyAssistanceSection';
import type { AssistanceMember } from './lookup';

export function OnlineFamilyAssistance({ familyId, familyName, members }: { familyId: string; familyName: string; members: readonly AssistanceMember[] }) {
  const { t } = useTranslation();
  const res = useResource(() => loadAssistanceSource(familyId), [familyId]);
  // useResource keeps the data on screen while a reload runs (no loader after each write).
  const source = res.data;

  if (!source) {
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
      {res.error != null && <LoadState loading={false} error={res.error} onRetry={res.reload} />}
      <FamilyAssistanceSection familyId={familyId} familyName={familyName} members={members} source={source} backend={onlineAssistance} onChanged={res.reload} />
    </Stack>
  );
}
