// Filling in a draft assessment, phone first: the questions by domain, each
// answer a large card; progress, domain scores and the tier computed on the
// device as answers come; everything saved as it goes; finalize once complete.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Accordion, Alert, Anchor, Button, Card, Group, Modal, Paper, Progress, Select, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
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
import { DOMAINS, type Domain, type Instrument } from '../../assessment/instrument';
import { indicatorsFor, progress, score } from '../../assessment/scoring';
import { errorMessage } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { linkProps, navigate } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { TierBadge } from '../../components/TierBadge';
import {
  answerOf,
  answerSetOf,
  askedOf,
  domainProgress,
  formAnswersOf,
  pruneAnswers,
  sameAnswers,
  withAnswer,
  type FormAnswers,
} from './answers';
import { DraftSaver, type SaveStatus } from './draftSaver';
import { IndicatorField, questionAnchor } from './IndicatorField';
import { formatPercent, formatScore, isolate, memberWithAge } from './labels';
import classes from './Assessment.module.css';

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

  const answerSet = useMemo(() => answerSetOf(answers, members, assessedOn), [answers, members, assessedOn]);
  const scored = useMemo(() => score(instrument, answerSet), [instrument, answerSet]);
  const outcome = scored.ok ? scored.outcome : null;
  const overall = useMemo(() => progress(instrument, answerSet), [instrument, answerSet]);
  const perDomain = useMemo(() => domainProgress(instrument, answers, members, assessedOn), [instrument, answers, members, assessedOn]);
  const missing = outcome?.missing ?? [];
  const complete = outcome !== null && overall.total > 0 && missing.length === 0 && outcome.tier !== null;
  const percent = overall.total === 0 ? 0 : Math.round((overall.answered / overall.total) * 100);
  const n = (x: number) => formatNumber(x, lang);

  const memberById = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const memberLabel = (id: string) => {
    const m = memberById.get(id);
    return m ? memberWithAge(m, assessedOn, t, lang) : t('assessment.result.formerMember');
  };

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

  function goToDomain(d: Domain) {
    setTab(d);
    tabsTop.current?.scrollIntoView({ block: 'start' });
  }

  function goToFirstMissing() {
    const first = missing[0];
    if (!first) return;
    const indicator = instrument.indicators.find((i) => i.id === first.indicator);
    if (indicator) setTab(indicator.domain);
    requestAnimationFrame(() => {
      const el = document.getElementById(questionAnchor(first.indicator, first.member));
      el?.scrollIntoView({ block: 'center' });
      el?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    });
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

  const domainIndex = DOMAINS.indexOf(tab);
  const prev = DOMAINS[domainIndex - 1];
  const next = DOMAINS[domainIndex + 1];

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

      <Paper withBorder shadow="xs" p="xs" className={classes.sticky}>
        <Stack gap={6}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {t('assessment.form.progressText', { answered: n(overall.answered), total: n(overall.total) })}
            </Text>
            {canWrite && saveState}
          </Group>
          <Progress value={percent} size="lg" aria-label={t('assessment.form.progress')} color={complete ? 'teal' : 'blue'} />
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{t('assessment.form.deviceTier')}:</Text>
              {outcome?.tier ? (
                <TierBadge tier={outcome.tier} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('assessment.form.tierPending')}
                </Text>
              )}
            </Group>
            <Text size="sm" fw={700} data-testid="progress-percent">
              {formatPercent(percent, lang)}
            </Text>
          </Group>
          {status === 'error' && canWrite && (
            <Button size="compact-sm" variant="light" color="red" onClick={() => void saver.flush()} style={{ alignSelf: 'flex-start' }}>
              {t('assessment.form.retrySave')}
            </Button>
          )}
        </Stack>
      </Paper>

      {/* Scrolled to when changing domain: below the app header and the sticky progress. */}
      <div ref={tabsTop} style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 60px) + 8rem)' }} />
      <Tabs value={tab} onChange={(v) => v && setTab(v as Domain)} keepMounted={false}>
        <Tabs.List grow aria-label={t('assessment.form.domains')}>
          {DOMAINS.map((d) => (
            <Tabs.Tab key={d} value={d}>
              <Stack gap={0} align="center">
                <Text fw={700} size="sm">
                  {t(`assessment.domain.${d}`)}
                </Text>
                <Text size="xs" c={perDomain[d].answered === perDomain[d].total ? 'teal.9' : 'dimmed'}>
                  {t('assessment.form.domainCount', { answered: n(perDomain[d].answered), total: n(perDomain[d].total) })}
                </Text>
              </Stack>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {DOMAINS.map((d) => {
          const s = outcome?.domain_scores[d];
          return (
            <Tabs.Panel key={d} value={d} pt="md">
              <Stack gap="sm">
                <Text size="sm" fw={600}>
                  {s === undefined ? t('assessment.form.domainNoScore') : t('assessment.form.domainScore', { score: formatScore(s, lang) })}
                </Text>
                {indicatorsFor(instrument, d).map((indicator) => {
                  const asked = askedOf(indicator, members, assessedOn);
                  if (asked.length === 0) return null;
                  return (
                    <IndicatorField
                      key={indicator.id}
                      indicator={indicator}
                      asked={asked}
                      memberLabel={memberLabel}
                      answerOf={(member) => answerOf(answers, indicator.id, member)}
                      onAnswer={(member, value) => answer(indicator.id, member, value)}
                      readOnly={!canWrite}
                    />
                  );
                })}
                <Group justify="space-between">
                  {prev ? (
                    <Button variant="default" onClick={() => goToDomain(prev)}>
                      {t('assessment.form.prevDomain', { domain: t(`assessment.domain.${prev}`) })}
                    </Button>
                  ) : (
                    <span />
                  )}
                  {next && (
                    <Button variant="light" onClick={() => goToDomain(next)}>
                      {t('assessment.form.nextDomain', { domain: t(`assessment.domain.${next}`) })}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Tabs.Panel>
          );
        })}
      </Tabs>

      <Card withBorder padding="md" component="section" aria-labelledby="assessment-result-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="assessment-result-title">
            {t('assessment.form.result')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('assessment.form.resultHint')}
          </Text>
          <SimpleGrid cols={3} spacing="xs" component="dl" m={0}>
            {DOMAINS.map((d) => {
              const s = outcome?.domain_scores[d];
              return (
                <Stack key={d} gap={0} align="center">
                  <Text size="sm" c="dimmed" component="dt">
                    {t(`assessment.domain.${d}`)}
                  </Text>
                  <Text fw={700} size="lg" component="dd" m={0}>
                    {s === undefined ? t('common.none') : formatScore(s, lang)}
                  </Text>
                </Stack>
              );
            })}
          </SimpleGrid>
          <Group gap={6}>
            <Text size="sm">{t('assessment.form.deviceTier')}:</Text>
            {outcome?.tier ? <TierBadge tier={outcome.tier} size="lg" /> : <Text size="sm">{t('assessment.form.tierPending')}</Text>}
          </Group>
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
