// A family's focused assistance (همیاری متمرکز), wherever it is read from:
// the timeline of what was done, the plan (goals and their activities), the
// family's calendar; and, for someone who works on the family, logging a
// service, correcting one, planning, completing an activity (its service
// logged in the same step) and referring. Writes go to the backend it is
// given — the API on the manager's page, the phone's outbox for helpers.
import { useState } from 'react';
import { Button, Card, Group, Menu, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity, Goal, GoalStatus, Service } from '../../api/types';
import { ApiError } from '../../api/errors';
import { errorMessage } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import type { AssistanceBackend, AssistanceSource } from './backend';
import { ActivityForm, RescheduleForm } from './ActivityForm';
import { ActivityRow, type ActivityAction } from './ActivityRow';
import { DueList } from './DueList';
import { GoalForm } from './GoalForm';
import { LogServiceForm } from './LogServiceForm';
import { MonthCalendar, currentMonth, type MonthView } from './MonthCalendar';
import { PlanView } from './PlanView';
import { ReferralForm } from './ReferralForm';
import { Timeline } from './Timeline';
import { useLookup, type AssistanceMember } from './lookup';
import { overdueOf, todayIso, upcomingOf } from './model';
import { isolate } from '../assessments/labels';

type Dialog =
  | { kind: 'service' }
  | { kind: 'amend'; service: Service }
  | { kind: 'complete'; activity: Activity }
  | { kind: 'goal'; goal: Goal | null }
  | { kind: 'activity'; activity: Activity | null; goalId: string | null }
  | { kind: 'reschedule'; activity: Activity }
  | { kind: 'referral' }
  | null;

export interface FamilyAssistanceSectionProps {
  familyId: string;
  familyName: string;
  /** The family's members: names for the records' ids, choices in the forms. */
  members: readonly AssistanceMember[];
  source: AssistanceSource;
  backend: AssistanceBackend;
  /** After a write (or a refused one that found the record changed): the online page reloads; a store shows it by itself. */
  onChanged: () => void;
}

export function FamilyAssistanceSection({ familyId, familyName, members, source, backend, onChanged }: FamilyAssistanceSectionProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const lookup = useLookup(source, members);
  const [tab, setTab] = useState<string | null>('timeline');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [month, setMonth] = useState<MonthView>(currentMonth);
  const a = source.assistance;
  const canWork = a.can_work;
  const today = todayIso();
  const close = () => setDialog(null);
  const finished = (message: string) => {
    close();
    notify({ color: 'teal', message });
    onChanged();
  };
  const common = { familyId, members, source, backend, onCancel: close, onDone: finished, onStale: onChanged };

  /** Quick changes from a menu: no dialog, a word when done or refused. */
  async function quick(run: () => Promise<void>, message: string) {
    try {
      await run();
      notify({ color: 'teal', message });
      onChanged();
    } catch (e) {
      notify({ color: 'red', message: errorMessage(e, t, lang) });
      if (e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'not_found')) onChanged();
    }
  }

  const onAct = canWork
    ? (action: ActivityAction, act: Activity) => {
        switch (action) {
          case 'done':
            return setDialog({ kind: 'complete', activity: act });
          case 'reschedule':
            return setDialog({ kind: 'reschedule', activity: act });
          case 'edit':
            return setDialog({ kind: 'activity', activity: act, goalId: null });
          case 'missed':
            return void quick(
              () => backend.updateActivity(familyId, act.id, act.version, { status: 'missed' }),
              t('assistance.done.activityMissed', { title: isolate(act.title) }),
            );
          case 'cancel':
            return void quick(
              () => backend.updateActivity(familyId, act.id, act.version, { status: 'cancelled' }),
              t('assistance.done.activityCancelled', { title: isolate(act.title) }),
            );
        }
      }
    : undefined;

  const goalActions = canWork
    ? {
        edit: (goal: Goal) => setDialog({ kind: 'goal', goal }),
        addActivity: (goal: Goal) => setDialog({ kind: 'activity', activity: null, goalId: goal.id }),
        setStatus: (goal: Goal, status: GoalStatus) =>
          void quick(() => backend.updateGoal(familyId, goal.id, goal.version, { status }), t('assistance.done.goalSaved', { title: isolate(goal.title) })),
      }
    : undefined;

  const services = a.services.filter((s) => !s.amended_by && !a.services.some((o) => o.amends === s.id)).length;
  const openGoals = a.goals.filter((g) => g.status === 'open').length;
  const overdue = overdueOf(a.activities, today);
  const upcoming = upcomingOf(a.activities, today);
  const n = (v: number) => formatNumber(v, lang);

  const dialogTitle = (() => {
    switch (dialog?.kind) {
      case 'service':
        return t('assistance.dialogs.logService', { family: isolate(familyName) });
      case 'amend':
        return t('assistance.dialogs.amend', { date: formatDate(dialog.service.served_on, lang) });
      case 'complete':
        return t('assistance.dialogs.complete', { title: isolate(dialog.activity.title) });
      case 'goal':
        return dialog.goal ? t('assistance.dialogs.editGoal', { title: isolate(dialog.goal.title) }) : t('assistance.dialogs.newGoal', { family: isolate(familyName) });
      case 'activity':
        return dialog.activity ? t('assistance.dialogs.editActivity', { title: isolate(dialog.activity.title) }) : t('assistance.dialogs.newActivity', { family: isolate(familyName) });
      case 'reschedule':
        return t('assistance.dialogs.reschedule', { title: isolate(dialog.activity.title) });
      case 'referral':
        return t('assistance.dialogs.refer', { family: isolate(familyName) });
      default:
        return '';
    }
  })();
  const small = dialog?.kind === 'reschedule';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`assistance-${familyId}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={2} size="h4" id={`assistance-${familyId}`}>
            {t('assistance.section')}
          </Title>
          {canWork && (
            <Group gap="xs">
              <Button onClick={() => setDialog({ kind: 'service' })}>{t('assistance.actions.logService')}</Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="light">{t('assistance.actions.more')}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setDialog({ kind: 'activity', activity: null, goalId: null })}>{t('assistance.actions.newActivity')}</Menu.Item>
                  <Menu.Item onClick={() => setDialog({ kind: 'goal', goal: null })}>{t('assistance.actions.newGoal')}</Menu.Item>
                  <Menu.Item onClick={() => setDialog({ kind: 'referral' })}>{t('assistance.actions.refer')}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
        </Group>
        <Text size="sm" c={overdue.length > 0 ? 'red.8' : 'dimmed'}>
          {t('assistance.summary', { services: n(services), goals: n(openGoals), overdue: n(overdue.length) })}
        </Text>
        {!canWork && (
          <Text size="sm" c="dimmed">
            {t('assistance.readOnly')}
          </Text>
        )}

        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List grow={phone}>
            <Tabs.Tab value="timeline">{t('assistance.tabs.timeline')}</Tabs.Tab>
            <Tabs.Tab value="plan">{t('assistance.tabs.plan')}</Tabs.Tab>
            <Tabs.Tab value="calendar">{t('assistance.tabs.calendar')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="timeline" pt="md">
            <Timeline source={source} lookup={lookup} today={today} onAct={onAct} onAmend={canWork ? (service) => setDialog({ kind: 'amend', service }) : undefined} />
          </Tabs.Panel>
          <Tabs.Panel value="plan" pt="md">
            <PlanView source={source} members={members} lookup={lookup} today={today} onAct={onAct} goalActions={goalActions} />
          </Tabs.Panel>
          <Tabs.Panel value="calendar" pt="md">
            <Stack gap="lg">
              <DueList
                title={t('assistance.calendar.overdue')}
                empty={t('assistance.calendar.noOverdue')}
                items={overdue}
                color="red"
                render={(act) => <ActivityRow activity={act} lookup={lookup} today={today} pending={source.pending.has(act.id)} onAct={onAct} />}
              />
              <MonthCalendar
                view={month}
                onViewChange={setMonth}
                entries={a.activities.map((act) => ({ id: act.id, date: act.due_on, title: act.title, status: act.status }))}
                renderDay={(entries) => (
                  <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                    {entries.map((e) => {
                      const act = a.activities.find((x) => x.id === e.id)!;
                      return (
                        <Card component="li" key={e.id} withBorder padding="sm">
                          <ActivityRow activity={act} lookup={lookup} today={today} pending={source.pending.has(act.id)} onAct={onAct} showDate={false} />
                        </Card>
                      );
                    })}
                  </Stack>
                )}
              />
              <DueList
                title={t('assistance.calendar.upcoming')}
                empty={t('assistance.calendar.noUpcoming')}
                items={upcoming}
                render={(act) => <ActivityRow activity={act} lookup={lookup} today={today} pending={source.pending.has(act.id)} onAct={onAct} />}
              />
            </Stack>
          </Tabs.Panel>
        </Tabs>
      </Stack>

      <Modal
        opened={dialog !== null}
        onClose={close}
        fullScreen={phone && !small}
        size={small ? 'md' : 'lg'}
        title={dialogTitle}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'service' && <LogServiceForm {...common} />}
        {dialog?.kind === 'amend' && <LogServiceForm key={dialog.service.id} {...common} amending={dialog.service} />}
        {dialog?.kind === 'complete' && <LogServiceForm key={dialog.activity.id} {...common} activity={dialog.activity} />}
        {dialog?.kind === 'goal' && <GoalForm key={dialog.goal?.id ?? 'new'} {...common} goal={dialog.goal} />}
        {dialog?.kind === 'activity' && <ActivityForm key={dialog.activity?.id ?? `new-${dialog.goalId ?? ''}`} {...common} activity={dialog.activity} goalId={dialog.goalId} />}
        {dialog?.kind === 'reschedule' && <RescheduleForm key={dialog.activity.id} {...common} activity={dialog.activity} />}
        {dialog?.kind === 'referral' && <ReferralForm {...common} />}
      </Modal>
    </Card>
  );
}
