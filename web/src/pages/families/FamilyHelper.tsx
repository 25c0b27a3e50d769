// The family page's «همیار خانواده» section (center managers,
// `assignments.manage`): who the family's helper is, since when and until
// when, the assignments before, and giving the family to a helper — chosen
// from the suggestions ranked for its harms, neighborhood and room.
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  assignFamily,
  can,
  familyAssignments,
  helperSuggestions,
  useResource,
  type Assignment,
  type FamilyDetail,
  type HelperSuggestion,
  type HelperSuggestions,
  type Me,
} from '../../data';
import { ApiError } from '../../api/errors';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDate, formatInstantDate, jalaliToIso, todayJalali } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { LoadState } from '../../components/LoadState';
import { TierBadge } from '../../components/TierBadge';
import { EndAssignment, ExtendAssignment, periodText } from '../helpers/AssignmentActions';
import { HelperStatusBadge } from '../helpers/HelperBits';
import { currentAssignment, reasonText } from '../helpers/helperState';

type Dialog = { kind: 'assign' } | { kind: 'end'; assignment: Assignment } | { kind: 'extend'; assignment: Assignment } | null;

/** ISO `YYYY-MM-DD` plus `days` (calendar days, no time zone). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The end the server would give an assignment starting on `startsOn`: `assignment_days` days, the start included. */
export function defaultEnd(startsOn: string, assignmentDays: number): string {
  return addDays(startsOn, Math.max(1, assignmentDays) - 1);
}

export function FamilyHelper({ me, family }: { me: Me; family: FamilyDetail }) {
  if (!can(me, 'assignments.manage')) return null;
  return <FamilyHelperSection me={me} family={family} />;
}

function FamilyHelperSection({ me, family }: { me: Me; family: FamilyDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const list = useResource(() => familyAssignments(family.id), [family.id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const items = list.data ?? [];
  const current = currentAssignment(items);
  const past = items.filter((a) => a !== current);
  const helperLink = (a: Assignment) =>
    can(me, 'helpers.read') ? (
      <Anchor {...linkProps(`/helpers/${a.helper_id}`)} fw={700}>
        {a.helper_name}
      </Anchor>
    ) : (
      <Text component="span" fw={700}>
        {a.helper_name}
      </Text>
    );

  const dialogTitle =
    dialog?.kind === 'assign'
      ? current
        ? t('helpers.assign.reassignTitle', { family: family.family_name })
        : t('helpers.assign.title', { family: family.family_name })
      : dialog?.kind === 'end'
        ? t('helpers.assignments.endTitle', { family: family.family_name })
        : dialog?.kind === 'extend'
          ? t('helpers.assignments.extendTitle', { family: family.family_name })
          : '';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="family-helper">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4" id="family-helper">
            {t('helpers.assign.section')}
          </Title>
          {list.data && (
            <Button variant={current ? 'light' : 'filled'} onClick={() => setDialog({ kind: 'assign' })}>
              {current ? t('helpers.assign.reassign') : t('helpers.assign.assign')}
            </Button>
          )}
        </Group>

        {(!list.data || list.error != null) && <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />}

        {list.data && !current && <Text c="dimmed">{t('helpers.assign.noHelper')}</Text>}
        {current && (
          <Stack gap={4} data-testid="current-assignment">
            <Group gap="xs">
              <Text>{t('helpers.assign.current')}:</Text>
              {helperLink(current)}
              {!current.active && (
                <Badge color="blue" variant="light">
                  {t('helpers.assignments.upcoming')}
                </Badge>
              )}
            </Group>
            <Text size="sm">{periodText(current, t, lang)}</Text>
            {current.reason && (
              <Text size="sm" c="dimmed">
                {t('helpers.assign.reasonIs', { reason: reasonText(current.reason, lang) })}
              </Text>
            )}
            <Group gap="xs" mt={4}>
              <Button size="compact-sm" variant="light" onClick={() => setDialog({ kind: 'extend', assignment: current })}>
                {t('helpers.assignments.extend')}
              </Button>
              <Button size="compact-sm" variant="light" color="red" onClick={() => setDialog({ kind: 'end', assignment: current })}>
                {t('helpers.assignments.end')}
              </Button>
            </Group>
          </Stack>
        )}

        {past.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('helpers.assign.history')}
            </Title>
            <List spacing={6} size="sm" aria-label={t('helpers.assign.history')}>
              {past.map((a) => (
                <List.Item key={a.id}>
                  <Text size="sm" component="span">
                    {helperLink(a)}
                    {t('common.separator')}
                    {periodText(a, t, lang)}
                  </Text>
                  {a.ended_at && (
                    <Text size="xs" c="dimmed">
                      {t('helpers.assignments.endedOn', { date: formatInstantDate(a.ended_at, lang) })}
                      {a.ended_by_name && ` ${t('helpers.assignments.endedBy', { name: a.ended_by_name })}`}
                      {a.end_reason && `${t('common.separator')}${t('helpers.assignments.endReasonIs', { reason: reasonText(a.end_reason, lang) })}`}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>

      <Modal
        opened={dialog !== null}
        onClose={close}
        fullScreen={phone && dialog?.kind === 'assign'}
        size={dialog?.kind === 'assign' ? 'xl' : 'md'}
        title={dialogTitle}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'assign' && (
          <AssignHelper
            family={family}
            current={current}
            onCancel={close}
            onDone={(a) => {
              close();
              list.reload();
              notify({ color: 'teal', message: t('helpers.assign.done', { helper: a.helper_name, family: family.family_name }) });
            }}
            onStale={list.reload}
          />
        )}
        {dialog?.kind === 'end' && (
          <EndAssignment
            assignment={dialog.assignment}
            onCancel={close}
            onStale={list.reload}
            onDone={() => {
              close();
              list.reload();
              notify({ color: 'teal', message: t('helpers.assignments.endedDone', { family: family.family_name }) });
            }}
          />
        )}
        {dialog?.kind === 'extend' && (
          <ExtendAssignment
            assignment={dialog.assignment}
            onCancel={close}
            onStale={list.reload}
            onDone={(a) => {
              close();
              list.reload();
              notify({ color: 'teal', message: t('helpers.assignments.extended', { family: family.family_name, date: formatDate(a.ends_on, lang) }) });
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

const ASSIGN_FIELDS = ['helper_id', 'reason', 'starts_on', 'ends_on'] as const;

function AssignHelper({
  family,
  current,
  onCancel,
  onDone,
  onStale,
}: {
  family: FamilyDetail;
  current: Assignment | null;
  onCancel: () => void;
  onDone: (a: Assignment) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const suggestions = useResource(() => helperSuggestions(family.id), [family.id]);
  const [helperId, setHelperId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const today = jalaliToIso(todayJalali());
  const [startsOn, setStartsOn] = useState<string | null>(today);
  const [endsOn, setEndsOn] = useState<string | null>(null);
  // Until the person sets the end, it follows the start (the rules' length).
  const [endTouched, setEndTouched] = useState(false);
  const [datesValid, setDatesValid] = useState({ start: true, end: true });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  const data = suggestions.data;
  if (!data) return <LoadState loading={suggestions.loading} error={suggestions.error} onRetry={suggestions.reload} />;

  const rules = data.rules;
  const shownEnd = endTouched ? endsOn : startsOn ? defaultEnd(startsOn, rules.assignment_days) : null;
  const harmed = data.tier === 'harmed';
  const chosen = data.suggestions.find((s) => s.helper.id === helperId) ?? null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const r = cleanInput(reason);
    if (!helperId) fields.helper_id = t('helpers.assign.chooseHelper');
    if (!harmed && !r) fields.reason = t('helpers.assign.reasonRequired');
    if (!datesValid.start) fields.starts_on = t('date.errors.format');
    if (!datesValid.end) fields.ends_on = t('date.errors.format');
    if (startsOn && shownEnd && shownEnd < startsOn) fields.ends_on = t('helpers.assignments.endBeforeStart');
    setErrors({ fields, form: null });
    if (Object.keys(fields).length > 0 || !helperId) return;
    setBusy(true);
    try {
      onDone(await assignFamily(family.id, { helperId, reason: r, startsOn, endsOn: shownEnd }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'caseload_full') {
        // Our own words: who, and the limit they hold.
        setErrors({
          fields: {},
          form: t('helpers.assign.caseloadFull', { name: chosen?.helper.full_name ?? '', max: formatNumber(rules.caseload_max, lang) }),
        });
        suggestions.reload();
      } else if (err instanceof ApiError && err.code === 'helper_not_accepted') {
        setErrors({ fields: {}, form: errorMessage(err, t, lang) });
        suggestions.reload();
      } else {
        setErrors(formErrorFrom(err, ASSIGN_FIELDS, t, lang));
        if (err instanceof ApiError && err.code === 'version_conflict') {
          suggestions.reload();
          onStale();
        }
      }
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <FamilyNeeds data={data} />
        {current && (
          <Alert color="blue" variant="light" role="note">
            {t('helpers.assign.replaces', { name: current.helper_name })}
          </Alert>
        )}
        <Suggestions data={data} value={helperId} onChange={setHelperId} error={errors.fields.helper_id} />
        {!harmed && (
          <Textarea
            label={t('helpers.assign.reason')}
            description={t('helpers.assign.notHarmed')}
            required
            // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
            rows={3}
            value={reason}
            error={errors.fields.reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
          <JalaliDateInput
            label={t('helpers.assign.startsOn')}
            value={startsOn}
            error={errors.fields.starts_on}
            onChange={(v, ok) => {
              setStartsOn(v);
              setDatesValid((d) => ({ ...d, start: ok }));
            }}
          />
          <JalaliDateInput
            label={t('helpers.assign.endsOn')}
            description={t('helpers.assign.endsOnHint', { n: formatNumber(rules.assignment_days, lang) })}
            value={shownEnd}
            error={errors.fields.ends_on}
            onChange={(v, ok) => {
              setEndTouched(true);
              setEndsOn(v);
              setDatesValid((d) => ({ ...d, end: ok }));
            }}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {current ? t('helpers.assign.reassign') : t('helpers.assign.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The family's tier and harms: what the helper will work on. */
function FamilyNeeds({ data }: { data: HelperSuggestions }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text size="sm">{t('assessment.currentTier')}:</Text>
        <TierBadge tier={data.tier} size="sm" />
        {data.neighborhood && (
          <Text size="sm" c="dimmed">
            {t('helpers.assign.familyNeighborhood', { name: data.neighborhood })}
          </Text>
        )}
      </Group>
      <Text size="sm" fw={600} id="family-harms">
        {t('helpers.assign.harms')}
      </Text>
      {data.harms.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('helpers.assign.noHarms')}
        </Text>
      ) : (
        <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="family-harms">
          {data.harms.map((h, i) => (
            <Badge key={`${h.indicator}-${h.member ?? ''}-${i}`} component="li" color="red" variant={h.critical ? 'filled' : 'light'}>
              {(lang === 'fa' ? h.name_fa : h.name_en) || h.name_fa}
              {h.critical ? ` (${t('assessment.result.critical')})` : ''}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** The helpers best first; a full one cannot be chosen, and says why. */
function Suggestions({
  data,
  value,
  onChange,
  error,
}: {
  data: HelperSuggestions;
  value: string | null;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const bestId = data.suggestions.find((s) => !s.full)?.helper.id;

  if (data.suggestions.length === 0) {
    return (
      <Alert color="orange" variant="light" role="alert">
        {t('helpers.assign.noHelpers')}
      </Alert>
    );
  }

  const describe = (s: HelperSuggestion) =>
    s.full
      ? t('helpers.assign.fullHint', { max: n(data.rules.caseload_max) })
      : t('helpers.assign.room', { n: n(s.helper.caseload), max: n(data.rules.caseload_max), free: n(s.free) });

  return (
    <Radio.Group label={t('helpers.assign.suggestions')} description={t('helpers.assign.suggestionsHint')} value={value} onChange={onChange} error={error} required>
      <Stack gap="xs" mt="xs">
        {data.suggestions.map((s) => (
          <Card key={s.helper.id} withBorder padding="sm" data-full={s.full || undefined} bg={s.full ? 'gray.0' : undefined}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Radio value={s.helper.id} label={s.helper.full_name} description={describe(s)} disabled={s.full} />
                <Group gap={4} justify="flex-end">
                  {s.helper.id === bestId && (
                    <Badge color="teal" variant="filled" size="sm">
                      {t('helpers.assign.best')}
                    </Badge>
                  )}
                  {s.full && (
                    <Badge color="red" variant="light" size="sm">
                      {t('helpers.caseload.full')}
                    </Badge>
                  )}
                  <HelperStatusBadge status={s.helper.status} size="sm" />
                </Group>
              </Group>
              {(s.matching_skills.length > 0 || s.same_neighborhood) && (
                <Group gap={4} ps="xl">
                  {s.same_neighborhood && (
                    <Badge color="grape" variant="light" size="sm">
                      {t('helpers.assign.sameNeighborhood')}
                    </Badge>
                  )}
                  {s.matching_skills.map((k) => (
                    <Badge key={k} color="teal" variant="outline" size="sm">
                      {t(`helpers.skill.${k}`, { defaultValue: k })}
                    </Badge>
                  ))}
                </Group>
              )}
              {s.matching_skills.length === 0 && data.harms.length > 0 && (
                <Text size="xs" c="dimmed" ps="xl">
                  {t('helpers.assign.noMatchingSkills')}
                </Text>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}
