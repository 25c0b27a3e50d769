// New family (its details and its head) and family edit.
import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useTranslation } from 'react-i18next';
import { createFamily, getFamily, updateFamily, type Family, type FamilyDetail } from '../../data';
import { FAMILY_STATUSES, HOUSINGS, type FamilySource, type FamilyStatus, type Housing } from '../../api/types';
import { ApiError } from '../../api/errors';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDigits } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { MEMBER_FIELDS, MemberFields, memberErrors, memberInputFrom, memberValuesOf, normalizePhone, type MemberValues } from './MemberFields';
import { PhonesField, badPhone } from './PhonesField';

interface FamilyValues {
  family_name: string;
  neighborhood: string;
  address: string;
  /** One input each; empty ones are dropped. */
  phones: string[];
  housing: Housing | null;
  consent_on: string | null;
  consent_valid: boolean;
  sources: Required<FamilySource>[];
  status: FamilyStatus;
  status_reason: string;
}

/** The name the server gives a family created without one (data, not UI text: Persian in both languages). */
const DEFAULT_NAME_PREFIX = 'خانوادهٔ ';

const FAMILY_FIELDS = ['family_name', 'neighborhood', 'address', 'phones', 'housing', 'consent_on', 'sources', 'status', 'status_reason'] as const;

/**
 * The server's name for a field, as this form calls it: the head's fields
 * may come as `head.national_id`, list items as `phones[1]` or
 * `sources[0].organization`.
 */
export function formFieldOf(field: string): string {
  return field.replace(/^head\./, '').replace(/[.[].*$/, '');
}

function valuesOf(f: Family | null): FamilyValues {
  return {
    family_name: f?.family_name ?? '',
    neighborhood: f?.neighborhood ?? '',
    address: f?.address ?? '',
    phones: f && f.phones.length > 0 ? [...f.phones] : [''],
    housing: f?.housing ?? null,
    consent_on: f?.consent_on ?? null,
    consent_valid: true,
    sources: f ? f.sources.map((s) => ({ organization: s.organization, reference: s.reference ?? '' })) : [],
    status: f?.status ?? 'active',
    status_reason: f?.status_reason ?? '',
  };
}

export type FamilyFormProps =
  | { family: null; onCancel: () => void; onSaved: (saved: FamilyDetail) => void }
  | { family: Family; onCancel: () => void; onSaved: (saved: Family) => void; onReloaded: (fresh: FamilyDetail) => void };

export function FamilyForm(props: FamilyFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [loaded, setLoaded] = useState<Family | null>(props.family);
  const [values, setValues] = useState<FamilyValues>(() => valuesOf(props.family));
  const [head, setHead] = useState<MemberValues>(() => memberValuesOf(null, 'head'));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FamilyValues>(k: K, v: FamilyValues[K]) => setValues((old) => ({ ...old, [k]: v }));
  const creating = loaded === null;

  function check(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (!creating && !cleanInput(values.family_name)) fields.family_name = t('common.required');
    if (values.phones.some(badPhone)) fields.phones = t('member.phoneFormat');
    if (values.sources.some((s) => !cleanInput(s.organization) && cleanInput(s.reference))) fields.sources = t('family.sourceNeedsOrganization');
    if (!creating && values.status !== 'active' && !cleanInput(values.status_reason)) fields.status_reason = t('family.statusReasonRequired');
    if (creating) Object.assign(fields, memberErrors(head, t));
    return fields;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = check();
    setErrors({ fields, form: null });
    setConflict(false);
    if (Object.keys(fields).length > 0 || !values.consent_valid || (creating && !head.birth_date_valid)) return;
    const common = {
      neighborhood: cleanInput(values.neighborhood),
      address: cleanInput(values.address),
      phones: values.phones.map(normalizePhone).filter((p) => p !== ''),
      housing: values.housing ?? 'unknown',
      consent_on: values.consent_on,
      sources: values.sources
        .map((s) => ({ organization: cleanInput(s.organization), reference: cleanInput(s.reference) }))
        .filter((s) => s.organization !== ''),
    };
    setBusy(true);
    try {
      if (props.family === null) {
        const name = cleanInput(values.family_name);
        props.onSaved(await createFamily({ ...common, ...(name ? { family_name: name } : {}), head: memberInputFrom({ ...head, relation: 'head' }) }));
      } else if (loaded) {
        const active = values.status === 'active';
        props.onSaved(
          await updateFamily(loaded.id, {
            ...common,
            version: loaded.version,
            family_name: cleanInput(values.family_name),
            status: values.status,
            status_reason: active ? '' : cleanInput(values.status_reason),
          }),
        );
      }
    } catch (err) {
      setErrors(formErrorFrom(err, [...FAMILY_FIELDS, ...(creating ? MEMBER_FIELDS : [])], t, lang, formFieldOf));
      setConflict(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  // After a version conflict: the server's current family (and version) into
  // the form; the person applies their change again.
  async function reloadLatest() {
    if (!loaded || props.family === null) return;
    setBusy(true);
    try {
      const fresh = await getFamily(loaded.id);
      setLoaded(fresh);
      setValues(valuesOf(fresh));
      setConflict(false);
      setErrors(noErrors);
      props.onReloaded(fresh);
      notify({ color: 'blue', message: t('family.reloaded') });
    } catch (err) {
      setErrors({ fields: {}, form: errorMessage(err, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  const setSource = (i: number, k: 'organization' | 'reference', v: string) =>
    set(
      'sources',
      values.sources.map((s, j) => (j === i ? { ...s, [k]: v } : s)),
    );

  const familyFields = (
    <Stack gap="sm">
      <TextInput
        label={t('fields.family_name')}
        required={!creating}
        description={creating ? t('family.familyNameDefault') : undefined}
        placeholder={creating && cleanInput(head.last_name) ? `${DEFAULT_NAME_PREFIX}${cleanInput(head.last_name)}` : undefined}
        value={values.family_name}
        error={errors.fields.family_name}
        onChange={(e) => set('family_name', e.currentTarget.value)}
        autoComplete="off"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        <TextInput
          label={t('fields.neighborhood')}
          value={values.neighborhood}
          error={errors.fields.neighborhood}
          onChange={(e) => set('neighborhood', e.currentTarget.value)}
          autoComplete="off"
        />
        <Select<Housing>
          label={t('fields.housing')}
          data={HOUSINGS.map((h) => ({ value: h, label: t(`enums.housing.${h}`) }))}
          value={values.housing}
          error={errors.fields.housing}
          onChange={(v) => set('housing', v)}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <Textarea
        label={t('fields.address')}
        // Not autosize: its hidden measuring textarea keeps the modal's width and, in RTL, widens the page once the window is narrower.
        rows={2}
        value={values.address}
        error={errors.fields.address}
        onChange={(e) => set('address', e.currentTarget.value)}
      />
      <PhonesField phones={values.phones} onChange={(next) => set('phones', next)} error={errors.fields.phones} />
      <JalaliDateInput
        label={t('fields.consent_on')}
        description={t('family.consentHint')}
        value={values.consent_on}
        error={errors.fields.consent_on}
        onChange={(v, valid) => setValues((old) => ({ ...old, consent_on: v, consent_valid: valid }))}
      />
      <Stack gap={6} role="group" aria-label={t('fields.sources')}>
        <Text size="sm" fw={500}>
          {t('fields.sources')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('family.sourcesHint')}
        </Text>
        {values.sources.map((s, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              flex={2}
              label={t('fields.organization')}
              value={s.organization}
              onChange={(e) => setSource(i, 'organization', e.currentTarget.value)}
              autoComplete="off"
            />
            <TextInput
              flex={1}
              label={t('fields.reference')}
              value={s.reference}
              onChange={(e) => setSource(i, 'reference', e.currentTarget.value)}
              autoComplete="off"
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              aria-label={t('family.removeSource', { n: formatDigits(i + 1, lang) })}
              onClick={() => set('sources', values.sources.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {errors.fields.sources && (
          <Text size="sm" c="red" role="alert">
            {errors.fields.sources}
          </Text>
        )}
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => set('sources', [...values.sources, { organization: '', reference: '' }])}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('family.addSource')}
        </Button>
      </Stack>
      {!creating && (
        <>
          <Select<FamilyStatus>
            label={t('fields.status')}
            required
            data={FAMILY_STATUSES.map((s) => ({ value: s, label: t(`enums.familyStatus.${s}`) }))}
            value={values.status}
            error={errors.fields.status}
            onChange={(v) => v && set('status', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          {values.status !== 'active' && (
            <Textarea
              label={t('fields.status_reason')}
              required
              rows={2}
              value={values.status_reason}
              error={errors.fields.status_reason}
              onChange={(e) => set('status_reason', e.currentTarget.value)}
            />
          )}
        </>
      )}
    </Stack>
  );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form}>
          {conflict && (
            <Button mt="sm" size="compact-sm" variant="light" color="red" onClick={() => void reloadLatest()} display="block">
              {t('family.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        {creating ? (
          <>
            <Fieldset legend={t('family.headSection')}>
              <MemberFields values={head} onChange={setHead} errors={errors.fields} relationFixed />
            </Fieldset>
            <Fieldset legend={t('family.detailsSection')}>{familyFields}</Fieldset>
          </>
        ) : (
          familyFields
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onCancel}>
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
