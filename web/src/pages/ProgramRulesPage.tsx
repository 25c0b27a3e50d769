// The program rules of a headquarters (قواعد برنامهٔ همیاری): training hours
// before acceptance and during the year, how many families a helper holds,
// and how long an assignment lasts. Headquarters admins (`program.manage`).
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { getProgramRules, setProgramRules, useResource, type ProgramRules } from '../data';
import { ApiError } from '../api/errors';
import { formErrorFrom, noErrors, type FormErrorState } from '../i18n/errors';
import { formatDigits, type Lang } from '../lib/locale';
import { notify } from '../lib/notify';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { FormAlert } from '../components/FormAlert';
import { LoadState } from '../components/LoadState';
import { formatHours, parseHours, parseWhole } from './helpers/helperState';

export const RULE_FIELDS = [
  'pre_service_hours',
  'in_service_hours',
  'caseload_min',
  'caseload_max',
  'assignment_days',
  'offline_lock_days',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export type RuleValues = Record<RuleField, string>;

/** The rules as the inputs show them: digits of the language, hours with a decimal mark. */
export function ruleValuesOf(r: ProgramRules, lang: Lang): RuleValues {
  return {
    pre_service_hours: formatHours(r.pre_service_hours, lang).replace(/[٬,]/g, ''),
    in_service_hours: formatHours(r.in_service_hours, lang).replace(/[٬,]/g, ''),
    caseload_min: formatDigits(r.caseload_min, lang),
    caseload_max: formatDigits(r.caseload_max, lang),
    assignment_days: formatDigits(r.assignment_days, lang),
    offline_lock_days: formatDigits(r.offline_lock_days, lang),
  };
}

export type ParsedRules = Omit<ProgramRules, 'version'>;

/**
 * Checks what was typed (any digits) with the server's limits, so the
 * person learns before sending: hours 0–500 in quarter hours, a limit of
 * 1–50 families, a minimum up to the limit, 30–731 days, a lock of 1–90 days.
 */
export function parseRules(v: RuleValues): { rules: ParsedRules | null; errors: Partial<Record<RuleField, RuleProblem>> } {
  const errors: Partial<Record<RuleField, RuleProblem>> = {};
  const hours = (f: 'pre_service_hours' | 'in_service_hours') => {
    const h = parseHours(v[f]);
    if (v[f].trim() === '') errors[f] = 'required';
    else if (h === null) errors[f] = 'hours';
    else if (h > 500) errors[f] = 'hoursMax';
    return h;
  };
  const whole = (f: 'caseload_min' | 'caseload_max' | 'assignment_days' | 'offline_lock_days') => {
    const n = parseWhole(v[f]);
    if (v[f].trim() === '') errors[f] = 'required';
    else if (n === null) errors[f] = 'whole';
    return n;
  };
  const pre = hours('pre_service_hours');
  const inService = hours('in_service_hours');
  const min = whole('caseload_min');
  const max = whole('caseload_max');
  const days = whole('assignment_days');
  const lock = whole('offline_lock_days');
  if (max !== null && (max < 1 || max > 50)) errors.caseload_max = 'maxRange';
  if (min !== null && max !== null && !errors.caseload_max && min > max) errors.caseload_min = 'minAboveMax';
  if (days !== null && (days < 30 || days > 731)) errors.assignment_days = 'daysRange';
  if (lock !== null && (lock < 1 || lock > 90)) errors.offline_lock_days = 'lockRange';
  if (
    Object.keys(errors).length > 0 ||
    pre === null ||
    inService === null ||
    min === null ||
    max === null ||
    days === null ||
    lock === null
  ) {
    return { rules: null, errors };
  }
  return {
    rules: {
      pre_service_hours: pre,
      in_service_hours: inService,
      caseload_min: min,
      caseload_max: max,
      assignment_days: days,
      offline_lock_days: lock,
    },
    errors,
  };
}

export type RuleProblem = 'required' | 'hours' | 'hoursMax' | 'whole' | 'maxRange' | 'minAboveMax' | 'daysRange' | 'lockRange';

export function ProgramRulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('programRules.title'));
  const resource = useResource(() => getProgramRules(), []);
  const [rules, setRules] = useState<ProgramRules | undefined>(undefined);
  useEffect(() => setRules(resource.data), [resource.data]);

  return (
    <Stack gap="lg" maw={720}>
      <Title order={1} size="h2">
        {t('programRules.title')}
      </Title>
      <Text c="dimmed">{t('programRules.intro')}</Text>
      {!rules ? (
        <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
      ) : (
        <RulesForm key={`${rules.version ?? 'default'}`} rules={rules} onSaved={setRules} onReload={resource.reload} />
      )}
    </Stack>
  );
}

function RulesForm({ rules, onSaved, onReload }: { rules: ProgramRules; onSaved: (r: ProgramRules) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [values, setValues] = useState<RuleValues>(() => ruleValuesOf(rules, lang));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (f: RuleField, v: string) => setValues((old) => ({ ...old, [f]: v }));

  const problemText = (p: RuleProblem) => {
    switch (p) {
      case 'required':
        return t('common.required');
      case 'hours':
        return t('programRules.errors.hours');
      case 'hoursMax':
        return t('programRules.errors.hoursMax', { max: formatDigits(500, lang) });
      case 'whole':
        return t('programRules.errors.whole');
      case 'maxRange':
        return t('programRules.errors.maxRange', { min: formatDigits(1, lang), max: formatDigits(50, lang) });
      case 'minAboveMax':
        return t('programRules.errors.minAboveMax');
      case 'daysRange':
        return t('programRules.errors.daysRange', { min: formatDigits(30, lang), max: formatDigits(731, lang) });
      case 'lockRange':
        return t('programRules.errors.lockRange', { min: formatDigits(1, lang), max: formatDigits(90, lang) });
    }
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseRules(values);
    const fields: Record<string, string> = {};
    for (const [f, p] of Object.entries(parsed.errors)) fields[f] = problemText(p);
    setErrors({ fields, form: null });
    setConflict(false);
    if (!parsed.rules) return;
    setBusy(true);
    try {
      const saved = await setProgramRules(parsed.rules, rules.version);
      onSaved(saved);
      notify({ color: 'teal', message: t('programRules.saved') });
    } catch (err) {
      setErrors(formErrorFrom(err, RULE_FIELDS, t, lang));
      setConflict(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  const field = (f: RuleField, inputMode: 'numeric' | 'decimal') => (
    <TextInput
      label={t(`programRules.fields.${f}`)}
      description={t(`programRules.hints.${f}`)}
      required
      value={values[f]}
      error={errors.fields[f]}
      onChange={(e) => set(f, e.currentTarget.value)}
      inputMode={inputMode}
      autoComplete="off"
      classNames={{ input: 'numeric-input' }}
    />
  );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        {rules.version === null && (
          <Alert color="blue" variant="light" role="note">
            {t('programRules.defaults')}
          </Alert>
        )}
        <FormAlert message={errors.form}>
          {conflict && (
            <Button mt="sm" size="compact-sm" variant="light" color="red" onClick={onReload} display="block">
              {t('programRules.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <Card withBorder padding="md" component="fieldset" m={0}>
          <Stack gap="sm">
            <Title order={2} size="h4" component="legend">
              {t('programRules.training')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
              {field('pre_service_hours', 'decimal')}
              {field('in_service_hours', 'decimal')}
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder padding="md" component="fieldset" m={0}>
          <Stack gap="sm">
            <Title order={2} size="h4" component="legend">
              {t('programRules.caseload')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
              {field('caseload_min', 'numeric')}
              {field('caseload_max', 'numeric')}
            </SimpleGrid>
            {field('assignment_days', 'numeric')}
          </Stack>
        </Card>
        <Card withBorder padding="md" component="fieldset" m={0}>
          <Stack gap="sm">
            <Title order={2} size="h4" component="legend">
              {t('programRules.offline')}
            </Title>
            {field('offline_lock_days', 'numeric')}
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
        {errors.form === null && Object.keys(errors.fields).length > 0 && (
          <Text size="sm" c="red.8" role="alert">
            {t('programRules.fixErrors')}
          </Text>
        )}
      </Stack>
    </form>
  );
}

