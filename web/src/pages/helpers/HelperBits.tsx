// Small pieces shown wherever a helper is: their status, the caseload bar,
// training progress and last activity. Colour is never the only sign: each
// says its state in words.
import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HelperStatus, ProgramRules } from '../../api/types';
import { formatInstantDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { CASELOAD_COLOR, caseloadState, formatHours, lastActivity, percentOf, type CaseloadState } from './helperState';

/** A bar that says its value in words to screen readers (Mantine's says only the percentage). */
export function Bar({ value, color, label, text, size = 'sm' }: { value: number; color: string; label: string; text: string; size?: string }) {
  return (
    <Progress.Root size={size}>
      <Progress.Section
        value={value}
        color={color}
        withAria={false}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value)}
        aria-valuetext={text}
      />
    </Progress.Root>
  );
}

// Darker than Mantine's orange and red: AA contrast on white (as TierBadge's text).
const NOTE_TEXT: Record<CaseloadState, string | undefined> = { under: '#8f3604', ok: undefined, full: '#a51d1d' };

const STATUS_COLOR: Record<HelperStatus, string> = {
  applicant: 'gray',
  in_training: 'blue',
  accepted: 'cyan',
  active: 'teal',
  inactive: 'dark',
};

export function HelperStatusBadge({ status, size = 'md' }: { status: HelperStatus; size?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" size={size} data-status={status}>
      {t(`helpers.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/**
 * `n of max` families as a bar; the label warns when an accepted or active
 * helper has fewer than the minimum, and says "full" at the limit.
 */
export function CaseloadBar({
  caseload,
  status,
  rules,
  name,
}: {
  caseload: number;
  status: HelperStatus;
  rules: Pick<ProgramRules, 'caseload_min' | 'caseload_max'>;
  /** The helper's name, for the bar's accessible name. */
  name: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const state = caseloadState(caseload, rules, status);
  const n = (v: number) => formatNumber(v, lang);
  const count = t('helpers.caseload.count', { n: n(caseload), max: n(rules.caseload_max) });
  const note = state === 'full' ? t('helpers.caseload.full') : state === 'under' ? t('helpers.caseload.under', { min: n(rules.caseload_min) }) : null;
  return (
    <Stack gap={4} miw={140} data-caseload={state}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm">{count}</Text>
        {note && (
          <Text size="xs" fw={700} c={NOTE_TEXT[state]}>
            {note}
          </Text>
        )}
      </Group>
      <Bar
        value={percentOf(caseload, rules.caseload_max)}
        color={CASELOAD_COLOR[state]}
        label={t('helpers.caseload.barOf', { name })}
        text={note ? `${count}${t('common.separator')}${note}` : count}
      />
    </Stack>
  );
}

/** `x of y hours` with a bar, for one part of the training. */
export function HoursBar({ label, done, required }: { label: string; done: number; required: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const text = t('helpers.training.hoursOf', { done: formatHours(done, lang), required: formatHours(required, lang) });
  const complete = done >= required;
  return (
    <Stack gap={2} miw={140}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="xs">{text}</Text>
      </Group>
      <Bar value={percentOf(done, required)} color={complete ? 'teal' : 'blue'} size="xs" label={label} text={text} />
    </Stack>
  );
}

/** Pre-service and in-service hours against the rules. */
export function TrainingHours({ pre, inService, rules }: { pre: number; inService: number; rules: Pick<ProgramRules, 'pre_service_hours' | 'in_service_hours'> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <HoursBar label={t('helpers.training.preService')} done={pre} required={rules.pre_service_hours} />
      <HoursBar label={t('helpers.training.inService')} done={inService} required={rules.in_service_hours} />
    </Stack>
  );
}

/** «امروز», «۳ روز پیش», a Solar Hijri date, or «—». */
export function LastActivityText({ at }: { at: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const a = lastActivity(at);
  switch (a.kind) {
    case 'none':
      return <>{t('common.none')}</>;
    case 'today':
      return <>{t('helpers.activity.today')}</>;
    case 'yesterday':
      return <>{t('helpers.activity.yesterday')}</>;
    case 'daysAgo':
      return <>{t('helpers.activity.daysAgo', { n: formatNumber(a.days, lang) })}</>;
    case 'date':
      return <>{formatInstantDate(a.at, lang)}</>;
  }
}
