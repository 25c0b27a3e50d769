// A Solar Hijri date field: type `1403/12/30` (any digits, / or -) or pick from
// a month grid. Speaks ISO Gregorian `YYYY-MM-DD` to the outside, like the API.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ActionIcon, Button, Group, NativeSelect, Popover, Stack, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  MAX_YEAR,
  MIN_YEAR,
  addMonths,
  formatDate,
  formatJalaliNumeric,
  isoToJalali,
  jalaliToIso,
  monthGrid,
  monthName,
  parseJalali,
  sameDate,
  todayJalali,
  weekdayNames,
  type JalaliDate,
} from '../lib/jalali';
import { formatDigits, type Lang } from '../lib/locale';
import { useLang } from '../lib/useLang';
import classes from './JalaliDateInput.module.css';

export interface JalaliDateInputProps {
  label: string;
  /** ISO `YYYY-MM-DD` (Gregorian) or null. */
  value: string | null;
  /** `valid` is false while the text is not a real date (value is then null): block submitting. */
  onChange: (value: string | null, valid: boolean) => void;
  /** An error from outside (e.g. the server's field error). */
  error?: string | null;
  description?: string;
  required?: boolean;
  disabled?: boolean;
  name?: string;
}

function textOf(iso: string | null, lang: Lang): string {
  const d = iso ? isoToJalali(iso) : null;
  return d ? formatJalaliNumeric(d, lang) : '';
}

export function JalaliDateInput({ label, value, onChange, error, description, required, disabled, name }: JalaliDateInputProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState(() => textOf(value, lang));
  const [touched, setTouched] = useState(false);
  const [opened, setOpened] = useState(false);

  const parsed = useMemo(() => (text.trim() === '' ? null : parseJalali(text)), [text]);

  // Follow the value when it changes from outside (form reset, picked in the
  // grid) and re-write the digits when the language changes. A value that the
  // text already says is left alone, so typing "1403/1/1" on the way to
  // "1403/1/15" is not reformatted under the cursor.
  const prevLang = useRef(lang);
  useEffect(() => {
    const langChanged = prevLang.current !== lang;
    prevLang.current = lang;
    const own = parsed?.ok ? parsed.iso : null;
    if (own !== value || (langChanged && value)) setText(textOf(value, lang));
    // Deliberately only value and lang: the text is ours while the person types.
  }, [value, lang]);

  let ownError: string | null = null;
  if (parsed && !parsed.ok) {
    const n = (v: number) => formatDigits(v, lang);
    switch (parsed.error) {
      case 'format':
        ownError = t('date.errors.format');
        break;
      case 'year':
        ownError = t('date.errors.year', { min: n(MIN_YEAR), max: n(MAX_YEAR) });
        break;
      case 'month':
        ownError = t('date.errors.month');
        break;
      case 'day':
        ownError = t('date.errors.day', {
          month: monthName(parsed.month ?? 1, lang),
          year: n(parsed.year ?? 0),
          max: n(parsed.maxDay ?? 0),
        });
        break;
    }
  }

  function handleText(next: string) {
    setText(next);
    if (next.trim() === '') return onChange(null, true);
    const r = parseJalali(next);
    onChange(r.ok ? r.iso : null, r.ok);
  }

  function pick(d: JalaliDate | null) {
    const iso = d ? jalaliToIso(d) : null;
    setText(textOf(iso, lang));
    setTouched(false);
    setOpened(false);
    onChange(iso, true);
  }

  const shownError = (touched && ownError) || error || null;
  const selected = value ? isoToJalali(value) : null;

  return (
    <TextInput
      label={label}
      name={name}
      description={description ?? t('date.hint')}
      placeholder={t('date.placeholder')}
      value={text}
      required={required}
      disabled={disabled}
      error={shownError}
      inputMode="numeric"
      autoComplete="off"
      // Dates read left to right as numbers even in RTL: keep "1403/12/30" in that order.
      classNames={{ input: classes.input }}
      onChange={(e) => handleText(e.currentTarget.value)}
      onBlur={() => {
        setTouched(true);
        if (parsed?.ok) setText(formatJalaliNumeric(parsed.date, lang));
      }}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover opened={opened} onChange={setOpened} position="bottom-end" trapFocus returnFocus withArrow shadow="md" disabled={disabled}>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              aria-label={t('date.openCalendar')}
              aria-expanded={opened}
              onClick={() => setOpened((o) => !o)}
              disabled={disabled}
            >
              <CalendarIcon />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <MonthPicker selected={selected} onPick={pick} />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

function MonthPicker({ selected, onPick }: { selected: JalaliDate | null; onPick: (d: JalaliDate | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const today = todayJalali();
  const start = selected ?? today;
  const [view, setView] = useState({ year: start.year, month: start.month });
  const captionId = useId();
  const rtl = i18n.dir() === 'rtl';

  const years = useMemo(() => {
    const list: number[] = [];
    for (let y = MAX_YEAR; y >= MIN_YEAR; y--) list.push(y);
    return list;
  }, []);

  function move(delta: number) {
    const next = addMonths(view.year, view.month, delta);
    if (next.year >= MIN_YEAR && next.year <= MAX_YEAR) setView(next);
  }

  const weekdays = weekdayNames(lang, 'narrow');
  const weekdaysLong = weekdayNames(lang, 'long');
  const n = (v: number) => formatDigits(v, lang);

  return (
    <Stack gap="xs" className={classes.picker}>
      <Group gap={4} wrap="nowrap" justify="space-between">
        <ActionIcon variant="subtle" onClick={() => move(-1)} aria-label={t('date.prevMonth')}>
          {rtl ? '›' : '‹'}
        </ActionIcon>
        <NativeSelect
          aria-label={t('date.month')}
          size="xs"
          value={String(view.month)}
          onChange={(e) => setView({ ...view, month: Number(e.currentTarget.value) })}
          data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1, lang) }))}
        />
        <NativeSelect
          aria-label={t('date.year')}
          size="xs"
          value={String(view.year)}
          onChange={(e) => setView({ ...view, year: Number(e.currentTarget.value) })}
          data={years.map((y) => ({ value: String(y), label: n(y) }))}
        />
        <ActionIcon variant="subtle" onClick={() => move(1)} aria-label={t('date.nextMonth')}>
          {rtl ? '‹' : '›'}
        </ActionIcon>
      </Group>
      <table className={classes.grid} aria-labelledby={captionId}>
        <caption>
          <VisuallyHidden id={captionId}>
            {t('date.calendar', { month: monthName(view.month, lang), year: n(view.year) })}
          </VisuallyHidden>
        </caption>
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={i} scope="col" abbr={weekdaysLong[i]}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(view.year, view.month).map((week, wi) => (
            <tr key={wi}>
              {week.map((d, di) => (
                <td key={di}>
                  {d && (
                    <UnstyledButton
                      className={classes.day}
                      data-selected={sameDate(d, selected) || undefined}
                      data-today={sameDate(d, today) || undefined}
                      aria-pressed={sameDate(d, selected)}
                      aria-current={sameDate(d, today) ? 'date' : undefined}
                      aria-label={formatDate(jalaliToIso(d), lang)}
                      onClick={() => onPick(d)}
                    >
                      {n(d.day)}
                    </UnstyledButton>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Group justify="space-between" gap="xs">
        <Button size="compact-sm" variant="subtle" onClick={() => onPick(today)}>
          {t('date.today')}
        </Button>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => onPick(null)}>
          {t('date.clear')}
        </Button>
      </Group>
    </Stack>
  );
}

function CalendarIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" strokeLinecap="round" />
    </svg>
  );
}
