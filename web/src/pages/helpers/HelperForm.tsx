// A helper's profile: registering an applicant, or editing (with the
// version the form was loaded with).
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createHelper, getHelper, updateHelper } from '../../data';
import { HELPER_BACKGROUNDS, SKILLS, type Helper, type HelperBackground, type HelperDetail, type HelperRequest, type Skill } from '../../api/types';
import { ApiError } from '../../api/errors';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { isPhoneLike, normalizePhone } from '../families/MemberFields';

export interface HelperValues {
  first_name: string;
  last_name: string;
  mobile: string;
  background: HelperBackground | null;
  field_of_study: string;
  skills: Skill[];
  neighborhood: string;
  availability: string;
  notes: string;
}

export const HELPER_FIELDS = [
  'first_name',
  'last_name',
  'mobile',
  'background',
  'field_of_study',
  'skills',
  'neighborhood',
  'availability',
  'notes',
] as const;

export function helperValuesOf(h: Helper | null): HelperValues {
  return {
    first_name: h?.first_name ?? '',
    last_name: h?.last_name ?? '',
    mobile: h?.mobile ?? '',
    background: h?.background ?? null,
    field_of_study: h?.field_of_study ?? '',
    skills: h ? [...h.skills] : [],
    neighborhood: h?.neighborhood ?? '',
    availability: h?.availability ?? '',
    notes: h?.notes ?? '',
  };
}

/** The body the server gets: letters and digits normalized, the phone bare digits. */
export function helperRequestOf(v: HelperValues): HelperRequest {
  return {
    first_name: cleanInput(v.first_name),
    last_name: cleanInput(v.last_name),
    mobile: normalizePhone(cleanInput(v.mobile)),
    background: v.background ?? 'local_activist',
    field_of_study: cleanInput(v.field_of_study),
    // In the order of the list, whatever order they were ticked in.
    skills: SKILLS.filter((s) => v.skills.includes(s)),
    neighborhood: cleanInput(v.neighborhood),
    availability: cleanInput(v.availability),
    notes: cleanInput(v.notes),
  };
}

export type HelperFormProps =
  | { helper: null; onCancel: () => void; onSaved: (saved: HelperDetail) => void }
  | { helper: Helper; onCancel: () => void; onSaved: (saved: HelperDetail) => void; onReloaded: (fresh: HelperDetail) => void };

export function HelperForm(props: HelperFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [loaded, setLoaded] = useState<Helper | null>(props.helper);
  const [values, setValues] = useState<HelperValues>(() => helperValuesOf(props.helper));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof HelperValues>(k: K, v: HelperValues[K]) => setValues((old) => ({ ...old, [k]: v }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!cleanInput(values.first_name)) fields.first_name = t('common.required');
    if (!cleanInput(values.last_name)) fields.last_name = t('common.required');
    if (!values.background) fields.background = t('helpers.form.chooseBackground');
    const mobile = normalizePhone(cleanInput(values.mobile));
    if (mobile && !isPhoneLike(mobile)) fields.mobile = t('member.phoneFormat');
    setErrors({ fields, form: null });
    setConflict(false);
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    try {
      const body = helperRequestOf(values);
      const saved = loaded ? await updateHelper(loaded.id, { ...body, version: loaded.version }) : await createHelper(body);
      props.onSaved(saved);
    } catch (err) {
      setErrors(formErrorFrom(err, HELPER_FIELDS, t, lang, (f) => f.replace(/[.[].*$/, '')));
      setConflict(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  // After a version conflict: the server's current profile (and version) into the form.
  async function reloadLatest() {
    if (!loaded || props.helper === null) return;
    setBusy(true);
    try {
      const fresh = await getHelper(loaded.id);
      setLoaded(fresh.helper);
      setValues(helperValuesOf(fresh.helper));
      setErrors(noErrors);
      setConflict(false);
      props.onReloaded(fresh);
      notify({ color: 'blue', message: t('helpers.form.reloaded') });
    } catch (err) {
      setErrors({ fields: {}, form: errorMessage(err, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form}>
          {conflict && (
            <Button mt="sm" size="compact-sm" variant="light" color="red" onClick={() => void reloadLatest()} display="block">
              {t('helpers.form.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label={t('helpers.fields.first_name')}
            required
            value={values.first_name}
            error={errors.fields.first_name}
            onChange={(e) => set('first_name', e.currentTarget.value)}
            autoComplete="off"
          />
          <TextInput
            label={t('helpers.fields.last_name')}
            required
            value={values.last_name}
            error={errors.fields.last_name}
            onChange={(e) => set('last_name', e.currentTarget.value)}
            autoComplete="off"
          />
          <TextInput
            label={t('helpers.fields.mobile')}
            description={t('member.mobileHint')}
            type="tel"
            inputMode="tel"
            value={values.mobile}
            error={errors.fields.mobile}
            onChange={(e) => set('mobile', e.currentTarget.value)}
            autoComplete="off"
            classNames={{ input: 'numeric-input' }}
          />
          <Select
            label={t('helpers.fields.background')}
            required
            data={HELPER_BACKGROUNDS.map((b) => ({ value: b, label: t(`helpers.background.${b}`) }))}
            value={values.background}
            error={errors.fields.background}
            onChange={(v) => set('background', v as HelperBackground | null)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('helpers.fields.field_of_study')}
            value={values.field_of_study}
            error={errors.fields.field_of_study}
            onChange={(e) => set('field_of_study', e.currentTarget.value)}
            autoComplete="off"
          />
          <TextInput
            label={t('helpers.fields.neighborhood')}
            description={t('helpers.form.neighborhoodHint')}
            value={values.neighborhood}
            error={errors.fields.neighborhood}
            onChange={(e) => set('neighborhood', e.currentTarget.value)}
            autoComplete="off"
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('helpers.fields.skills')}
          description={t('helpers.form.skillsHint')}
          value={values.skills}
          onChange={(v) => set('skills', v as Skill[])}
          error={errors.fields.skills}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" mt="xs">
            {SKILLS.map((s) => (
              <Checkbox key={s} value={s} label={t(`helpers.skill.${s}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <TextInput
          label={t('helpers.fields.availability')}
          description={t('helpers.form.availabilityHint')}
          value={values.availability}
          error={errors.fields.availability}
          onChange={(e) => set('availability', e.currentTarget.value)}
          autoComplete="off"
        />
        <Textarea
          label={t('helpers.fields.notes')}
          // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
          rows={3}
          value={values.notes}
          error={errors.fields.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {props.helper ? t('common.save') : t('helpers.form.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
