// A national ID field: any digits (Persian keyboards type ۰–۹), checked as
// the server checks it once the person leaves the field.
import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nationalIdProblem } from '../lib/nationalId';

export interface NationalIdInputProps {
  label: string;
  /** As typed; send `normalizeNationalId(value)`. */
  value: string;
  onChange: (value: string) => void;
  /** An error from outside (the form's check on submit, or the server's). */
  error?: string | null;
  description?: string;
}

export function NationalIdInput({ label, value, onChange, error, description }: NationalIdInputProps) {
  const { t } = useTranslation();
  const [touched, setTouched] = useState(false);
  const problem = value.trim() === '' ? null : nationalIdProblem(value);
  const own = touched && problem ? t(`member.nationalIdErrors.${problem}`) : null;
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      // The server's message (e.g. where a duplicate is registered) wins over ours.
      error={error || own || null}
      inputMode="numeric"
      autoComplete="off"
      maxLength={14}
      classNames={{ input: 'numeric-input' }}
      onChange={(e) => {
        onChange(e.currentTarget.value);
        // Typing again hides the old complaint until the person leaves the field.
        setTouched(false);
      }}
      onBlur={() => setTouched(true)}
    />
  );
}
