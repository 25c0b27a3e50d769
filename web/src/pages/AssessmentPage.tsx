// One assessment (`/assessments/{id}`): a draft opens as the questionnaire,
// a final one as its result. Loads the assessment, the instrument version it
// uses and the family (its members and their birth dates).
import { useEffect, useState } from 'react';
import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assessmentInstrument, getAssessment, getFamily, useResource, type AssessmentDetail, type Me } from '../data';
import { formatNumber } from '../lib/locale';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { LoadState } from '../components/LoadState';
import { AssessmentDraft, type StaleReason } from './assessments/AssessmentDraft';
import { AssessmentResult } from './assessments/AssessmentResult';
import { familiesListPath } from './families/listState';

async function load(id: string) {
  const detail = await getAssessment(id);
  const [document, family] = await Promise.all([assessmentInstrument(detail.instrument_id), getFamily(detail.family_id)]);
  return { detail, document, family };
}

export function AssessmentPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const resource = useResource(() => load(id), [id]);
  // The assessment on screen: what was loaded, then what the server answered to finalize or override.
  const [detail, setDetail] = useState<AssessmentDetail | undefined>(undefined);
  // A new one each load: the form starts again from what the server has.
  const [generation, setGeneration] = useState(0);
  const [stale, setStale] = useState<StaleReason | null>(null);
  useEffect(() => {
    if (!resource.data) return;
    setDetail(resource.data.detail);
    setGeneration((g) => g + 1);
  }, [resource.data]);

  const family = resource.data?.family;
  usePageTitle(
    detail && family ? t('assessment.form.title', { kind: t(`assessment.kind.${detail.kind}`), family: family.family_name }) : t('assessment.section'),
  );

  if (!resource.data || !detail || !family) {
    return (
      <Stack gap="lg">
        <Anchor {...linkProps(familiesListPath())} size="sm">
          {t('family.backToList')}
        </Anchor>
        <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
      </Stack>
    );
  }

  const notice = (() => {
    switch (stale) {
      case 'conflict':
        return t('assessment.form.conflict');
      case 'becameFinal':
        return t('assessment.form.becameFinal');
      case 'gone':
        return t('assessment.form.gone');
      case 'incomplete':
        return t('assessment.form.incomplete', { n: formatNumber(detail.missing.length || 1, lang) });
      default:
        return null;
    }
  })();

  const reload = (why: StaleReason) => {
    setStale(why);
    // A discarded draft has nothing left to load.
    if (why !== 'gone') resource.reload();
  };

  return (
    <Stack gap="md">
      {notice && (
        <Alert
          color={stale === 'incomplete' ? 'orange' : 'yellow'}
          variant="light"
          role="alert"
          withCloseButton={stale !== 'gone'}
          onClose={() => setStale(null)}
          closeButtonLabel={t('common.close')}
        >
          {notice}
        </Alert>
      )}
      {resource.error != null && <LoadState loading={false} error={resource.error} onRetry={resource.reload} />}
      {stale === 'gone' ? (
        <Anchor {...linkProps(`/families/${family.id}`)}>{t('assessment.form.backToFamily', { family: family.family_name })}</Anchor>
      ) : detail.status === 'final' ? (
        <AssessmentResult me={me} detail={detail} document={resource.data.document} family={family} onChanged={setDetail} />
      ) : (
        <AssessmentDraft
          key={`${detail.id}:${generation}`}
          me={me}
          detail={detail}
          instrument={resource.data.document.instrument}
          family={family}
          onStale={reload}
          onFinalized={(done) => {
            setStale(null);
            setDetail(done);
            window.scrollTo(0, 0);
          }}
        />
      )}
    </Stack>
  );
}
