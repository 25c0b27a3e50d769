// The family's plan: goals grouped by whom they are for (the whole family
// first, then each member), each with its harm, status and activities;
// then the activities that serve no goal.
import { Badge, Button, Card, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity, Goal, GoalStatus } from '../../api/types';
import { PendingMark } from '../../components/sync/PendingMark';
import type { AssistanceSource } from './backend';
import { ActivityRow, type ActivityAction } from './ActivityRow';
import type { AssistanceMember, Lookup } from './lookup';
import { GOAL_COLORS } from './model';

export interface GoalActions {
  edit: (goal: Goal) => void;
  setStatus: (goal: Goal, status: GoalStatus) => void;
  addActivity: (goal: Goal) => void;
}

/** Goals by member: the family's own first, then members in the family's order, then any member no longer listed. */
export function goalsByMember(goals: readonly Goal[], members: readonly AssistanceMember[]): { memberId: string | null; goals: Goal[] }[] {
  const order = [null, ...members.map((m) => m.id), ...goals.map((g) => g.member_id).filter((id) => id && !members.some((m) => m.id === id))];
  const groups: { memberId: string | null; goals: Goal[] }[] = [];
  for (const id of order) {
    if (groups.some((g) => g.memberId === id)) continue;
    // Open goals first, then achieved, then dropped.
    const mine = goals
      .filter((g) => (g.member_id ?? null) === id)
      .sort((a, b) => ['open', 'achieved', 'dropped'].indexOf(a.status) - ['open', 'achieved', 'dropped'].indexOf(b.status));
    if (mine.length > 0) groups.push({ memberId: id, goals: mine });
  }
  return groups;
}

export function PlanView({
  source,
  members,
  lookup,
  today,
  onAct,
  goalActions,
}: {
  source: AssistanceSource;
  members: readonly AssistanceMember[];
  lookup: Lookup;
  today: string;
  onAct?: (action: ActivityAction, activity: Activity) => void;
  goalActions?: GoalActions;
}) {
  const { t } = useTranslation();
  const a = source.assistance;
  const groups = goalsByMember(a.goals, members);
  const byDue = (x: Activity, y: Activity) => x.due_on.localeCompare(y.due_on);
  const loose = a.activities.filter((act) => !act.goal_id || !a.goals.some((g) => g.id === act.goal_id)).sort(byDue);
  const memberName = (id: string | null) => (id ? (lookup.member(id) ?? t('assistance.timeline.unknownName')) : t('assistance.timeline.wholeFamily'));

  return (
    <Stack gap="md">
      {groups.length === 0 && <Text c="dimmed">{t('assistance.plan.noGoals')}</Text>}
      {groups.map((group) => (
        <Stack key={group.memberId ?? 'family'} gap="xs" component="section" aria-label={memberName(group.memberId)}>
          <Title order={3} size="h5">
            {memberName(group.memberId)}
          </Title>
          {group.goals.map((g) => {
            const acts = a.activities.filter((act) => act.goal_id === g.id).sort(byDue);
            return (
              <Card key={g.id} withBorder padding="sm" data-goal={g.id}>
                <Stack gap={6}>
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Group gap={6}>
                        <Text fw={700} td={g.status === 'dropped' ? 'line-through' : undefined}>
                          {g.title}
                        </Text>
                        <Badge color={GOAL_COLORS[g.status]} variant="light" size="sm">
                          {t(`assistance.goalStatus.${g.status}`)}
                        </Badge>
                        {source.pending.has(g.id) && <PendingMark />}
                      </Group>
                      <Text size="sm" c="dimmed">
                        {[t(`assistance.domain.${g.domain}`), g.harm ? t('assistance.plan.harm', { label: g.harm.label }) : null].filter(Boolean).join(t('common.separator'))}
                      </Text>
                    </Stack>
                    {goalActions && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="compact-sm" variant="light" aria-label={t('assistance.actions.moreFor', { title: g.title })}>
                            …
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {g.status === 'open' && <Menu.Item onClick={() => goalActions.addActivity(g)}>{t('assistance.actions.activityForGoal')}</Menu.Item>}
                          <Menu.Item onClick={() => goalActions.edit(g)}>{t('assistance.actions.editGoal')}</Menu.Item>
                          {g.status === 'open' && <Menu.Item onClick={() => goalActions.setStatus(g, 'achieved')}>{t('assistance.actions.achieved')}</Menu.Item>}
                          {g.status === 'open' && (
                            <Menu.Item color="red" onClick={() => goalActions.setStatus(g, 'dropped')}>
                              {t('assistance.actions.drop')}
                            </Menu.Item>
                          )}
                          {g.status !== 'open' && <Menu.Item onClick={() => goalActions.setStatus(g, 'open')}>{t('assistance.actions.reopen')}</Menu.Item>}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Group>
                  {g.notes && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {g.notes}
                    </Text>
                  )}
                  {acts.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('assistance.plan.noActivities')}
                    </Text>
                  ) : (
                    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('assistance.plan.activities')}>
                      {acts.map((act) => (
                        <li key={act.id} style={{ borderTop: '1px solid var(--mantine-color-gray-2)', paddingTop: 6 }}>
                          <ActivityRow activity={act} lookup={lookup} today={today} pending={source.pending.has(act.id)} onAct={onAct} showGoal={false} />
                        </li>
                      ))}
                    </Stack>
                  )}
                </Stack>
              </Card>
            );
          })}
        </Stack>
      ))}
      {loose.length > 0 && (
        <Stack gap="xs" component="section" aria-label={t('assistance.plan.loose')}>
          <Title order={3} size="h5">
            {t('assistance.plan.loose')}
          </Title>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {loose.map((act) => (
              <Card component="li" key={act.id} withBorder padding="sm">
                <ActivityRow activity={act} lookup={lookup} today={today} pending={source.pending.has(act.id)} onAct={onAct} />
              </Card>
            ))}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
