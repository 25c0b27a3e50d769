// Filling in a draft assessment, phone first: the questions by domain, each
// answer a large card; progress, domain scores and the tier computed on the
// device as answers come; everything saved as it goes; finalize once complete.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Accordion, Alert, Anchor, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  can,
  discardAssessment,
  familyAssessors,
  finalizeAssessment,
  saveAssessment,
  useResource,
  type AssessmentDetail,
  type AssessmentKind,
  type FamilyDetail,
  type Me,
  type UpdateAssessmentRequest,
} from '../../data';
import { ASSESSMENT_KINDS } from '../../api/types';
import { ApiError } from '../../api/errors';
import type { Domain, Instrument } from '../../assessment/instrument';
import { errorMessage } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { linkProps, navigate } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { formAnswersOf, pruneAnswers, sameAnswers, withAnswer, type FormAnswers } from './answers';
import { DraftSaver, type SaveStatus } from './draftSaver';
import { isolate } from './labels';
import { DomainQuestions, ProgressPanel, ScoreSummary, goToQuestion, useAssessmentScore } from './Questionnaire';

/** Answers wait this long (ms) for the next before they are saved. */
export const SAVE_DELAY_MS = 800;

/** Why the page loads the assessment again. */
export type StaleReason = 'conflict' | 'becameFinal' | 'incomplete' | 'gone';

interface DraftBody {
  answers: FormAnswers;
  kind: AssessmentKind;
  assessed_on: string;
  assessor_id: string;
}

const sameBody = (a: DraftBody, b: DraftBody) =>
  a.kind === b.kind && a.assessed_on === b.assessed_on && a.assessor_id === b.assessor_id && sameAnswers(a.answers, b.answers);

export interface AssessmentDraftProps {
  me: Me;
  detail: AssessmentDetail;
  instrument: Instrument;
  family: FamilyDetail;
  /** The server has something newer: load everything again and say why. */
  onStale: (why: StaleReason) => void;
  onFinalized: (done: AssessmentDetail) => void;
}

export function AssessmentDraft({ me, detail, instrument, family, onStale, onFinalized }: AssessmentDraftProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const canWrite = can(me, 'assessments.write');
  const members = family.members;

  const [answers, setAnswers] = useState<FormAnswers>(() => formAnswersOf(detail.answers));
  const [kind, setKind] = useState<AssessmentKind>(detail.kind);
  const [assessedOn, setAssessedOn] = useState(detail.assessed_on);
  const [assessorId, setAssessorId] = useState(detail.assessor_id);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const [tab, setTab] = useState<Domain>('social');
  const [dialog, setDialog] = useState<'finalize' | 'discard' | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const tabsTop = useRef<HTMLDivElement>(null);

  const body: DraftBody = { answers, kind, assessed_on: assessedOn, assessor_id: assessorId };

  // What the server has: a save sends only what differs from it.
  const server = useRef(detail);
  const onStaleRef = useRef(onStale);
  onStaleRef.current = onStale;
  // The saver outlives renders: it reads words in the language of the moment.
  const words = useRef({ t, lang });
  words.current = { t, lang };
  const [saver] = useState(
    () =>
      new DraftSaver<DraftBody, AssessmentDetail>(detail.version, body, {
        delay: SAVE_DELAY_MS,
        save: (version, b) => {
          const patch: UpdateAssessmentRequest = { version, answers: pruneAnswers(instrument, b.answers, members, b.assessed_on) };
          if (b.kind !== server.current.kind) patch.kind = b.kind;
          if (b.assessed_on !== server.current.assessed_on) patch.assessed_on = b.assessed_on;
          if (b.assessor_id !== server.current.assessor_id) patch.assessor_id = b.assessor_id;
          return saveAssessment(detail.id, patch);
        },
        versionOf: (saved) => saved.version,
        same: sameBody,
        onStatus: (s) => {
          setStatus(s);
          if (s !== 'error') setSaveError(null);
        },
        onSaved: (saved) => {
          server.current = saved;
          setDateError(null);
        },
        onError: (e) => {
          if (e instanceof ApiError) {
            const why: StaleReason | null =
              e.code === 'version_conflict' ? 'conflict' : e.code === 'assessment_final' ? 'becameFinal' : e.code === 'not_found' ? 'gone' : null;
            if (why) {
              // What the server has wins: nothing of this screen is sent again.
              saver.reset(server.current.version, saverBody.current);
              onStaleRef.current(why);
              return;
            }
            if (e.field === 'assessed_on') setDateError(errorMessage(e, words.current.t, words.current.lang));
          }
          setSaveError(errorMessage(e, words.current.t, words.current.lang));
        },
      }),
  );
  const saverBody = useRef(body);
  saverBody.current = body;

  useEffect(() => {
    saver.change(saverBody.current);
  }, [saver, answers, kind, assessedOn, assessorId]);

  // Leaving the screen sends what is left; closing the tab with unsaved answers asks first.
  useEffect(() => {
    saver.resume();
    return () => saver.stop();
  }, [saver]);
  useEffect(() => {
    if (status === 'saved') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [status]);

  const scored = useAssessmentScore(instrument, answers, members, assessedOn);
  const { outcome, overall, missing, complete } = scored;
  const n = (x: number) => formatNumber(x, lang);

  const assessors = useResource(() => (canWrite ? familyAssessors(family.id) : Promise.resolve([])), [family.id, canWrite]);
  const assessorOptions = useMemo(() => {
    const list = (assessors.data ?? []).map((a) => ({ value: a.id, label: a.display_name }));
    if (!list.some((o) => o.value === assessorId)) {
      list.unshift({ value: assessorId, label: assessorId === me.user.id ? me.user.display_name : t('common.none') });
    }
    return list;
  }, [assessors.data, assessorId, me.user.id, me.user.display_name, t]);

  function answer(indicator: string, member: string | null, value: string) {
    setAnswers((a) => withAnswer(a, indicator, member, value));
  }

  function changeDate(iso: string | null, valid: boolean) {
    if (!valid || !iso || iso === assessedOn) return;
    setDateError(null);
    setAssessedOn(iso);
    // Ages on the new day decide which member questions are asked.
    setAnswers((a) => pruneAnswers(instrument, a, members, iso));
  }

  function goToFirstMissing() {
    goToQuestion(instrument, missing[0], setTab);
  }

  async function finalize() {
    setBusy(true);
    setActionError(null);
    const saved = await saver.flush();
    if (!saved) {
      setBusy(false);
      setDialog(null);
      return;
    }
    try {
      const done = await finalizeAssessment(detail.id, saver.currentVersion);
      saver.reset(done.version, saverBody.current);
      notify({ color: 'teal', message: t('assessment.form.finalized', { family: family.family_name }) });
      onFinalized(done);
    } catch (e) {
      setBusy(false);
      setDialog(null);
      if (e instanceof ApiError && e.code === 'assessment_incomplete') return onStale('incomplete');
      if (e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'assessment_final')) {
        saver.reset(saver.currentVersion, saverBody.current);
        return onStale(e.code === 'assessment_final' ? 'becameFinal' : 'conflict');
      }
      setActionError(errorMessage(e, t, lang));
    }
  }

  async function discard() {
    setBusy(true);
    setActionError(null);
    try {
      // A save on its way changes the version: let it land first.
      await saver.flush();
      await discardAssessment(detail.id, saver.currentVersion);
      saver.reset(saver.currentVersion, saverBody.current);
      notify({ color: 'teal', message: t('assessment.form.discarded') });
      navigate(`/families/${family.id}`);
    } catch (e) {
      setBusy(false);
      setDialog(null);
      setActionError(errorMessage(e, t, lang));
    }
  }

  const saveState = (
    <Text size="sm" role="status" aria-live="polite" c={status === 'error' ? 'red.8' : status === 'saved' ? 'teal.9' : 'dimmed'} fw={600}>
      {status === 'saved'
        ? t('assessment.form.saved')
        : status === 'saving'
          ? t('assessment.form.saving')
          : status === 'pending'
            ? t('assessment.form.pending')
            : t('assessment.form.saveFailed', { error: saveError ?? '' })}
    </Text>
  );

  return (
    <Stack gap="md">
      <Anchor {...linkProps(`/families/${family.id}`)} size="sm">
        {t('assessment.form.backToFamily', { family: family.family_name })}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} size="h3">
          {t('assessment.form.title', { kind: t(`assessment.kind.${kind}`), family: family.family_name })}
        </Title>
        <Text size="sm" c="dimmed">
          {formatDate(assessedOn, lang)}
          {t('common.separator')}
          {t('assessment.status.draft')}
        </Text>
      </Stack>

      {!canWrite && (
        <Alert color="gray" variant="light">
          {t('assessment.form.readOnly')}
        </Alert>
      )}
      {detail.corrects && (
        <Alert color="blue" variant="light">
          <Stack gap={4} align="flex-start">
            <Text size="sm">{t('assessment.form.correctionOf', { reason: isolate(detail.correction_reason) })}</Text>
            <Anchor size="sm" {...linkProps(`/assessments/${detail.corrects}`)}>
              {t('assessment.form.openCorrected')}
            </Anchor>
          </Stack>
        </Alert>
      )}

      {canWrite && (
        <Accordion variant="separated">
          <Accordion.Item value="details">
            <Accordion.Control>{t('assessment.form.details')}</Accordion.Control>
            <Accordion.Panel>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t('assessment.fields.kind')}
                  data={ASSESSMENT_KINDS.map((k) => ({ value: k, label: t(`assessment.kind.${k}`) }))}
                  value={kind}
                  onChange={(v) => v && setKind(v as AssessmentKind)}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
                <JalaliDateInput label={t('assessment.fields.assessed_on')} value={assessedOn} onChange={changeDate} error={dateError} />
                <Select
                  label={t('assessment.fields.assessor_id')}
                  data={assessorOptions}
                  value={assessorId}
                  onChange={(v) => v && setAssessorId(v)}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
              </SimpleGrid>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}

      <ProgressPanel
        score={scored}
        saveState={canWrite ? saveState : undefined}
        retry={
          status === 'error' && canWrite ? (
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
        onAnswer={answer}
        score={scored}
        tab={tab}
        onTab={setTab}
        tabsTop={tabsTop}
        readOnly={!canWrite}
      />

      <Card withBorder padding="md" component="section" aria-labelledby="assessment-result-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="assessment-result-title">
            {t('assessment.form.result')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('assessment.form.resultHint')}
          </Text>
          <ScoreSummary outcome={outcome} />
          <FormAlert message={actionError} />
          {canWrite && (
            <>
              <Text size="sm" fw={complete ? undefined : 600}>
                {complete ? t('assessment.form.finalizeHint') : t('assessment.form.finalizeMissing', { n: n(missing.length || overall.total - overall.answered) })}
              </Text>
              <Group gap="xs">
                <Button onClick={() => setDialog('finalize')} disabled={!complete || busy}>
                  {t('assessment.form.finalize')}
                </Button>
                {!complete && missing.length > 0 && (
                  <Button variant="light" onClick={goToFirstMissing}>
                    {t('assessment.form.firstMissing')}
                  </Button>
                )}
                <Button variant="subtle" color="red" onClick={() => setDialog('discard')} disabled={busy}>
                  {t('assessment.form.discard')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Card>

      <Modal
        opened={dialog !== null}
        onClose={() => !busy && setDialog(null)}
        title={dialog === 'discard' ? t('assessment.form.discard') : t('assessment.form.finalizeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>
            {dialog === 'discard'
              ? t('assessment.form.discardConfirm')
              : t('assessment.form.finalizeConfirm', { tier: outcome?.tier ? t(`assessment.tier.${outcome.tier}`) : t('common.none') })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            {dialog === 'discard' ? (
              <Button color="red" loading={busy} onClick={() => void discard()}>
                {t('assessment.form.discard')}
              </Button>
            ) : (
              <Button loading={busy} onClick={() => void finalize()}>
                {t('assessment.form.finalize')}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
