// The center's group programs: a Solar Hijri month of their sessions, the
// list (kind, topic, next session, whom for), «برنامهٔ تازه» for managers,
// and the monthly counts.
import { digitsFor } from '../families/format';
import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, listPrograms, programMonths, useResource, type Me } from '../../data';
import { formatDate, isoToJalali, monthName } from '../../lib/jalali';
import { formatDigits, formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps, navigate } from '../../router';
import { LoadState } from '../../components/LoadState';
import { currentMonth, MonthCalendar, type MonthView } from '../assistance/MonthCalendar';
import { localIsoDate } from '../myFamilies/period';
import { ProgramForm } from './ProgramForm';
import { calendarEntries, nextSession, sessionWhen, targetSummary } from './model';

export function ProgramsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('programs.title'));
  const resource = useResource(listPrograms, []);
  const [view, setView] = useState<MonthView>(currentMonth);
  const [creating, setCreating] = useState(false);
  const programs = resource.data;
  const entries = useMemo(() => calendarEntries(programs ?? [], t), [programs, t]);
  const today = localIsoDate();
  const manage = can(me, 'programs.manage');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('programs.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('programs.intro')}
          </Text>
        </Stack>
        {manage && <Button onClick={() => setCreating(true)}>{t('programs.new')}</Button>}
      </Group>

      {!programs ? (
        <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
      ) : (
        <>
          <Card withBorder padding="md" component="section" aria-labelledby="programs-calendar">
            <Title order={2} size="h4" id="programs-calendar" mb="sm">
              {t('programs.calendar.title')}
            </Title>
            <MonthCalendar
              view={view}
              onViewChange={setView}
              entries={entries}
              texts="programs.calendar"
              legend={null}
              renderDay={(list) => (
                <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {list.map((e) => (
                    <li key={e.id}>
                      <Anchor {...linkProps(`/programs/${e.programId}`)}>{digitsFor(e.program.topic, lang)}</Anchor>
                      <Text size="xs" c="dimmed">
                        {sessionWhen(e.session, t, lang)}
                        {e.session.title ? ` – ${e.session.title}` : ''}
                      </Text>
                    </li>
                  ))}
                </Stack>
              )}
            />
          </Card>

          <Stack gap="sm" component="section" aria-labelledby="programs-list">
            <Title order={2} size="h4" id="programs-list">
              {t('programs.list.title')}
            </Title>
            {programs.length === 0 ? (
              <Text c="dimmed">{t('programs.list.empty')}</Text>
            ) : (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programs.list.title')}>
                {programs.map((p) => {
                  const next = nextSession(p, today);
                  return (
                    <Card key={p.id} component="li" withBorder padding="sm">
                      <Stack gap={4}>
                        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                          <Anchor {...linkProps(`/programs/${p.id}`)} fw={700}>
                            {digitsFor(p.topic, lang)}
                          </Anchor>
                          <Badge variant="light" style={{ flexShrink: 0 }}>
                            {t(`programs.kind.${p.kind}`)}
                          </Badge>
                        </Group>
                        <Text size="sm">
                          {p.kind === 'media_campaign'
                            ? t('programs.list.campaign', { from: formatDate(p.starts_on, lang), to: formatDate(p.ends_on, lang) })
                            : next
                              ? t('programs.list.next', { when: sessionWhen(next, t, lang) })
                              : t('programs.list.noNext')}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {targetSummary(p.target, t, lang)}
                        </Text>
                      </Stack>
                    </Card>
                  );
                })}
              </Stack>
            )}
          </Stack>
        </>
      )}

      <MonthlyReport />

      <Modal opened={creating} onClose={() => setCreating(false)} fullScreen={phone} size="xl" title={t('programs.newTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {creating && (
          <ProgramForm
            detail={null}
            onCancel={() => setCreating(false)}
            onSaved={(d) => {
              setCreating(false);
              notify({ color: 'teal', message: t('programs.created', { topic: d.program.topic }) });
              navigate(`/programs/${d.program.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** Programs and participants per Solar Hijri month (the server counts by them; `month` is its first day). */
function MonthlyReport() {
  const { t } = useTranslation();
  const lang = useLang();
  const resource = useResource(() => programMonths(12), []);
  const rows = resource.data;
  // Several centers (headquarters): summed per month.
  const byMonth = useMemo(() => {
    const m = new Map<string, { programs: number; participants: number }>();
    for (const r of rows ?? []) {
      const cur = m.get(r.month) ?? { programs: 0, participants: 0 };
      m.set(r.month, { programs: cur.programs + r.programs, participants: cur.participants + r.participants });
    }
    return [...m.entries()].sort((a, b) => b[0].localeCompare(a[0]));
  }, [rows]);
  const label = (iso: string) => {
    const d = isoToJalali(iso);
    return d ? `${monthName(d.month, lang)} ${formatDigits(d.year, lang)}` : iso;
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="programs-monthly">
      <Stack gap="sm">
        <Title order={2} size="h4" id="programs-monthly">
          {t('programs.monthly.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('programs.monthly.note')}
        </Text>
        {!rows ? (
          <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
        ) : byMonth.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('programs.monthly.empty')}
          </Text>
        ) : (
          <Table aria-label={t('programs.monthly.label')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programs.monthly.month')}</Table.Th>
                <Table.Th>{t('programs.monthly.programs')}</Table.Th>
                <Table.Th>{t('programs.monthly.participants')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {byMonth.map(([month, v]) => (
                <Table.Tr key={month}>
                  <Table.Td>
                    <Text size="sm">{label(month)}</Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(v.programs, lang)}</Table.Td>
                  <Table.Td>{formatNumber(v.participants, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
