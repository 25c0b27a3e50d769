// Logging a service given to a family — or, with `amending`, a correction
// of one (the logged service is never changed: the correction replaces it,
// with a reason), or, with `activity`, the service a planned activity was:
// the activity is marked done and the service logged in one step.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity, Domain, Service, ServiceKind, ServiceRequest } from '../../api/types';
import { noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput, toAsciiDigits } from '../../lib/digits';
import { formatDigits } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { persianFilter } from '../training/searchFilter';
import type { AssistanceBackend, AssistanceSource } from './backend';
import { useLookup, type AssistanceMember } from './lookup';
import { DOMAINS, MAX_MINUTES, SERVICE_KINDS, isDomain, todayIso } from './model';
import { referralOptions, resourceOptions } from './pickers';
import { useWrite } from './writes';
import { fullName } from '../families/format';
import { isolate } from '../assessments/labels';

const FIELDS = [
  'kind',
  'domain',
  'served_on',
  'minutes',
  'member_ids',
  'resource_id',
  'referral_id',
  'outcome',
  'notes',
  'follow_up_on',
  'amend_reason',
] as const;

export interface LogServiceFormProps {
  familyId: string;
  members: readonly AssistanceMember[];
  source: AssistanceSource;
  backend: AssistanceBackend;
  /** Correcting this service: its fields prefilled, a reason asked. */
  amending?: Service | null;
  /** Completing this planned activity: prefilled from it; done and logged in one step. */
  activity?: Activity | null;
  onDone: (message: string) => void;
  onCancel: () => void;
  /** The record changed meanwhile: the screen behind reloads. */
  onStale: () => void;
}

export function LogServiceForm({ familyId, members, source, backend, amending = null, activity = null, onDone, onCancel, onStale }: LogServiceFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const lookup = useLookup(source, members);
  const write = useWrite();
  const today = todayIso();
  const from = amending ?? null;

  const [kind, setKind] = useState<ServiceKind | ''>(from?.kind ?? activity?.kind ?? '');
  const [domain, setDomain] = useState<Domain | ''>(from?.domain ?? activity?.domain ?? '');
  const [servedOn, setServedOn] = useState<string | null>(from?.served_on ?? today);
  const [minutes, setMinutes] = useState(from ? formatDigits(from.minutes, lang) : '');
  const [memberIds, setMemberIds] = useState<string[]>(from?.member_ids ?? (activity?.member_id ? [activity.member_id] : []));
  const [resourceId, setResourceId] = useState<string | null>(from?.resource_id ?? activity?.resource_id ?? null);
  const [referralId, setReferralId] = useState<string>(from?.referral_id ?? '');
  const [outcome, setOutcome] = useState(from?.outcome ?? '');
  const [notes, setNotes] = useState(from?.notes ?? '');
  const [followUpOn, setFollowUpOn] = useState<string | null>(from?.follow_up_on ?? null);
  const [amendReason, setAmendReason] = useState('');
  const [withService, setWithService] = useState(true);
  const [completionNotes, setCompletionNotes] = useState(activity?.notes ?? '');
  const [datesValid, setDatesValid] = useState({ served: true, followUp: true });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  const resources = useMemo(() => resourceOptions(source, t, [from?.resource_id, activity?.resource_id]), [source, t, from, activity]);
  const referrals = useMemo(() => referralOptions(source, lookup, t, lang), [source, lookup, t, lang]);
  const logs = !activity || withService;

  function validate(): Record<string, string> {
    const f: Record<string, string> = {};
    if (activity && !withService) return f;
    if (!kind) f.kind = t('common.required');
    if (!domain) f.domain = t('common.required');
    if (!datesValid.served) f.served_on = t('date.errors.format');
    else if (!servedOn) f.served_on = t('common.required');
    else if (servedOn > today) f.served_on = t('assistance.service.inFuture');
    const m = Number(toAsciiDigits(minutes.trim()));
    if (!/^\d+$/.test(toAsciiDigits(minutes.trim())) || m < 1 || m > MAX_MINUTES) f.minutes = t('assistance.service.minutesRange');
    if (!datesValid.followUp) f.follow_up_on = t('date.errors.format');
    else if (followUpOn && servedOn && followUpOn < servedOn) f.follow_up_on = t('assistance.service.followUpBefore');
    if (amending && !cleanInput(amendReason)) f.amend_reason = t('assistance.service.amendReasonRequired');
    return f;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = validate();
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const service: (ServiceRequest & { id: string }) | null = logs
      ? {
          id: write.id,
          kind: kind as ServiceKind,
          domain: domain as Domain,
          served_on: servedOn as string,
          minutes: Number(toAsciiDigits(minutes.trim())),
          member_ids: memberIds,
          resource_id: resourceId,
          referral_id: referralId || null,
          outcome: cleanInput(outcome),
          notes: cleanInput(notes),
          follow_up_on: followUpOn,
          ...(amending ? { amends: amending.id, amend_reason: cleanInput(amendReason) } : {}),
        }
      : null;
    setBusy(true);
    setErrors(noErrors);
    const outcomeOf = await write.run(
      () => {
        if (activity) {
          const note = logs ? null : cleanInput(completionNotes) === cleanInput(activity.notes) ? null : cleanInput(completionNotes);
          return backend.completeActivity(familyId, activity.id, activity.version, note, service);
        }
        return backend.logService(familyId, service!);
      },
      FIELDS,
      t,
      lang,
    );
    if (outcomeOf.ok) {
      onDone(
        activity
          ? t('assistance.done.activityDone', { title: isolate(activity.title) })
          : amending
            ? t('assistance.done.serviceAmended')
            : t('assistance.done.serviceLogged'),
      );
      return;
    }
    setErrors(outcomeOf.errors ?? noErrors);
    if (outcomeOf.stale) onStale();
    setBusy(false);
  }

  const kindData = [{ value: '', label: t('assistance.service.choose'), disabled: true }, ...SERVICE_KINDS.map((k) => ({ value: k, label: t(`assistance.kind.${k}`) }))];
  const domainData = [{ value: '', label: t('assistance.service.choose'), disabled: true }, ...DOMAINS.map((d) => ({ value: d, label: t(`assistance.domain.${d}`) }))];

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        {amending && (
          <Alert color="blue" variant="light" role="note">
            {t('assistance.service.amendNote')}
          </Alert>
        )}
        {activity && (
          <Checkbox
            label={t('assistance.service.withService')}
            checked={withService}
            onChange={(e) => setWithService(e.currentTarget.checked)}
          />
        )}
        {activity && !withService && (
          <Textarea
            label={t('assistance.service.completionNotes')}
            rows={3}
            value={completionNotes}
            onChange={(e) => setCompletionNotes(e.currentTarget.value)}
            error={errors.fields.notes}
          />
        )}
        {logs && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('assistance.service.kind')}
                required
                data={kindData}
                value={kind}
                error={errors.fields.kind}
                onChange={(e) => setKind(e.currentTarget.value as ServiceKind)}
              />
              <NativeSelect
                label={t('assistance.service.domain')}
                required
                data={domainData}
                value={domain}
                error={errors.fields.domain}
                onChange={(e) => setDomain(isDomain(e.currentTarget.value) ? e.currentTarget.value : '')}
              />
              <JalaliDateInput
                label={t('assistance.service.served_on')}
                required
                value={servedOn}
                error={errors.fields.served_on}
                onChange={(v, valid) => {
                  setServedOn(v);
                  setDatesValid((d) => ({ ...d, served: valid }));
                }}
              />
              <TextInput
                label={t('assistance.service.minutes')}
                description={t('assistance.service.minutesHint')}
                required
                inputMode="numeric"
                value={minutes}
                error={errors.fields.minutes}
                onChange={(e) => setMinutes(e.currentTarget.value)}
              />
            </SimpleGrid>
            {members.length > 0 && (
              <Checkbox.Group
                label={t('assistance.service.member_ids')}
                description={t('assistance.service.member_idsHint')}
                value={memberIds}
                onChange={setMemberIds}
                error={errors.fields.member_ids}
              >
                <Group gap="sm" mt={6}>
                  {members.map((m) => (
                    <Checkbox key={m.id} value={m.id} label={fullName(m)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <Select
              label={t('assistance.service.resource_id')}
              placeholder={t('assistance.service.none')}
              data={resources}
              value={resourceId}
              onChange={setResourceId}
              searchable
              clearable
              filter={persianFilter}
              nothingFoundMessage={t('assistance.referral.noResources')}
              error={errors.fields.resource_id}
              comboboxProps={{ withinPortal: true }}
            />
            {referrals.length > 0 && (
              <NativeSelect
                label={t('assistance.service.referral_id')}
                data={[{ value: '', label: t('assistance.service.none') }, ...referrals]}
                value={referralId}
                error={errors.fields.referral_id}
                onChange={(e) => setReferralId(e.currentTarget.value)}
              />
            )}
            <Textarea
              label={t('assistance.service.notes')}
              // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
              rows={3}
              value={notes}
              error={errors.fields.notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
            />
            <Textarea label={t('assistance.service.outcome')} rows={2} value={outcome} error={errors.fields.outcome} onChange={(e) => setOutcome(e.currentTarget.value)} />
            <JalaliDateInput
              label={t('assistance.service.follow_up_on')}
              value={followUpOn}
              error={errors.fields.follow_up_on}
              onChange={(v, valid) => {
                setFollowUpOn(v);
                setDatesValid((d) => ({ ...d, followUp: valid }));
              }}
            />
            {amending && (
              <Textarea
                label={t('assistance.service.amend_reason')}
                required
                rows={2}
                value={amendReason}
                error={errors.fields.amend_reason}
                onChange={(e) => setAmendReason(e.currentTarget.value)}
              />
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {activity ? t('assistance.service.submitComplete') : amending ? t('assistance.service.submitAmend') : t('assistance.service.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
