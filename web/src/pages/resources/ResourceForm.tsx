// Adding a resource to the directory, or changing one: what it is, what it
// offers, how to reach it and, for a specialist with an account, who
// answers its referrals in Hamyar.
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { DirectoryResource, Domain, Me, ResourceKind, ResourceLevel, ResourceRequest, User } from '../../api/types';
import { can, createResource, listUsers, updateResource, useResource } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput, toAsciiDigits } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { digitsFor } from '../families/format';
import { persianFilter } from '../training/searchFilter';
import { DOMAINS, RESOURCE_KINDS, RESOURCE_LEVELS } from './resourceState';

const FIELDS = ['kind', 'level', 'name', 'domains', 'offers', 'capacity', 'contact_name', 'phone', 'address', 'area', 'notes', 'user_id'] as const;

/** `۱۲` → 12; empty → null; anything else → undefined (not a number). */
export function parseCapacity(text: string): number | null | undefined {
  const s = toAsciiDigits(text).trim();
  if (s === '') return null;
  return /^\d{1,7}$/.test(s) ? Number(s) : undefined;
}

export interface ResourceFormProps {
  me: Me;
  /** Null for a new resource. */
  resource: DirectoryResource | null;
  onCancel: () => void;
  onSaved: (resource: DirectoryResource) => void;
  /** The resource changed meanwhile: load the list again. */
  onStale?: () => void;
}

export function ResourceForm({ me, resource, onCancel, onSaved, onStale }: ResourceFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [kind, setKind] = useState<ResourceKind>(resource?.kind ?? 'organization');
  const [level, setLevel] = useState<ResourceLevel>(resource?.level ?? 'local');
  const [name, setName] = useState(resource?.name ?? '');
  const [domains, setDomains] = useState<Domain[]>(resource?.domains ?? []);
  const [offers, setOffers] = useState(() => digitsFor(resource?.offers ?? '', lang));
  const [capacity, setCapacity] = useState(() => (resource?.capacity != null ? digitsFor(String(resource.capacity), lang) : ''));
  const [contactName, setContactName] = useState(resource?.contact_name ?? '');
  const [phone, setPhone] = useState(() => digitsFor(resource?.phone ?? '', lang));
  const [address, setAddress] = useState(() => digitsFor(resource?.address ?? '', lang));
  const [area, setArea] = useState(() => digitsFor(resource?.area ?? '', lang));
  const [notes, setNotes] = useState(() => digitsFor(resource?.notes ?? '', lang));
  const [userId, setUserId] = useState<string | null>(resource?.user_id ?? null);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  // Specialists' accounts answer referrals in Hamyar: the ones I may see.
  const mayListUsers = can(me, 'users.read');
  const users = useResource(() => (mayListUsers ? listUsers() : Promise.resolve([] as User[])), [mayListUsers]);
  const specialists = (users.data ?? []).filter((u) => u.role === 'specialist' && !u.disabled);
  const userOptions = specialists.map((u) => ({ value: u.id, label: u.display_name }));
  if (resource?.user_id && !specialists.some((u) => u.id === resource.user_id)) {
    userOptions.unshift({ value: resource.user_id, label: resource.user_name ?? t('casework.resources.unknownUser') });
  }
  const showUser = kind === 'specialist' || kind === 'counselor' || userId !== null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const cleanName = cleanInput(name);
    if (!cleanName) fields.name = t('common.required');
    if (domains.length === 0) fields.domains = t('casework.resources.domainsRequired');
    const cap = parseCapacity(capacity);
    if (cap === undefined) fields.capacity = t('casework.resources.capacityFormat');
    setErrors({ fields, form: null });
    setStale(false);
    if (Object.keys(fields).length > 0) return;
    const body: ResourceRequest = {
      kind,
      level,
      name: cleanName,
      domains,
      offers: cleanInput(offers),
      capacity: cap ?? null,
      contact_name: cleanInput(contactName),
      phone: cleanInput(phone),
      address: cleanInput(address),
      area: cleanInput(area),
      notes: cleanInput(notes),
      user_id: showUser ? userId : null,
    };
    setBusy(true);
    try {
      onSaved(resource ? await updateResource(resource.id, { ...body, version: resource.version }) : await createResource(body));
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
      setStale(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  const ownerHint = resource
    ? null
    : me.user.role === 'hq_admin'
      ? t('casework.resources.sharedHint')
      : me.center
        ? t('casework.resources.ownHint', { name: me.center.name })
        : null;

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
        {ownerHint && (
          <Text size="sm" c="dimmed">
            {ownerHint}
          </Text>
        )}
        <TextInput
          label={t('casework.resources.fields.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.fields.name}
          maxLength={200}
          autoComplete="off"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('casework.resources.fields.kind')}
            required
            data={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`casework.resources.kind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as ResourceKind)}
            error={errors.fields.kind}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Radio.Group
            label={t('casework.resources.fields.level')}
            required
            value={level}
            onChange={(v) => setLevel(v as ResourceLevel)}
            error={errors.fields.level}
          >
            <Group mt={6} gap="md">
              {RESOURCE_LEVELS.map((l) => (
                <Radio key={l} value={l} label={t(`casework.resources.level.${l}`)} />
              ))}
            </Group>
          </Radio.Group>
        </SimpleGrid>
        <Checkbox.Group
          label={t('casework.resources.fields.domains')}
          required
          value={domains}
          onChange={(v) => setDomains(DOMAINS.filter((d) => v.includes(d)))}
          error={errors.fields.domains}
        >
          <Group mt={6} gap="md">
            {DOMAINS.map((d) => (
              <Checkbox key={d} value={d} label={t(`assessment.domain.${d}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea
          label={t('casework.resources.fields.offers')}
          description={t('casework.resources.offersHint')}
          // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
          rows={3}
          value={offers}
          onChange={(e) => setOffers(e.currentTarget.value)}
          error={errors.fields.offers}
          maxLength={2000}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('casework.resources.fields.capacity')}
            description={t('casework.resources.capacityHint')}
            value={capacity}
            onChange={(e) => setCapacity(e.currentTarget.value)}
            error={errors.fields.capacity}
            inputMode="numeric"
            autoComplete="off"
            classNames={{ input: 'numeric-input' }}
          />
          <TextInput
            label={t('casework.resources.fields.area')}
            description={t('casework.resources.areaHint')}
            value={area}
            onChange={(e) => setArea(e.currentTarget.value)}
            error={errors.fields.area}
            maxLength={300}
          />
          <TextInput
            label={t('casework.resources.fields.contact_name')}
            value={contactName}
            onChange={(e) => setContactName(e.currentTarget.value)}
            error={errors.fields.contact_name}
            maxLength={160}
          />
          <TextInput
            label={t('casework.resources.fields.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.fields.phone}
            inputMode="tel"
            autoComplete="off"
            classNames={{ input: 'numeric-input' }}
          />
        </SimpleGrid>
        <TextInput
          label={t('casework.resources.fields.address')}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={errors.fields.address}
          maxLength={500}
        />
        {showUser && (
          <Select
            label={t('casework.resources.fields.user_id')}
            description={t('casework.resources.userHint')}
            placeholder={t('casework.resources.noUser')}
            data={userOptions}
            value={userId}
            onChange={setUserId}
            error={errors.fields.user_id}
            clearable
            searchable
            filter={persianFilter}
            nothingFoundMessage={t('casework.resources.noSpecialists')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Textarea
          label={t('casework.resources.fields.notes')}
          rows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.fields.notes}
          maxLength={2000}
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
