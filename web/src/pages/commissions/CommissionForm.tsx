// Setting up a commission, or changing its name, domain and notes.
import { useState, type FormEvent } from 'react';
import { Button, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { Commission, CommissionDetail, Domain, Me } from '../../api/types';
import { createCommission, updateCommission } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { digitsFor } from '../families/format';
import { DOMAINS } from '../resources/resourceState';

const FIELDS = ['domain', 'name', 'notes'] as const;

export interface CommissionFormProps {
  me: Me;
  /** Null for a new commission. */
  commission: Commission | null;
  onCancel: () => void;
  onSaved: (detail: CommissionDetail) => void;
  /** It changed meanwhile: load it again. */
  onStale?: () => void;
}

export function CommissionForm({ me, commission, onCancel, onSaved, onStale }: CommissionFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [domain, setDomain] = useState<Domain>(commission?.domain ?? 'social');
  const [name, setName] = useState(commission?.name ?? '');
  const [notes, setNotes] = useState(() => digitsFor(commission?.notes ?? '', lang));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cleanName = cleanInput(name);
    if (!cleanName) {
      setErrors({ fields: { name: t('common.required') }, form: null });
      return;
    }
    setErrors(noErrors);
    setStale(false);
    setBusy(true);
    const body = { domain, name: cleanName, notes: cleanInput(notes) };
    try {
      onSaved(commission ? await updateCommission(commission.id, { ...body, version: commission.version }) : await createCommission(body));
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
      setStale(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  const ownerHint = commission
    ? null
    : me.user.role === 'hq_admin'
      ? t('casework.commissions.hqHint')
      : me.center
        ? t('casework.commissions.centerHint', { name: me.center.name })
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
        <Radio.Group label={t('casework.commissions.fields.domain')} required value={domain} onChange={(v) => setDomain(v as Domain)} error={errors.fields.domain}>
          <Group mt={6} gap="md">
            {DOMAINS.map((d) => (
              <Radio key={d} value={d} label={t(`assessment.domain.${d}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label={t('casework.commissions.fields.name')}
          placeholder={t('casework.commissions.namePlaceholder')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.fields.name}
          maxLength={200}
          autoComplete="off"
        />
        <Textarea
          label={t('casework.commissions.fields.notes')}
          rows={3}
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
