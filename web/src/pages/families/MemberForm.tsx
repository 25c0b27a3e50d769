// Add a member to a family, or edit one.
import { useState, type FormEvent } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { notify } from '../../lib/notify';
import { useTranslation } from 'react-i18next';
import { addMember, getFamily, updateMember, type FamilyDetail, type Member, type MemberInput } from '../../data';
import { ApiError } from '../../api/errors';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { formFieldOf } from './FamilyForm';
import { MEMBER_FIELDS, MemberFields, memberErrors, memberInputFrom, memberValuesOf, type MemberValues } from './MemberFields';

export interface MemberFormProps {
  familyId: string;
  /** null: a new member. */
  member: Member | null;
  onCancel: () => void;
  onSaved: (m: Member) => void;
  /** After a version conflict the person reloaded: the family as it is now. */
  onReloaded?: (fresh: FamilyDetail) => void;
  /**
   * Where the member goes instead of the server (the helper's device store):
   * gets what the form checked, and the member as loaded (null: a new one).
   * Its errors show at the top of the form, as the server's do.
   */
  onSubmit?: (body: MemberInput, loaded: Member | null) => Promise<Member>;
}

export function MemberForm({ familyId, member, onCancel, onSaved, onReloaded, onSubmit: submitTo }: MemberFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [loaded, setLoaded] = useState<Member | null>(member);
  const [values, setValues] = useState<MemberValues>(() => memberValuesOf(member));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [gone, setGone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = memberErrors(values, t);
    setErrors({ fields, form: null });
    setConflict(false);
    if (Object.keys(fields).length > 0 || !values.birth_date_valid) return;
    const body = memberInputFrom(values);
    setBusy(true);
    try {
      if (submitTo) onSaved(await submitTo(body, loaded));
      else onSaved(loaded ? await updateMember(familyId, loaded.id, { ...body, version: loaded.version }) : await addMember(familyId, body));
    } catch (err) {
      setErrors(formErrorFrom(err, MEMBER_FIELDS, t, lang, formFieldOf));
      setConflict(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  async function reloadLatest() {
    if (!loaded) return;
    setBusy(true);
    try {
      const fresh = await getFamily(familyId);
      onReloaded?.(fresh);
      const now = fresh.members.find((m) => m.id === loaded.id);
      setConflict(false);
      if (!now) {
        // Removed or moved meanwhile: nothing left to edit here.
        setGone(true);
        setErrors({ fields: {}, form: t('member.gone') });
        return;
      }
      setLoaded(now);
      setValues(memberValuesOf(now));
      setErrors(noErrors);
      notify({ color: 'blue', message: t('family.reloaded') });
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
              {t('family.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <MemberFields values={values} onChange={setValues} errors={errors.fields} relationFixed={loaded?.relation === 'head'} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {gone ? t('common.close') : t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={gone}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
