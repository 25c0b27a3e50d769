// A family's phone numbers: one input each, a button to add one and one to
// remove each. Empty inputs are dropped when saving (normalizePhone).
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDigits } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { isPhoneLike, normalizePhone } from './MemberFields';

/** A typed number the server would refuse (not empty, not 4–15 digits). */
export function badPhone(p: string): boolean {
  const n = normalizePhone(p);
  return n !== '' && !isPhoneLike(n);
}

export function PhonesField({ phones, onChange, error }: { phones: string[]; onChange: (next: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const setPhone = (i: number, v: string) => onChange(phones.map((p, j) => (j === i ? v : p)));
  return (
    <Stack gap={6} role="group" aria-label={t('fields.phones')}>
      <Text size="sm" fw={500}>
        {t('fields.phones')}
      </Text>
      {phones.map((p, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            flex={1}
            aria-label={t('family.phoneN', { n: formatDigits(i + 1, lang) })}
            value={p}
            onChange={(e) => setPhone(i, e.currentTarget.value)}
            inputMode="tel"
            type="tel"
            autoComplete="off"
            classNames={{ input: 'numeric-input' }}
            error={!!error && badPhone(p)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('family.removePhone', { n: formatDigits(i + 1, lang) })}
            onClick={() => onChange(phones.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Button variant="subtle" size="compact-sm" onClick={() => onChange([...phones, ''])} style={{ alignSelf: 'flex-start' }}>
        {t('family.addPhone')}
      </Button>
    </Stack>
  );
}
