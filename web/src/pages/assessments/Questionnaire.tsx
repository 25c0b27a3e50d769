// The questionnaire of an assessment, phone first, wherever its answers are
// kept (a draft on the server: AssessmentDraft; a draft on the helper's
// phone: OfflineAssessmentForm): the scoring on the device, the sticky
// progress, the questions by domain, and the result so far.
import { useMemo, type ReactNode, type RefObject } from 'react';
import { Button, Group, Paper, Progress, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { DOMAINS, type Domain, type Instrument, type Missing, type Outcome } from '../../assessment/instrument';
import { indicatorsFor, progress, score } from '../../assessment/scoring';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { TierBadge } from '../../components/TierBadge';
import { answerOf, answerSetOf, askedOf, domainProgress, type FormAnswers, type MemberLike } from './answers';
import { IndicatorField, questionAnchor } from './IndicatorField';
import { formatPercent, formatScore, memberWithAge } from './labels';
import classes from './Assessment.module.css';

export interface AssessmentScore {
  /** Null when an answer is one the instrument does not offer (cannot happen through the form). */
  outcome: Outcome | null;
  overall: { answered: number; total: number };
  perDomain: Record<Domain, { answered: number; total: number }>;
  missing: Missing[];
  /** Every question answered and a tier computed: ready to finalize. */
  complete: boolean;
  percent: number;
}

/** Scores the answers on the device, as the server will (src/assessment/scoring.ts). */
export function useAssessmentScore(instrument: Instrument, answers: FormAnswers, members: readonly MemberLike[], assessedOn: string): AssessmentScore {
  const answerSet = useMemo(() => answerSetOf(answers, members, assessedOn), [answers, members, assessedOn]);
  const scored = useMemo(() => score(instrument, answerSet), [instrument, answerSet]);
  const overall = useMemo(() => progress(instrument, answerSet), [instrument, answerSet]);
  const perDomain = useMemo(() => domainProgress(instrument, answers, members, assessedOn), [instrument, answers, members, assessedOn]);
  const outcome = scored.ok ? scored.outcome : null;
  const missing = outcome?.missing ?? [];
  return {
    outcome,
    overall,
    perDomain,
    missing,
    complete: outcome !== null && overall.total > 0 && missing.length === 0 && outcome.tier !== null,
    percent: overall.total === 0 ? 0 : Math.round((overall.answered / overall.total) * 100),
  };
}

/** Opens the domain of the first unanswered question, scrolls to it and focuses its first input. */
export function goToQuestion(instrument: Instrument, first: Missing | undefined, setTab: (d: Domain) => void): void {
  if (!first) return;
  const indicator = instrument.indicators.find((i) => i.id === first.indicator);
  if (indicator) setTab(indicator.domain);
  requestAnimationFrame(() => {
    const el = document.getElementById(questionAnchor(first.indicator, first.member));
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  });
}

/** The bar that stays on top while scrolling: how much is answered, the tier so far, whether it is saved. */
export function ProgressPanel({ score: s, saveState, retry }: { score: AssessmentScore; saveState?: ReactNode; retry?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (x: number) => formatNumber(x, lang);
  return (
    <Paper withBorder shadow="xs" p="xs" className={classes.sticky}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('assessment.form.progressText', { answered: n(s.overall.answered), total: n(s.overall.total) })}
          </Text>
          {saveState}
        </Group>
        <Progress value={s.percent} size="lg" aria-label={t('assessment.form.progress')} color={s.complete ? 'teal' : 'blue'} />
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{t('assessment.form.deviceTier')}:</Text>
            {s.outcome?.tier ? (
              <TierBadge tier={s.outcome.tier} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('assessment.form.tierPending')}
              </Text>
            )}
          </Group>
          <Text size="sm" fw={700} data-testid="progress-percent">
            {formatPercent(s.percent, lang)}
          </Text>
        </Group>
        {retry}
      </Stack>
    </Paper>
  );
}

export interface DomainQuestionsProps {
  instrument: Instrument;
  /** The family's members, in its order, with their birth dates. */
  members: readonly Pick<Member, 'id' | 'first_name' | 'last_name' | 'birth_date'>[];
  assessedOn: string;
  answers: FormAnswers;
  onAnswer: (indicator: string, member: string | null, value: string) => void;
  score: AssessmentScore;
  tab: Domain;
  onTab: (d: Domain) => void;
  /** Scrolled to when changing domain. */
  tabsTop: RefObject<HTMLDivElement | null>;
  readOnly?: boolean;
}

/** The questions of each domain in a tab, each domain's count and score, and the way to the next domain. */
export function DomainQuestions({ instrument, members, assessedOn, answers, onAnswer, score: s, tab, onTab, tabsTop, readOnly }: DomainQuestionsProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (x: number) => formatNumber(x, lang);
  const memberById = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const memberLabel = (id: string) => {
    const m = memberById.get(id);
    return m ? memberWithAge(m, assessedOn, t, lang) : t('assessment.result.formerMember');
  };
  const domainIndex = DOMAINS.indexOf(tab);
  const prev = DOMAINS[domainIndex - 1];
  const next = DOMAINS[domainIndex + 1];
  const goToDomain = (d: Domain) => {
    onTab(d);
    tabsTop.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <>
      {/* Scrolled to when changing domain: below the app header and the sticky progress. */}
      <div ref={tabsTop} style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 60px) + 8rem)' }} />
      <Tabs value={tab} onChange={(v) => v && onTab(v as Domain)} keepMounted={false}>
        <Tabs.List grow aria-label={t('assessment.form.domains')}>
          {DOMAINS.map((d) => (
            <Tabs.Tab key={d} value={d}>
              <Stack gap={0} align="center">
                <Text fw={700} size="sm">
                  {t(`assessment.domain.${d}`)}
                </Text>
                <Text size="xs" c={s.perDomain[d].answered === s.perDomain[d].total ? 'teal.9' : 'dimmed'}>
                  {t('assessment.form.domainCount', { answered: n(s.perDomain[d].answered), total: n(s.perDomain[d].total) })}
                </Text>
              </Stack>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {DOMAINS.map((d) => {
          const domainScore = s.outcome?.domain_scores[d];
          return (
            <Tabs.Panel key={d} value={d} pt="md">
              <Stack gap="sm">
                <Text size="sm" fw={600}>
                  {domainScore === undefined ? t('assessment.form.domainNoScore') : t('assessment.form.domainScore', { score: formatScore(domainScore, lang) })}
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
                      onAnswer={(member, value) => onAnswer(indicator.id, member, value)}
                      readOnly={readOnly}
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
    </>
  );
}

/** The domain scores and the tier computed so far. */
export function ScoreSummary({ outcome }: { outcome: Outcome | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
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
    </>
  );
}
