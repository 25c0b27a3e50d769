// What a helper may change of a family: its neighborhood, address and phones.
// The form hands over only what changed; where it goes (the device's outbox)
// is the caller's.
import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Family } from '../../api/types';
import { errorMessage } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { normalizePhone } from '../families/MemberFields';
import { PhonesField, badPhone } from '../families/PhonesField';
import { householdChanges, type HouseholdValues } from './changes';

export interface HouseholdFormProps {
  family: Pick<Family, 'neighborhood' | 'address' | 'phones'>;
  /** Gets the changed fields only; resolves once they are kept. */
  onSubmit: (changes: Partial<HouseholdValues>) => Promise<void>;
  /** `changed` false: the form was saved as it was. */
  onDone: (changed: boolean) => void;
  onCancel: () => void;
}

export function HouseholdForm({ family, onSubmit, onDone, onCancel }: HouseholdFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [neighborhood, setNeighborhood] = useState(family.neighborhood ?? '');
  const [address, setAddress] = useState(family.address ?? '');
  const [phones, setPhones] = useState<string[]>(() => (family.phones && family.phones.length > 0 ? [...family.phones] : ['']));
  const [phonesError, setPhonesError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (phones.some(badPhone)) {
      setPhonesError(t('member.phoneFormat'));
      return;
    }
    setPhonesError(undefined);
    const changes = householdChanges(family, {
      neighborhood: cleanInput(neighborhood),
      address: cleanInput(address),
      phones: phones.map(normalizePhone).filter((p) => p !== ''),
    });
    if (Object.keys(changes).length === 0) return onDone(false);
    setBusy(true);
    try {
      await onSubmit(changes);
      onDone(true);
    } catch (err) {
      // Nothing typed is lost: the form stays as it is.
      setError(errorMessage(err, t, lang));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={error} />
        <Text size="sm" c="dimmed">
          {t('offlineFamily.householdHint')}
        </Text>
        <TextInput label={t('fields.neighborhood')} value={neighborhood} onChange={(e) => setNeighborhood(e.currentTarget.value)} autoComplete="off" />
        <Textarea label={t('fields.address')} rows={2} value={address} onChange={(e) => setAddress(e.currentTarget.value)} />
        <PhonesField phones={phones} onChange={setPhones} error={phonesError} />
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
