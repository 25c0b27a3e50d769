// The attendance sheet, made for a phone: a held session picked at the top,
// one big switch per participant, one save. Marks are kept per session
// until saved, so moving between sessions loses nothing.
import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail } from '../../api/types';
import { saveProgramAttendance } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { attendanceLines, defaultHeldSession, heldSessions, savedPresence, sessionWhen, sheetChanged } from './model';

export function ProgramAttendance({ detail, onChange }: { detail: ProgramDetail; onChange: (d: ProgramDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const held = heldSessions(detail.program.sessions, detail.today);
  const [sessionId, setSessionId] = useState<string | null>(() => defaultHeldSession(detail.program.sessions, detail.today));
  const [drafts, setDrafts] = useState<Record<string, Record<string, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const participants = detail.participants ?? [];

  if (held.length === 0) return <Text c="dimmed">{t('programs.attendance.noHeld')}</Text>;
  if (participants.length === 0) return <Text c="dimmed">{t('programs.attendance.noParticipants')}</Text>;
  const session = held.find((s) => s.id === sessionId) ?? held[held.length - 1]!;
  const saved = savedPresence(detail.attendance, session.id);
  const marks = { ...saved, ...drafts[session.id] };
  const changed = sheetChanged(participants, marks, saved);
  const present = participants.filter((p) => marks[p.registration.id]).length;
  const date = formatDate(session.held_on, lang);

  function mark(regId: string, value: boolean) {
    setDrafts((d) => ({ ...d, [session.id]: { ...d[session.id], [regId]: value } }));
    setError(null);
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const fresh = await saveProgramAttendance(session.id, attendanceLines(participants, marks));
      setDrafts((d) => {
        const rest = { ...d };
        delete rest[session.id];
        return rest;
      });
      onChange(fresh);
      notify({ color: 'teal', message: t('programs.attendance.saved', { date }) });
    } catch (e) {
      setError(errorMessage(e, t, lang));
    } finally {
      setBusy(false);
    }
  }

  const title = t('programs.attendance.sheet', { date });
  return (
    <Stack gap="md" role="form" aria-label={title}>
      <Select
        label={t('programs.attendance.session')}
        data={[...held].reverse().map((s) => ({ value: s.id, label: sessionWhen(s, t, lang) + (s.title ? ` – ${s.title}` : '') }))}
        value={session.id}
        onChange={(v) => {
          if (v) setSessionId(v);
          setError(null);
        }}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Group justify="space-between" gap="xs">
        <Text size="sm" aria-live="polite">
          {t('programs.attendance.presentN', { n: formatNumber(present, lang), m: formatNumber(participants.length, lang) })}
        </Text>
        <Group gap="xs">
          {changed && (
            <Badge color="orange" variant="light" c="#8f3604">
              {t('programs.attendance.unsaved')}
            </Badge>
          )}
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setDrafts((d) => ({ ...d, [session.id]: Object.fromEntries(participants.map((p) => [p.registration.id, true])) }))}
          >
            {t('programs.attendance.allPresent')}
          </Button>
        </Group>
      </Group>
      <FormAlert message={error} />
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={title}>
        {participants.map((p) => {
          const on = marks[p.registration.id] === true;
          return (
            <Card key={p.registration.id} component="li" withBorder padding="sm" bg={on ? 'teal.0' : undefined}>
              <Switch
                size="xl"
                checked={on}
                onChange={(e) => mark(p.registration.id, e.currentTarget.checked)}
                label={p.name}
                description={on ? t('programs.attendance.present') : t('programs.attendance.absent')}
                onLabel="✓"
                offLabel=""
                styles={{ body: { justifyContent: 'space-between', flexDirection: 'row-reverse' }, labelWrapper: { flex: 1 }, label: { fontWeight: 600 } }}
              />
            </Card>
          );
        })}
      </Stack>
      <Button size="lg" fullWidth loading={busy} onClick={() => void save()}>
        {t('programs.attendance.save')}
      </Button>
    </Stack>
  );
}
