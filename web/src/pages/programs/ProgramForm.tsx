// A program's form: what, by whom, where, and the target builder (tiers,
// audience, ages, sex, marital status, relations, neighborhoods); a media
// campaign has its channel, dates and reported reach instead of a place.
import { useState, type FormEvent } from 'react';
import { Button, Chip, Group, Select, SegmentedControl, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Audience, Domain, MaritalStatus, ProgramDetail, ProgramKind, ProgramRequest, Relation, Sex, Tier } from '../../api/types';
import { createProgram, listCenters, searchResources, updateProgram, useResource } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { formatDigits } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { AUDIENCES, MARITALS, PROGRAM_KINDS, RELATIONS, SEXES, TIERS, parseCount } from './model';

const DOMAINS: readonly Domain[] = ['social', 'economic', 'cultural'];
const FIELDS = ['kind', 'domain', 'topic', 'description', 'place', 'online_link', 'capacity', 'facilitator', 'channel', 'starts_on', 'ends_on', 'reported_reach', 'age_min', 'age_max', 'organizer'] as const;
type Organizer = 'own' | 'center' | 'resource';

export function ProgramForm({ detail, onCancel, onSaved }: { detail: ProgramDetail | null; onCancel: () => void; onSaved: (d: ProgramDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = detail?.program;
  const tg = p?.target;
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatDigits(v, lang));
  const [kind, setKind] = useState<ProgramKind>(p?.kind ?? 'workshop');
  const [domain, setDomain] = useState<Domain>(p?.domain ?? 'social');
  const [topic, setTopic] = useState(p?.topic ?? '');
  const [description, setDescription] = useState(p?.description ?? '');
  const [organizer, setOrganizer] = useState<Organizer>(p?.organizer_center_id ? 'center' : p?.organizer_resource_id ? 'resource' : 'own');
  const [organizerId, setOrganizerId] = useState<string | null>(p?.organizer_center_id ?? p?.organizer_resource_id ?? null);
  const [place, setPlace] = useState(p?.place ?? '');
  const [link, setLink] = useState(p?.online_link ?? '');
  const [capacity, setCapacity] = useState(num(p?.capacity));
  const [facilitator, setFacilitator] = useState(p?.facilitator ?? '');
  const [channel, setChannel] = useState(p?.channel ?? '');
  const [startsOn, setStartsOn] = useState<string | null>(p?.starts_on ?? null);
  const [endsOn, setEndsOn] = useState<string | null>(p?.ends_on ?? null);
  const [reach, setReach] = useState(num(p?.reported_reach));
  const [tiers, setTiers] = useState<string[]>(tg?.tiers ?? []);
  const [audience, setAudience] = useState<Audience>(tg?.audience ?? 'members');
  const [ageMin, setAgeMin] = useState(num(tg?.age_min));
  const [ageMax, setAgeMax] = useState(num(tg?.age_max));
  const [sex, setSex] = useState<string>(tg?.sex ?? 'any');
  const [marital, setMarital] = useState<string[]>(tg?.marital ?? []);
  const [relations, setRelations] = useState<string[]>(tg?.relations ?? []);
  const [hoods, setHoods] = useState<string[]>(tg?.neighborhoods ?? []);
  const [recent, setRecent] = useState(num(tg?.recent_months ?? 12));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);
  const campaign = kind === 'media_campaign';
  const centers = useResource(() => (organizer === 'center' ? listCenters() : Promise.resolve([])), [organizer]);
  const resources = useResource(() => (organizer === 'resource' ? searchResources({}) : Promise.resolve([])), [organizer]);
  const organizerOptions =
    organizer === 'center'
      ? (centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))
      : (resources.data ?? []).map((r) => ({ value: r.id, label: r.name }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const cap = parseCount(capacity);
    const rr = parseCount(reach);
    const amin = parseCount(ageMin);
    const amax = parseCount(ageMax);
    const rm = parseCount(recent);
    if (!topic.trim()) fields.topic = t('programs.errors.topic');
    if (cap === false) fields.capacity = t('programs.errors.number');
    if (rr === false) fields.reported_reach = t('programs.errors.number');
    if (amin === false) fields.age_min = t('programs.errors.number');
    if (amax === false) fields.age_max = t('programs.errors.number');
    if (rm === false) fields.recent_months = t('programs.errors.number');
    if (typeof amin === 'number' && typeof amax === 'number' && amin > amax) fields.age_max = t('programs.errors.ages');
    if (organizer !== 'own' && !organizerId) fields.organizer = t('programs.errors.organizer');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const body: ProgramRequest = {
      kind,
      domain,
      topic: topic.trim(),
      description: description.trim(),
      organizer_center_id: organizer === 'center' ? organizerId : null,
      organizer_resource_id: organizer === 'resource' ? organizerId : null,
      place: campaign ? '' : place.trim(),
      online_link: campaign ? '' : link.trim(),
      capacity: campaign ? null : cap || null,
      facilitator: facilitator.trim(),
      channel: campaign ? channel.trim() : '',
      starts_on: campaign ? startsOn : null,
      ends_on: campaign ? endsOn : null,
      reported_reach: campaign ? (rr === null ? null : (rr as number)) : null,
      target: {
        tiers: tiers as Tier[],
        audience,
        age_min: amin === null ? null : (amin as number),
        age_max: amax === null ? null : (amax as number),
        sex: sex === 'any' ? null : (sex as Sex),
        marital: marital as MaritalStatus[],
        relations: relations as Relation[],
        neighborhoods: hoods.map((h) => h.trim()).filter(Boolean),
        recent_months: rm === null ? null : (rm as number),
      },
    };
    setBusy(true);
    setErrors(noErrors);
    try {
      onSaved(p ? await updateProgram(p.id, { ...body, version: p.version }) : await createProgram(body));
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang, (f) => f.replace(/^target\./, '').replace(/^organizer_.*$/, 'organizer')));
    } finally {
      setBusy(false);
    }
  }

  const e = errors.fields;
  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Select
          label={t('programs.fields.kind')}
          data={PROGRAM_KINDS.map((k) => ({ value: k, label: t(`programs.kind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as ProgramKind)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput label={t('programs.fields.topic')} required value={topic} onChange={(ev) => setTopic(ev.currentTarget.value)} error={e.topic} />
        <Select
          label={t('programs.fields.domain')}
          data={DOMAINS.map((d) => ({ value: d, label: t(`assessment.domain.${d}`) }))}
          value={domain}
          onChange={(v) => v && setDomain(v as Domain)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea label={t('programs.fields.description')} value={description} onChange={(ev) => setDescription(ev.currentTarget.value)} autosize minRows={2} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="organizer-label">
            {t('programs.fields.organizer')}
          </Text>
          <SegmentedControl
            aria-labelledby="organizer-label"
            fullWidth
            orientation="vertical"
            value={organizer}
            onChange={(v) => {
              setOrganizer(v as Organizer);
              setOrganizerId(null);
            }}
            data={[
              { value: 'own', label: t('programs.fields.organizerOwn') },
              { value: 'center', label: t('programs.fields.organizerCenter') },
              { value: 'resource', label: t('programs.fields.organizerResource') },
            ]}
          />
          {organizer !== 'own' && (
            <Select
              label={t('programs.fields.organizerPick')}
              data={organizerOptions}
              value={organizerId}
              onChange={setOrganizerId}
              searchable
              error={e.organizer}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Stack>
        <TextInput label={t('programs.fields.facilitator')} value={facilitator} onChange={(ev) => setFacilitator(ev.currentTarget.value)} />
        {campaign ? (
          <>
            <TextInput label={t('programs.fields.channel')} value={channel} onChange={(ev) => setChannel(ev.currentTarget.value)} error={e.channel} />
            <JalaliDateInput label={t('programs.fields.starts_on')} value={startsOn} onChange={(v) => setStartsOn(v)} error={e.starts_on} />
            <JalaliDateInput label={t('programs.fields.ends_on')} value={endsOn} onChange={(v) => setEndsOn(v)} error={e.ends_on} />
            <TextInput label={t('programs.fields.reported_reach')} value={reach} onChange={(ev) => setReach(ev.currentTarget.value)} inputMode="numeric" error={e.reported_reach} />
          </>
        ) : (
          <>
            <TextInput label={t('programs.fields.place')} value={place} onChange={(ev) => setPlace(ev.currentTarget.value)} error={e.place} />
            <TextInput label={t('programs.fields.online_link')} value={link} onChange={(ev) => setLink(ev.currentTarget.value)} dir="ltr" error={e.online_link} />
            <TextInput label={t('programs.fields.capacity')} value={capacity} onChange={(ev) => setCapacity(ev.currentTarget.value)} inputMode="numeric" error={e.capacity} />
          </>
        )}

        <Title order={3} size="h5" mt="sm">
          {t('programs.target.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('programs.target.hint')}
        </Text>
        <ChipField label={t('programs.target.tiers')} value={tiers} onChange={setTiers} options={TIERS.map((x) => ({ value: x, label: t(`assessment.tier.${x}`) }))} />
        <Select
          label={t('programs.target.audience')}
          data={AUDIENCES.map((a) => ({ value: a, label: t(`programs.audience.${a}`) }))}
          value={audience}
          onChange={(v) => v && setAudience(v as Audience)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Group grow align="flex-start">
          <TextInput label={t('programs.target.ageMin')} value={ageMin} onChange={(ev) => setAgeMin(ev.currentTarget.value)} inputMode="numeric" error={e.age_min} />
          <TextInput label={t('programs.target.ageMax')} value={ageMax} onChange={(ev) => setAgeMax(ev.currentTarget.value)} inputMode="numeric" error={e.age_max} />
        </Group>
        <Text size="xs" c="dimmed" mt={-8}>
          {t('programs.target.ageHint')}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="sex-label">
            {t('programs.target.sex')}
          </Text>
          <SegmentedControl
            aria-labelledby="sex-label"
            value={sex}
            onChange={setSex}
            data={[{ value: 'any', label: t('programs.target.anySex') }, ...SEXES.map((s) => ({ value: s, label: t(`enums.sex.${s}`) }))]}
          />
        </Stack>
        <ChipField label={t('programs.target.marital')} value={marital} onChange={setMarital} options={MARITALS.map((x) => ({ value: x, label: t(`enums.maritalStatus.${x}`) }))} />
        <ChipField label={t('programs.target.relations')} value={relations} onChange={setRelations} options={RELATIONS.map((x) => ({ value: x, label: t(`enums.relation.${x}`) }))} />
        <TagsInput label={t('programs.target.neighborhoods')} description={t('programs.target.neighborhoodsHint')} value={hoods} onChange={setHoods} />
        <TextInput label={t('programs.target.recentMonths')} value={recent} onChange={(ev) => setRecent(ev.currentTarget.value)} inputMode="numeric" error={e.recent_months} />
        <Group justify="flex-end">
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

function ChipField({ label, value, onChange, options }: { label: string; value: string[]; onChange: (v: string[]) => void; options: { value: string; label: string }[] }) {
  return (
    <Stack gap={4} role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap={6}>
          {options.map((o) => (
            <Chip key={o.value} value={o.value} size="sm">
              {o.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}
