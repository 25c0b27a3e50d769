import { useEffect, useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CourseDetail, CourseSession } from '../../api/types';
import { saveAttendance } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { localIsoDate } from '../myFamilies/period';
import {
  courseHours,
  defaultSessionId,
  isPresent,
  presentText,
  savedSheet,
  sheetChanged,
  sheetEntries,
  type SheetText,
} from './attendance';
import { formatHours, parseHours } from './hours';

export interface AttendanceSheetProps {
  detail: CourseDetail;
  canManage: boolean;
  onChange: (detail: CourseDetail) => void;
}

/**
 * One session's attendance: a line per trainee with "present" (the whole
 * session) and the hours attended. Edits are kept per session until saved,
 * so moving between sessions loses nothing.
 */
export function AttendanceSheet({ detail, canManage, onChange }: AttendanceSheetProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [sessionId, setSessionId] = useState<string | null>(() => defaultSessionId(detail.sessions, localIsoDate()));
  const [drafts, setDrafts] = useState<Record<string, SheetText>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const session = detail.sessions.find((s) => s.id === sessionId) ?? null;

  // The chosen session was deleted (or the first one was just added): pick another.
  useEffect(() => {
    if (!session && detail.sessions.length > 0) setSessionId(defaultSessionId(detail.sessions, localIsoDate()));
  }, [session, detail.sessions]);

  if (detail.sessions.length === 0) return <Text c="dimmed">{t('training.attendance.noSessions')}</Text>;
  if (detail.trainees.length === 0) return <Text c="dimmed">{t('training.attendance.noTrainees')}</Text>;

  const date = (s: CourseSession) => formatDate(s.held_on, lang);
  const sessionPicker = (
    <Select
      label={t('training.attendance.session')}
      data={detail.sessions.map((s) => ({ value: s.id, label: t('training.attendance.sessionOption', { date: date(s), topic: s.topic }) }))}
      value={session?.id ?? null}
      onChange={(v) => {
        if (v) setSessionId(v);
        setFormError(null);
      }}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      maw={480}
    />
  );
  if (!session) return sessionPicker;

  const saved = savedSheet(detail.trainees, detail.attendance, session.id, lang);
  const text: SheetText = { ...saved, ...drafts[session.id] };
  const totals = courseHours(detail.attendance);
  const changed = sheetChanged(detail.trainees, text, saved);
  const max = formatHours(session.hours, lang);

  function setRow(helperId: string, value: string) {
    setDrafts((d) => ({ ...d, [session!.id]: { ...d[session!.id], [helperId]: value } }));
    setFormError(null);
  }

  function allPresent() {
    const all: SheetText = {};
    for (const tr of detail.trainees) all[tr.helper_id] = presentText(true, session!.hours, lang);
    setDrafts((d) => ({ ...d, [session!.id]: all }));
    setFormError(null);
  }

  function rowError(helperId: string): string | null {
    const p = parseHours(text[helperId] ?? '', session!.hours);
    if (!p || p.ok) return null;
    return t(`training.hoursErrors.${p.error}`, { max });
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const result = sheetEntries(detail.trainees, text, session!.hours);
    if (!result.ok) {
      setFormError(t('training.attendance.fixErrors'));
      return;
    }
    const sid = session!.id;
    setBusy(true);
    setFormError(null);
    try {
      const d = await saveAttendance(sid, result.entries);
      setDrafts((d) => {
        const rest = { ...d };
        delete rest[sid];
        return rest;
      });
      onChange(d);
      notify({ color: 'teal', message: t('training.attendance.saved', { date: date(session!) }) });
    } catch (err) {
      setFormError(errorMessage(err, t, lang));
    } finally {
      setBusy(false);
    }
  }

  const sheetTitle = t('training.attendance.sheet', { date: date(session) });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={sheetTitle}>
      <Stack gap="md">
        {sessionPicker}
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t('training.attendance.sessionHours', { n: max, mode: t(`training.mode.${session.mode}`) })}
          </Text>
          {canManage && (
            <Group gap="xs">
              {changed && (
                <Badge color="orange" variant="light" c="#8f3604">
                  {t('training.attendance.unsaved')}
                </Badge>
              )}
              <Button size="compact-sm" variant="default" onClick={allPresent}>
                {t('training.attendance.allPresent')}
              </Button>
            </Group>
          )}
        </Group>
        {!canManage && (
          <Text size="sm" c="dimmed">
            {t('training.attendance.readOnly')}
          </Text>
        )}
        <FormAlert message={formError} />
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="xs" aria-label={sheetTitle} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.attendance.trainee')}</Table.Th>
                <Table.Th>{t('training.attendance.present')}</Table.Th>
                <Table.Th>{t('training.attendance.hours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.trainees.map((tr) => {
                const value = text[tr.helper_id] ?? '';
                return (
                  <Table.Tr key={tr.helper_id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {tr.full_name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('training.attendance.totalOf', { n: formatHours(totals.get(tr.helper_id) ?? 0, lang) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('training.attendance.presentOf', { name: tr.full_name })}
                        checked={isPresent(value)}
                        disabled={!canManage}
                        onChange={(e) => setRow(tr.helper_id, presentText(e.currentTarget.checked, session.hours, lang))}
                      />
                    </Table.Td>
                    <Table.Td>
                      {canManage ? (
                        <TextInput
                          aria-label={t('training.attendance.hoursOf', { name: tr.full_name })}
                          value={value}
                          placeholder={formatHours(0, lang)}
                          inputMode="decimal"
                          autoComplete="off"
                          size="sm"
                          w={110}
                          error={rowError(tr.helper_id)}
                          onChange={(e) => setRow(tr.helper_id, e.currentTarget.value)}
                          onBlur={() => {
                            const p = parseHours(value, session.hours);
                            if (p?.ok && value !== formatHours(p.hours, lang)) setRow(tr.helper_id, formatHours(p.hours, lang));
                          }}
                        />
                      ) : (
                        <Text size="sm">{value === '' ? formatHours(0, lang) : value}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canManage && (
          <>
            <Text size="xs" c="dimmed">
              {t('training.attendance.hoursHint', { max })}
            </Text>
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t('training.attendance.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}
