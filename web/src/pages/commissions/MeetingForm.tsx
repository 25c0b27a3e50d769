// Recording a commission's meeting (or changing it): when and where, who
// came — the seats, the helpers of the cases on the agenda (invited to their
// case), guests by name — and which open cases were on the agenda.
import { useMemo, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { Attendee, CommissionDetail, Meeting, MeetingDetail, MeetingRequest } from '../../api/types';
import { createMeeting, getReferral, updateMeeting, useResource } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { jalaliToIso, todayJalali } from '../../lib/jalali';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { UrgencyBadge } from '../referrals/ReferralBits';
import { isClosed, sortCases } from '../referrals/referralState';
import { digitsFor } from '../families/format';

const FIELDS = ['held_on', 'place', 'attendees', 'agenda', 'notes'] as const;

export interface MeetingFormProps {
  detail: CommissionDetail;
  /** Null for a new meeting. */
  meeting: Meeting | null;
  onCancel: () => void;
  onSaved: (meeting: MeetingDetail) => void;
  onStale?: () => void;
}

/** Names compared as people type them (Arabic ي/ك, spaces). */
const same = (a: string, b: string) => cleanInput(a).replace(/\s+/g, ' ') === cleanInput(b).replace(/\s+/g, ' ');

export function MeetingForm({ detail, meeting, onCancel, onSaved, onStale }: MeetingFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  // Cases that may go on the agenda: the open ones, and any already on it.
  const cases = useMemo(
    () => sortCases(detail.cases.filter((c) => !isClosed(c.referral.status) || meeting?.agenda.includes(c.referral.id))),
    [detail.cases, meeting],
  );

  // Each case's helper (the family's helper now), to invite to their case.
  const helpers = useResource(
    () =>
      Promise.all(
        cases.map((c) =>
          getReferral(c.referral.id).then(
            (r) => [c.referral.id, r.helper_name] as const,
            () => [c.referral.id, null] as const,
          ),
        ),
      ).then((pairs) => new Map<string, string | null>(pairs)),
    [detail.commission.id],
  );

  const [heldOn, setHeldOn] = useState<string | null>(meeting?.held_on ?? jalaliToIso(todayJalali()));
  const [dateValid, setDateValid] = useState(true);
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [notes, setNotes] = useState(meeting?.notes ?? '');
  const [agenda, setAgenda] = useState<string[]>(() => meeting?.agenda ?? cases.filter((c) => !isClosed(c.referral.status)).map((c) => c.referral.id));
  const [seatIds, setSeatIds] = useState<string[]>(() =>
    meeting ? meeting.attendees.flatMap((a) => (a.member_id ? [a.member_id] : [])) : detail.seats.map((s) => s.id),
  );
  // Names of people without a seat who came: the helpers ticked below, and guests.
  const [invited, setInvited] = useState<string[]>(() => (meeting ? meeting.attendees.flatMap((a) => (!a.member_id && a.name ? [a.name] : [])) : []));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  // The helpers of the cases on the agenda, once each.
  const caseHelpers = useMemo(() => {
    const names: { name: string; families: string[] }[] = [];
    for (const c of cases) {
      if (!agenda.includes(c.referral.id)) continue;
      const name = helpers.data?.get(c.referral.id);
      if (!name) continue;
      const known = names.find((h) => same(h.name, name));
      if (known) known.families.push(c.family_name);
      else names.push({ name, families: [c.family_name] });
    }
    return names;
  }, [cases, agenda, helpers.data]);
  const isHelper = (name: string) => caseHelpers.some((h) => same(h.name, name));
  const guests = invited.filter((n) => !isHelper(n));

  function toggleHelper(name: string, on: boolean) {
    setInvited((all) => (on ? [...all.filter((n) => !same(n, name)), name] : all.filter((n) => !same(n, name))));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!dateValid) fields.held_on = t('casework.meetings.dateInvalid');
    else if (!heldOn) fields.held_on = t('common.required');
    setErrors({ fields, form: null });
    setStale(false);
    if (Object.keys(fields).length > 0 || !heldOn) return;
    // A helper ticked for a case since taken off the agenda shows among the guests (and is sent as one).
    const names: string[] = [];
    for (const n of invited.map(cleanInput).filter(Boolean)) if (!names.some((x) => same(x, n))) names.push(n);
    const attendees: Attendee[] = [
      ...detail.seats.filter((s) => seatIds.includes(s.id)).map((s) => ({ member_id: s.id })),
      ...names.map((name) => ({ name })),
    ];
    const body: MeetingRequest = {
      held_on: heldOn,
      place: cleanInput(place),
      notes: cleanInput(notes),
      attendees,
      agenda: cases.map((c) => c.referral.id).filter((id) => agenda.includes(id)),
    };
    setBusy(true);
    try {
      onSaved(meeting ? await updateMeeting(meeting.id, { ...body, version: meeting.version }) : await createMeeting(detail.commission.id, body));
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
      setStale(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form}>
          {stale && onStale && (
            <Button size="compact-sm" variant="light" color="red" mt="xs" display="block" onClick={onStale}>
              {t('casework.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <JalaliDateInput
          label={t('casework.meetings.fields.held_on')}
          required
          value={heldOn}
          onChange={(v, valid) => {
            setHeldOn(v);
            setDateValid(valid);
          }}
          error={errors.fields.held_on}
        />
        <TextInput
          label={t('casework.meetings.fields.place')}
          placeholder={t('casework.meetings.placePlaceholder')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          error={errors.fields.place}
          maxLength={300}
        />

        <Checkbox.Group
          label={t('casework.meetings.fields.agenda')}
          description={cases.length === 0 ? t('casework.meetings.noOpenCases') : t('casework.meetings.agendaHint')}
          value={agenda}
          onChange={setAgenda}
          error={errors.fields.agenda}
        >
          <Stack gap="xs" mt={6}>
            {cases.map((c) => (
              <Checkbox
                key={c.referral.id}
                value={c.referral.id}
                label={
                  <Group gap={6} component="span">
                    <span>{c.family_name}</span>
                    <UrgencyBadge urgency={c.referral.urgency} size="xs" />
                  </Group>
                }
                description={digitsFor(c.referral.reason, lang)}
                styles={{ description: { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' } }}
              />
            ))}
          </Stack>
        </Checkbox.Group>

        <Checkbox.Group
          label={t('casework.meetings.seatsCame')}
          description={detail.seats.length === 0 ? t('casework.meetings.noSeats') : undefined}
          value={seatIds}
          onChange={setSeatIds}
          error={errors.fields.attendees}
        >
          <Stack gap="xs" mt={6}>
            {detail.seats.map((s) => (
              <Checkbox key={s.id} value={s.id} label={s.organization ? `${s.name} (${s.organization})` : s.name} />
            ))}
          </Stack>
        </Checkbox.Group>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('casework.meetings.helpersCame')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('casework.meetings.helpersHint')}
          </Text>
          {helpers.loading && !helpers.data && (
            <Text size="sm" c="dimmed">
              {t('common.loading')}
            </Text>
          )}
          {helpers.data && caseHelpers.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('casework.meetings.noHelpers')}
            </Text>
          )}
          {caseHelpers.map((h) => (
            <Checkbox
              key={h.name}
              checked={invited.some((n) => same(n, h.name))}
              onChange={(e) => toggleHelper(h.name, e.currentTarget.checked)}
              label={t('casework.meetings.helperOf', { name: h.name, families: h.families.join(t('common.separator')) })}
            />
          ))}
        </Stack>

        <TagsInput
          label={t('casework.meetings.guests')}
          description={t('casework.meetings.guestsHint')}
          value={guests}
          onChange={(next) => setInvited([...invited.filter((n) => isHelper(n)), ...next.map(cleanInput).filter(Boolean)])}
          splitChars={[',', '،']}
          clearable
        />

        <Textarea
          label={t('casework.meetings.fields.notes')}
          rows={3}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.fields.notes}
          maxLength={4000}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
