// A final assessment: domain scores (chart and words), the computed tier and
// beside it the manager's override, capacities and harms, the answers; and
// the two things that may still happen to it: a tier override, a correction.
import { useMemo, useState, type FormEvent } from 'react';
import { Accordion, Alert, Anchor, Badge, Button, Card, Group, List, Modal, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  can,
  familyAssessors,
  overrideTier,
  startAssessment,
  useResource,
  type AssessmentDetail,
  type AssessmentFinding,
  type FamilyDetail,
  type InstrumentDocument,
  type Me,
  type Tier,
} from '../../data';
import { TIERS, isTier } from '../../api/types';
import { DOMAINS } from '../../assessment/instrument';
import { indicatorsFor, optionFor } from '../../assessment/scoring';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDate } from '../../lib/jalali';
import { formatDigits } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { linkProps, navigate } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { TierBadge } from '../../components/TierBadge';
import { formatInstant } from '../families/format';
import { answerOf, askedOf, formAnswersOf } from './answers';
import { DomainScoresChart } from './DomainScoresChart';
import { optionLabel } from './IndicatorField';
import { formatScore, isolate, memberWithAge, scoresOf } from './labels';

export interface AssessmentResultProps {
  me: Me;
  detail: AssessmentDetail;
  document: InstrumentDocument;
  family: FamilyDetail;
  onChanged: (detail: AssessmentDetail) => void;
}

export function AssessmentResult({ me, detail, document, family, onChanged }: AssessmentResultProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const instrument = document.instrument;
  const [dialog, setDialog] = useState<'override' | 'correct' | null>(null);
  const superseded = detail.superseded_by !== null;
  const mayOverride = can(me, 'tiers.override') && !superseded;
  const mayCorrect = can(me, 'assessments.write') && !superseded;

  // Names of the assessor and of who overrode: the center's users, when the caller may list them.
  const people = useResource(() => familyAssessors(family.id).catch(() => []), [family.id]);
  const nameOf = (id: string | null | undefined) =>
    (id && people.data?.find((p) => p.id === id)?.display_name) || (id === me.user.id ? me.user.display_name : null);

  const memberById = useMemo(() => new Map(family.members.map((m) => [m.id, m])), [family.members]);
  const memberName = (id: string | null) => {
    if (id === null) return null;
    const m = memberById.get(id);
    return m ? memberWithAge(m, detail.assessed_on, t, lang) : t('assessment.result.formerMember');
  };
  const scores = scoresOf(detail.domain_scores);
  const answers = formAnswersOf(detail.answers);
  const title = lang === 'fa' ? document.title_fa : document.title_en || document.title_fa;
  const assessor = nameOf(detail.assessor_id);

  const findings = (items: AssessmentFinding[], harms: boolean) =>
    items.length === 0 ? (
      <Text size="sm" c="dimmed">
        {harms ? t('assessment.result.noHarms') : t('assessment.result.noCapacities')}
      </Text>
    ) : (
      <List spacing={4} size="sm">
        {items.map((f, i) => {
          const who = memberName(f.member);
          return (
            <List.Item key={`${f.indicator}-${f.member ?? ''}-${i}`}>
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={harms && f.critical ? 700 : 500}>
                  {(lang === 'fa' ? f.name_fa : f.name_en) || f.name_fa}
                  {who ? ` (${who})` : ''}
                </Text>
                {harms && f.critical && (
                  <Badge color="red" variant="filled" size="sm">
                    {t('assessment.result.critical')}
                  </Badge>
                )}
              </Group>
            </List.Item>
          );
        })}
      </List>
    );

  return (
    <Stack gap="md">
      <Anchor {...linkProps(`/families/${family.id}`)} size="sm">
        {t('assessment.form.backToFamily', { family: family.family_name })}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} size="h3">
          {t('assessment.form.title', { kind: t(`assessment.kind.${detail.kind}`), family: family.family_name })}
        </Title>
        <Text size="sm" c="dimmed">
          {[formatDate(detail.assessed_on, lang), t('assessment.status.final'), assessor ? `${t('assessment.fields.assessor_id')}: ${isolate(assessor)}` : null]
            .filter(Boolean)
            .join(t('common.separator'))}
        </Text>
        <Text size="xs" c="dimmed">
          {[
            detail.finalized_at ? t('assessment.result.finalizedAt', { at: formatInstant(detail.finalized_at, lang) }) : null,
            t('assessment.result.instrument', { title, version: formatDigits(document.instrument_version, lang) }),
          ]
            .filter(Boolean)
            .join(t('common.separator'))}
        </Text>
      </Stack>

      {superseded && (
        <Alert color="orange" variant="light">
          <Stack gap={4} align="flex-start">
            <Text size="sm">{t('assessment.result.supersededBy')}</Text>
            <Anchor size="sm" {...linkProps(`/assessments/${detail.superseded_by}`)}>
              {t('assessment.result.openCorrection')}
            </Anchor>
          </Stack>
        </Alert>
      )}
      {detail.corrects && (
        <Alert color="blue" variant="light">
          <Stack gap={4} align="flex-start">
            <Text size="sm">{t('assessment.result.correctionOf', { reason: isolate(detail.correction_reason) })}</Text>
            <Anchor size="sm" {...linkProps(`/assessments/${detail.corrects}`)}>
              {t('assessment.form.openCorrected')}
            </Anchor>
          </Stack>
        </Alert>
      )}

      <Card withBorder padding="md" component="section" aria-labelledby="result-tier">
        <Stack gap="sm">
          <Title order={2} size="h4" id="result-tier">
            {t('assessment.fields.tier')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('assessment.result.computedTier')}
              </Text>
              <div>
                <TierBadge tier={detail.computed_tier} size="lg" />
              </div>
            </Stack>
            {detail.tier_override && (
              <Stack gap={4} data-testid="tier-override">
                <Text size="sm" c="dimmed">
                  {t('assessment.result.overrideTier')}
                </Text>
                <div>
                  <TierBadge tier={detail.tier_override.tier} size="lg" />
                </div>
                <Text size="sm">{t('assessment.result.overrideReason', { reason: isolate(detail.tier_override.reason) })}</Text>
                <Text size="xs" c="dimmed">
                  {t('assessment.result.overrideBy', {
                    who: isolate(nameOf(detail.tier_override.by) ?? t('common.none')),
                    at: formatInstant(detail.tier_override.at, lang),
                  })}
                </Text>
              </Stack>
            )}
          </SimpleGrid>
          {(mayOverride || mayCorrect) && (
            <Group gap="xs">
              {mayOverride && (
                <Button variant="light" onClick={() => setDialog('override')}>
                  {t('assessment.result.override')}
                </Button>
              )}
              {mayCorrect && (
                <Button variant="default" onClick={() => setDialog('correct')}>
                  {t('assessment.result.correct')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="md" component="section" aria-labelledby="result-scores">
        <Stack gap="sm">
          <Title order={2} size="h4" id="result-scores">
            {t('assessment.result.scores')}
          </Title>
          <DomainScoresChart scores={scores} rules={instrument.tiers} />
          <SimpleGrid cols={3} spacing="xs" component="dl" m={0}>
            {DOMAINS.map((d) => (
              <Stack key={d} gap={0} align="center">
                <Text size="sm" c="dimmed" component="dt">
                  {t(`assessment.domain.${d}`)}
                </Text>
                <Text fw={700} size="lg" component="dd" m={0}>
                  {scores[d] === undefined ? t('common.none') : formatScore(scores[d]!, lang)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('assessment.result.thresholds', {
              harmed: formatScore(instrument.tiers.harmed_below, lang),
              atRisk: formatScore(instrument.tiers.at_risk_below, lang),
            })}
          </Text>
        </Stack>
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="md" component="section" aria-labelledby="result-harms">
          <Stack gap="xs">
            <Title order={2} size="h4" id="result-harms">
              {t('assessment.result.harms')}
            </Title>
            {findings(detail.harms, true)}
          </Stack>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="result-capacities">
          <Stack gap="xs">
            <Title order={2} size="h4" id="result-capacities">
              {t('assessment.result.capacities')}
            </Title>
            {findings(detail.capacities, false)}
          </Stack>
        </Card>
      </SimpleGrid>

      <section aria-labelledby="result-answers">
        <Title order={2} size="h4" id="result-answers" mb="xs">
          {t('assessment.result.answers')}
        </Title>
        <Accordion variant="separated" multiple>
          {DOMAINS.map((d) => (
            <Accordion.Item key={d} value={d}>
              <Accordion.Control>{t(`assessment.domain.${d}`)}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm" component="dl" m={0}>
                  {indicatorsFor(instrument, d).map((indicator) => {
                    const asked = askedOf(indicator, family.members, detail.assessed_on);
                    if (asked.length === 0) return null;
                    return (
                      <div key={indicator.id}>
                        <Text component="dt" fw={600} size="sm">
                          {indicator.text[lang] || indicator.text.fa}
                        </Text>
                        {asked.map((member) => {
                          const value = answerOf(answers, indicator.id, member);
                          const option = value === undefined ? undefined : optionFor(indicator, value);
                          const who = memberName(member);
                          const shown =
                            value === undefined ? t('assessment.result.noAnswer') : option ? optionLabel(option, lang) : value;
                          return (
                            <Text component="dd" m={0} size="sm" key={member ?? 'family'}>
                              {who ? `${who}: ` : ''}
                              {indicator.kind === 'number' && value !== undefined ? `${formatDigits(Number(value), lang)} — ` : ''}
                              {shown}
                            </Text>
                          );
                        })}
                      </div>
                    );
                  })}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </section>

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog === 'override' ? t('assessment.result.overrideTitle') : t('assessment.result.correctTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog === 'override' && (
          <OverrideForm
            detail={detail}
            onCancel={() => setDialog(null)}
            onDone={(next) => {
              setDialog(null);
              notify({ color: 'teal', message: t('assessment.result.overridden', { tier: t(`assessment.tier.${next.tier ?? 'none'}`) }) });
              onChanged(next);
            }}
          />
        )}
        {dialog === 'correct' && <CorrectionForm detail={detail} onCancel={() => setDialog(null)} />}
      </Modal>
    </Stack>
  );
}

function OverrideForm({ detail, onCancel, onDone }: { detail: AssessmentDetail; onCancel: () => void; onDone: (d: AssessmentDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [tier, setTier] = useState<Tier | null>(detail.tier_override?.tier ?? null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!tier) fields.tier = t('common.required');
    if (cleanInput(reason) === '') fields.reason = t('common.required');
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setBusy(true);
    setErrors(noErrors);
    try {
      onDone(await overrideTier(detail.id, { version: detail.version, tier: tier!, reason: cleanInput(reason) }));
    } catch (err) {
      setErrors(formErrorFrom(err, ['tier', 'reason'], t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm">{t('assessment.result.overrideHint')}</Text>
        <Text size="sm">
          {t('assessment.result.computedTier')}: {detail.computed_tier ? t(`assessment.tier.${detail.computed_tier}`) : t('common.none')}
        </Text>
        <Radio.Group label={t('assessment.fields.tier')} value={tier ?? ''} onChange={(v) => setTier(isTier(v) ? v : null)} error={errors.fields.tier} required>
          <Stack gap="xs" mt={4}>
            {TIERS.map((v) => (
              <Radio key={v} value={v} label={t(`assessment.tier.${v}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('assessment.result.overrideReasonLabel')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.fields.reason}
          autosize
          minRows={3}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assessment.result.override')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CorrectionForm({ detail, onCancel }: { detail: AssessmentDetail; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (cleanInput(reason) === '') return setErrors({ fields: { correction_reason: t('common.required') }, form: null });
    setBusy(true);
    setErrors(noErrors);
    try {
      // The correction keeps the kind and the day of what it corrects (both can change in the draft).
      const draft = await startAssessment(detail.family_id, {
        corrects: detail.id,
        correction_reason: cleanInput(reason),
        kind: detail.kind,
        assessed_on: detail.assessed_on,
      });
      notify({ color: 'teal', message: t('assessment.result.correctionStarted') });
      navigate(`/assessments/${draft.id}`);
    } catch (err) {
      setErrors(formErrorFrom(err, ['correction_reason'], t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm">{t('assessment.result.correctHint')}</Text>
        <Textarea
          label={t('assessment.result.correctReasonLabel')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.fields.correction_reason}
          autosize
          minRows={3}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assessment.result.correct')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
