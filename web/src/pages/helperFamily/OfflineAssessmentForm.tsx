// An assessment filled in on the helper's phone, with or without a
// connection: the same questionnaire as online (Questionnaire.tsx), the
// answers kept on the phone as they come (encrypted, so a reload or a lock
// loses nothing), the tier and domain scores computed here; «ثبت نهایی»
// queues one `assessment` `append` mutation (docs/sync.md) and the server
// scores it again when it arrives.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Anchor, Button, Card, Group, Modal, Radio, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_KINDS, type AssessmentKind, type Member } from '../../api/types';
import type { Domain, Instrument } from '../../assessment/instrument';
import { discardLocalDraft, finalizeLocalDraft, saveLocalDraft, useSyncStatus, uuidv7, type LocalDraft } from '../../offline';
import { errorMessage } from '../../i18n/errors';
import { formatDate, jalaliToIso, todayJalali } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { linkProps, navigate } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { formAnswersOf, pruneAnswers, sameAnswers, withAnswer, type FormAnswers } from '../assessments/answers';
import { SAVE_DELAY_MS } from '../assessments/AssessmentDraft';
import { DraftSaver, type SaveStatus } from '../assessments/draftSaver';
import { DomainQuestions, ProgressPanel, ScoreSummary, goToQuestion, useAssessmentScore } from '../assessments/Questionnaire';

interface Body {
  answers: FormAnswers;
  kind: AssessmentKind;
  assessed_on: string;
}

const sameBody = (a: Body, b: Body) => a.kind === b.kind && a.assessed_on === b.assessed_on && sameAnswers(a.answers, b.answers);

export interface OfflineAssessmentFormProps {
  familyId: string;
  familyName: string;
  members: readonly Member[];
  instrument: Instrument;
  /** What was kept of an earlier visit, if any. */
  draft: LocalDraft | null;
  /** For a new one: baseline while the family has no final assessment, else follow-up. */
  defaultKind: AssessmentKind;
}

export function OfflineAssessmentForm({ familyId, familyName, members, instrument, draft, defaultKind }: OfflineAssessmentFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const sync = useSyncStatus();
  const today = jalaliToIso(todayJalali());
  const [draftId] = useState(() => draft?.id ?? uuidv7());
  const [answers, setAnswers] = useState<FormAnswers>(() => formAnswersOf(draft?.answers));
  const [kind, setKind] = useState<AssessmentKind>(draft?.kind ?? defaultKind);
  const [assessedOn, setAssessedOn] = useState(draft?.assessed_on ?? today);
  const [dateError, setDateError] = useState<string | null>(null);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [tab, setTab] = useState<Domain>('social');
  const [dialog, setDialog] = useState<'finalize' | 'discard' | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const tabsTop = useRef<HTMLDivElement>(null);
  const body: Body = { answers, kind, assessed_on: assessedOn };
  const bodyRef = useRef(body);
  bodyRef.current = body;

  // The answers the server would take: nothing it would refuse (answers for questions no longer asked, blanks).
  const cleaned = (b: Body) => pruneAnswers(instrument, b.answers, members, b.assessed_on);
  const words = useRef({ t, lang });
  words.current = { t, lang };
  const [saver] = useState(
    () =>
      new DraftSaver<Body, { version: number }>(0, body, {
        delay: SAVE_DELAY_MS,
        save: async (version, b) => {
          await saveLocalDraft({ id: draftId, family_id: familyId, kind: b.kind, assessed_on: b.assessed_on, answers: cleaned(b) });
          return { version: version + 1 };
        },
        versionOf: (saved) => saved.version,
        same: sameBody,
        onStatus: (s) => {
          setStatus(s);
          if (s !== 'error') setSaveError(null);
        },
        onSaved: () => {},
        // Locked meanwhile, most likely: kept on screen, saved once it opens.
        onError: (e) => setSaveError(errorMessage(e, words.current.t, words.current.lang)),
      }),
  );

  useEffect(() => {
    saver.change(bodyRef.current);
  }, [saver, answers, kind, assessedOn]);
  useEffect(() => {
    saver.resume();
    return () => saver.stop();
  }, [saver]);
  // Unlocked again after a failed save: save now.
  useEffect(() => {
    if (sync.lock === 'open' && saver.currentStatus === 'error') void saver.flush();
  }, [sync.lock, saver]);
  useEffect(() => {
    if (status === 'saved') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [status]);

  const score = useAssessmentScore(instrument, answers, members, assessedOn);
  const { outcome, overall, missing, complete } = score;
  const n = (x: number) => formatNumber(x, lang);
  const familyPath = `/families/${encodeURIComponent(familyId)}`;

  function changeDate(iso: string | null, valid: boolean) {
    if (!valid || !iso) return;
    if (iso > today) {
      setDateError(t('offlineAssessment.futureDate'));
      return;
    }
    setDateError(null);
    if (iso === assessedOn) return;
    setAssessedOn(iso);
    // Ages on the new day decide which member questions are asked.
    setAnswers((a) => pruneAnswers(instrument, a, members, iso));
  }

  async function finalize() {
    setBusy(true);
    setActionError(null);
    try {
      await saver.flush();
      const b = bodyRef.current;
      await finalizeLocalDraft({ id: draftId, family_id: familyId, kind: b.kind, assessed_on: b.assessed_on, answers: cleaned(b) });
      saver.reset(saver.currentVersion, b);
      notify({ color: 'teal', message: t('offlineAssessment.finalized', { family: familyName }) });
      navigate(familyPath);
    } catch (e) {
      // Nothing is lost: the answers stay on screen (and in the phone's draft).
      setActionError(errorMessage(e, t, lang));
      setBusy(false);
      setDialog(null);
    }
  }

  async function discard() {
    setBusy(true);
    setActionError(null);
    try {
      await saver.flush().catch(() => false);
      saver.reset(saver.currentVersion, bodyRef.current);
      await discardLocalDraft(familyId);
      notify({ color: 'teal', message: t('offlineAssessment.discarded') });
      navigate(familyPath);
    } catch (e) {
      setActionError(errorMessage(e, t, lang));
      setBusy(false);
      setDialog(null);
    }
  }

  const saveState = (
    <Text size="sm" role="status" aria-live="polite" c={status === 'error' ? 'red.8' : status === 'saved' ? 'teal.9' : 'dimmed'} fw={600}>
      {status === 'saved'
        ? t('offlineAssessment.saved')
        : status === 'saving'
          ? t('offlineAssessment.saving')
          : status === 'pending'
            ? t('offlineAssessment.pending')
            : t('offlineAssessment.saveFailed', { error: saveError ?? '' })}
    </Text>
  );

  return (
    <Stack gap="md">
      <Anchor {...linkProps(familyPath)} size="sm">
        {t('assessment.form.backToFamily', { family: familyName })}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} size="h3">
          {t('assessment.form.title', { kind: t(`assessment.kind.${kind}`), family: familyName })}
        </Title>
        <Text size="sm" c="dimmed">
          {formatDate(assessedOn, lang)}
        </Text>
        <Text size="sm">{t('offlineAssessment.intro')}</Text>
      </Stack>

      <Card withBorder padding="sm">
        <Stack gap="sm">
          <Radio.Group label={t('assessment.fields.kind')} value={kind} onChange={(v) => setKind(v as AssessmentKind)}>
            <Stack gap="xs" mt={6}>
              {ASSESSMENT_KINDS.map((k) => (
                <Radio key={k} value={k} label={t(`assessment.kind.${k}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <JalaliDateInput label={t('assessment.fields.assessed_on')} value={assessedOn} onChange={changeDate} error={dateError} required />
        </Stack>
      </Card>

      <ProgressPanel
        score={score}
        saveState={saveState}
        retry={
          status === 'error' ? (
            <Button size="compact-sm" variant="light" color="red" onClick={() => void saver.flush()} style={{ alignSelf: 'flex-start' }}>
              {t('assessment.form.retrySave')}
            </Button>
          ) : undefined
        }
      />

      <DomainQuestions
        instrument={instrument}
        members={members}
        assessedOn={assessedOn}
        answers={answers}
        onAnswer={(indicator, member, value) => setAnswers((a) => withAnswer(a, indicator, member, value))}
        score={score}
        tab={tab}
        onTab={setTab}
        tabsTop={tabsTop}
      />

      <Card withBorder padding="md" component="section" aria-labelledby="offline-result-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="offline-result-title">
            {t('assessment.form.result')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('assessment.form.resultHint')}
          </Text>
          <ScoreSummary outcome={outcome} />
          <FormAlert message={actionError} />
          <Text size="sm" fw={complete ? undefined : 600}>
            {complete ? t('offlineAssessment.finalizeHint') : t('assessment.form.finalizeMissing', { n: n(missing.length || overall.total - overall.answered) })}
          </Text>
          <Group gap="xs">
            <Button onClick={() => setDialog('finalize')} disabled={!complete || busy || dateError !== null}>
              {t('offlineAssessment.finalize')}
            </Button>
            {!complete && missing.length > 0 && (
              <Button variant="light" onClick={() => goToQuestion(instrument, missing[0], setTab)}>
                {t('assessment.form.firstMissing')}
              </Button>
            )}
            <Button variant="subtle" color="red" onClick={() => setDialog('discard')} disabled={busy}>
              {t('offlineAssessment.discard')}
            </Button>
          </Group>
        </Stack>
      </Card>

      <Modal
        opened={dialog !== null}
        onClose={() => !busy && setDialog(null)}
        title={dialog === 'discard' ? t('offlineAssessment.discard') : t('offlineAssessment.finalize')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>
            {dialog === 'discard'
              ? t('offlineAssessment.discardConfirm')
              : t('offlineAssessment.finalizeConfirm', { tier: outcome?.tier ? t(`assessment.tier.${outcome.tier}`) : t('common.none') })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            {dialog === 'discard' ? (
              <Button color="red" loading={busy} onClick={() => void discard()}>
                {t('offlineAssessment.discard')}
              </Button>
            ) : (
              <Button loading={busy} onClick={() => void finalize()}>
                {t('offlineAssessment.finalize')}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The members for scoring, stable across renders of the same list. */
export function useMembers(list: readonly { value: Member }[]): Member[] {
  return useMemo(() => list.map((m) => m.value), [list]);
}
