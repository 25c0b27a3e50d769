// `/families/{id}/assessment`: a helper's assessment of a family, filled in on
// the phone (helperFamily/OfflineAssessmentForm.tsx). Reads the family, its
// members, the instrument and any answers kept from an earlier visit from
// the device store.
import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useResource } from '../data';
import { useSyncStatus } from '../offline';
import { errorMessage } from '../i18n/errors';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { LoadState } from '../components/LoadState';
import { StoreClosed } from './HelperFamilyPage';
import { MessagePage } from './MessagePage';
import { defaultKind } from './helperFamily/changes';
import { OfflineAssessmentForm, useMembers } from './helperFamily/OfflineAssessmentForm';
import { loadLocalFamily } from './helperFamily/useLocalFamily';

export function OfflineAssessmentPage({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = useSyncStatus();
  const open = s.lock !== 'closed';
  // Read once the store is open; later changes of the sync status leave the form alone.
  const res = useResource(() => (open ? loadLocalFamily(familyId) : Promise.resolve(undefined)), [familyId, open]);
  const data = res.data;
  const members = useMembers(data?.members ?? []);
  usePageTitle(t('assessment.section'));

  if (!s.active || s.needsLogin) return <MessagePage message={t('offlineErrors.no_device')} />;
  const back = (
    <Anchor {...linkProps(`/families/${encodeURIComponent(familyId)}`)} size="sm">
      {data?.family.value.family_name ? t('assessment.form.backToFamily', { family: data.family.value.family_name }) : t('offlineFamily.backToMine')}
    </Anchor>
  );
  if (!open) {
    return (
      <Stack gap="lg">
        {back}
        <StoreClosed />
      </Stack>
    );
  }
  if (data === null) {
    return (
      <Stack gap="lg">
        {back}
        <Alert color="orange" variant="light" title={t('offlineFamily.notHere')}>
          {t('offlineFamily.notHereHint')}
        </Alert>
      </Stack>
    );
  }
  if (!data) {
    return (
      <Stack gap="lg">
        {back}
        {res.error != null ? (
          <Alert color="red" variant="light" role="alert">
            {t('offlineFamily.loadFailed', { error: errorMessage(res.error, t, lang) })}
          </Alert>
        ) : (
          <LoadState loading error={null} onRetry={res.reload} />
        )}
      </Stack>
    );
  }
  if (!data.instrument) {
    return (
      <Stack gap="lg">
        {back}
        <Alert color="orange" variant="light">
          {t('offlineFamily.noInstrument')}
        </Alert>
      </Stack>
    );
  }
  return (
    <OfflineAssessmentForm
      key={data.draft?.id ?? 'new'}
      familyId={familyId}
      familyName={data.family.value.family_name}
      members={members}
      instrument={data.instrument.instrument}
      draft={data.draft}
      defaultKind={defaultKind(data.assessments)}
    />
  );
}
