// The family page's «سطح‌بندی» section: the current tier, the family's
// assessments (drafts to continue, final ones to read), a new one, and how
// the tier came to be.
import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Radio, Select, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  can,
  familyAssessments,
  familyAssessors,
  familyTierHistory,
  startAssessment,
  useResource,
  type AssessmentKind,
  type AssessmentSummary,
  type FamilyDetail,
  type Me,
  type TierHistoryEntry,
} from '../../data';
import { ASSESSMENT_KINDS } from '../../api/types';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { formatDate, jalaliToIso, todayJalali } from '../../lib/jalali';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { linkProps, navigate } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { LoadState } from '../../components/LoadState';
import { ResponsiveList } from '../../components/ResponsiveList';
import { TIER_COLOR, TierBadge } from '../../components/TierBadge';
import { isolate } from './labels';

/** Marks of an assessment in the list, in words. */
export function assessmentMarks(a: AssessmentSummary): ('current' | 'superseded' | 'correction' | 'overridden')[] {
  const out: ('current' | 'superseded' | 'correction' | 'overridden')[] = [];
  if (a.current) out.push('current');
  if (a.superseded_by) out.push('superseded');
  if (a.corrects) out.push('correction');
  if (a.tier_override) out.push('overridden');
  return out;
}

function Marks({ a }: { a: AssessmentSummary }) {
  const { t } = useTranslation();
  const marks = assessmentMarks(a);
  if (marks.length === 0) return null;
  return (
    <Group gap={4}>
      {marks.map((m) => (
        <Badge key={m} size="sm" variant={m === 'current' ? 'filled' : 'outline'} color={m === 'superseded' ? 'gray' : m === 'current' ? 'teal' : 'blue'}>
          {t(`assessment.marks.${m}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** The tier that counts, and beside it the computed one when a manager changed it. */
function TierCell({ a }: { a: AssessmentSummary }) {
  const { t } = useTranslation();
  if (a.status === 'draft') return <Text size="sm" c="dimmed">{t('assessment.noTierYet')}</Text>;
  return (
    <Stack gap={2} align="flex-start">
      <TierBadge tier={a.tier} size="sm" />
      {a.tier_override && (
        <Text size="xs" c="dimmed">
          {t('assessment.computed', { tier: a.computed_tier ? t(`assessment.tier.${a.computed_tier}`) : t('common.none') })}
        </Text>
      )}
    </Stack>
  );
}

export function FamilyAssessments({ me, family }: { me: Me; family: FamilyDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const list = useResource(() => familyAssessments(family.id), [family.id]);
  const history = useResource(() => familyTierHistory(family.id), [family.id]);
  const [creating, setCreating] = useState(false);
  const canAssess = can(me, 'assessments.write');
  const items = list.data?.items ?? [];
  const tier = list.data ? list.data.tier : family.tier;

  const openLink = (a: AssessmentSummary) => {
    const kind = t(`assessment.kind.${a.kind}`);
    const date = formatDate(a.assessed_on, lang);
    const draft = a.status === 'draft';
    return (
      <Button
        component="a"
        size="compact-sm"
        variant={draft ? 'filled' : 'light'}
        {...linkProps(`/assessments/${a.id}`)}
        aria-label={t(draft ? 'assessment.continueLabel' : 'assessment.openLabel', { kind, date })}
      >
        {draft ? t('assessment.continue') : t('assessment.open')}
      </Button>
    );
  };
  const statusBadge = (a: AssessmentSummary) => (
    <Badge variant="light" color={a.status === 'draft' ? 'yellow' : 'gray'} size="sm">
      {t(`assessment.status.${a.status}`)}
    </Badge>
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="family-assessments">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={2} size="h4" id="family-assessments">
              {t('assessment.section')}
            </Title>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('assessment.currentTier')}:
              </Text>
              <TierBadge tier={tier} />
            </Group>
          </Group>
          {canAssess && <Button onClick={() => setCreating(true)}>{t('assessment.new')}</Button>}
        </Group>

        {(!list.data || list.error != null) && <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />}
        {list.data && items.length === 0 && <Text c="dimmed">{t('assessment.empty')}</Text>}
        <ResponsiveList
          items={items}
          itemKey={(a) => a.id}
          label={t('assessment.list')}
          minWidth={720}
          columns={[
            { header: t('assessment.fields.kind'), cell: (a) => t(`assessment.kind.${a.kind}`) },
            { header: t('assessment.fields.assessed_on'), cell: (a) => formatDate(a.assessed_on, lang) },
            { header: t('assessment.fields.status'), cell: statusBadge },
            { header: t('assessment.fields.tier'), cell: (a) => <TierCell a={a} /> },
            { header: '', cell: (a) => <Marks a={a} /> },
            { header: t('common.actions'), cell: openLink },
          ]}
          card={(a) => (
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Text fw={700}>{t(`assessment.kind.${a.kind}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {formatDate(a.assessed_on, lang)}
                  </Text>
                </Stack>
                {statusBadge(a)}
              </Group>
              <TierCell a={a} />
              <Marks a={a} />
              <div>{openLink(a)}</div>
            </Stack>
          )}
        />

        {history.data && history.data.length > 0 && <TierTimeline entries={history.data} />}
      </Stack>

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        fullScreen={phone}
        title={t('assessment.newTitle', { family: family.family_name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && <NewAssessmentForm me={me} family={family} first={!items.some((a) => a.status === 'final')} onCancel={() => setCreating(false)} />}
      </Modal>
    </Card>
  );
}

/** The family's tiers, oldest first, as a timeline. */
export function TierTimeline({ entries }: { entries: readonly TierHistoryEntry[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap="xs" component="section" aria-labelledby="tier-history">
      <Title order={3} size="h5" id="tier-history">
        {t('assessment.history.title')}
      </Title>
      <Timeline active={entries.length - 1} bulletSize={16} lineWidth={2} color="teal">
        {entries.map((e, i) => (
          <Timeline.Item
            key={`${e.at}-${i}`}
            color={TIER_COLOR[e.tier] ?? 'gray'}
            title={
              <Group gap={6}>
                <TierBadge tier={e.tier} size="sm" />
                <Text size="sm" fw={600}>
                  {e.source === 'reclassification' ? t('assessment.history.reclassification') : e.kind ? t(`assessment.kind.${e.kind}`) : ''}
                </Text>
              </Group>
            }
          >
            <Text size="xs" c="dimmed">
              {formatDate(e.on, lang)}
            </Text>
            {e.override_reason && (
              <Text size="xs">
                {t('assessment.history.overrideReason', {
                  computed: e.computed_tier ? t(`assessment.tier.${e.computed_tier}`) : t('common.none'),
                  reason: isolate(e.override_reason),
                })}
              </Text>
            )}
            {e.assessment_id && (
              <Anchor size="xs" {...linkProps(`/assessments/${e.assessment_id}`)}>
                {t('assessment.open')}
              </Anchor>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

const NEW_FIELDS = ['kind', 'assessed_on', 'assessor_id'] as const;

/** Kind, day and assessor of a new draft; starts it and opens the questionnaire. */
export function NewAssessmentForm({ me, family, first, onCancel }: { me: Me; family: FamilyDetail; first: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = jalaliToIso(todayJalali());
  const [kind, setKind] = useState<AssessmentKind>(first ? 'baseline' : 'follow_up');
  const [assessedOn, setAssessedOn] = useState<string | null>(today);
  const [dateValid, setDateValid] = useState(true);
  const [assessorId, setAssessorId] = useState<string | null>(me.user.id);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);
  const assessors = useResource(() => familyAssessors(family.id), [family.id]);
  const options = (assessors.data ?? []).map((a) => ({ value: a.id, label: `${a.display_name} (${t(`roles.${a.role}` as 'roles.helper', { defaultValue: a.role })})` }));
  const assessor = options.some((o) => o.value === assessorId) ? assessorId : (options[0]?.value ?? null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!dateValid || !assessedOn) fields.assessed_on = t('common.required');
    else if (assessedOn > today) fields.assessed_on = t('assessment.futureDate');
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setBusy(true);
    setErrors(noErrors);
    try {
      const draft = await startAssessment(family.id, { kind, assessed_on: assessedOn, ...(assessor ? { assessor_id: assessor } : {}) });
      notify({ color: 'teal', message: t('assessment.started') });
      navigate(`/assessments/${draft.id}`);
    } catch (err) {
      setErrors(formErrorFrom(err, NEW_FIELDS, t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm" c="dimmed">
          {t('assessment.newHint')}
        </Text>
        <Radio.Group label={t('assessment.fields.kind')} value={kind} onChange={(v) => setKind(v as AssessmentKind)} error={errors.fields.kind}>
          <Stack gap="sm" mt={6}>
            {ASSESSMENT_KINDS.map((k) => (
              <Radio key={k} value={k} label={t(`assessment.kind.${k}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <JalaliDateInput
          label={t('assessment.fields.assessed_on')}
          value={assessedOn}
          onChange={(v, valid) => {
            setAssessedOn(v);
            setDateValid(valid);
          }}
          error={errors.fields.assessed_on}
          required
        />
        <Select
          label={t('assessment.fields.assessor_id')}
          data={options}
          value={assessor}
          onChange={setAssessorId}
          allowDeselect={false}
          disabled={!assessors.data}
          error={errors.fields.assessor_id}
          comboboxProps={{ withinPortal: true }}
        />
        {assessors.error != null && <LoadState loading={false} error={assessors.error} onRetry={assessors.reload} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assessment.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
