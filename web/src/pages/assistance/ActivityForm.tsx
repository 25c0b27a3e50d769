// A dated activity of the family's plan (new or edited: only what changed
// is sent), and moving one to another day. Who carries it out: the helper,
// a resource of the directory, or a commission's task about the family.
import { useMemo, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity, Domain, Responsible, ServiceKind } from '../../api/types';
import { noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDate } from '../../lib/jalali';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { persianFilter } from '../training/searchFilter';
import type { ActivityChange, AssistanceBackend, AssistanceSource } from './backend';
import type { AssistanceMember } from './lookup';
import { DOMAINS, RESPONSIBLES, SERVICE_KINDS, isDomain } from './model';
import { memberOptions, resourceOptions } from './pickers';
import { useWrite } from './writes';
import { isolate } from '../assessments/labels';

const FIELDS = ['title', 'due_on', 'kind', 'domain', 'goal_id', 'member_id', 'responsible', 'resource_id', 'task_id', 'notes'] as const;

interface Common {
  familyId: string;
  members: readonly AssistanceMember[];
  source: AssistanceSource;
  backend: AssistanceBackend;
  onDone: (message: string) => void;
  onCancel: () => void;
  onStale: () => void;
}

export interface ActivityFormProps extends Common {
  activity?: Activity | null;
  /** A new activity under this goal (its domain and member prefilled). */
  goalId?: string | null;
}

export function ActivityForm({ familyId, members, source, backend, activity = null, goalId = null, onDone, onCancel, onStale }: ActivityFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const write = useWrite();
  const a = source.assistance;
  const goal = a.goals.find((g) => g.id === (activity?.goal_id ?? goalId)) ?? null;
  const [title, setTitle] = useState(activity?.title ?? '');
  const [dueOn, setDueOn] = useState<string | null>(activity?.due_on ?? null);
  const [dueValid, setDueValid] = useState(true);
  const [kind, setKind] = useState<ServiceKind>(activity?.kind ?? 'face_to_face');
  const [domain, setDomain] = useState<Domain | ''>(activity?.domain ?? goal?.domain ?? '');
  const [goalPick, setGoalPick] = useState(activity ? (activity.goal_id ?? '') : (goalId ?? ''));
  const [memberId, setMemberId] = useState(activity ? (activity.member_id ?? '') : (goal?.member_id ?? ''));
  const [responsible, setResponsible] = useState<Responsible>(activity?.responsible ?? 'helper');
  const [resourceId, setResourceId] = useState<string | null>(activity?.resource_id ?? null);
  const [taskId, setTaskId] = useState(activity?.task_id ?? '');
  const [notes, setNotes] = useState(activity?.notes ?? '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  const resources = useMemo(() => resourceOptions(source, t, [activity?.resource_id]), [source, t, activity]);
  // Goals still open, and the activity's own whatever it became.
  const goals = a.goals.filter((g) => g.status === 'open' || g.id === activity?.goal_id);
  const tasks = a.tasks.filter((k) => k.status === 'open' || k.id === activity?.task_id);

  function pickGoal(id: string) {
    setGoalPick(id);
    const g = a.goals.find((x) => x.id === id);
    if (!g || activity) return;
    setDomain(g.domain);
    if (g.member_id) setMemberId(g.member_id);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!cleanInput(title)) fields.title = t('common.required');
    if (!dueValid) fields.due_on = t('date.errors.format');
    else if (!dueOn) fields.due_on = t('common.required');
    if (!domain) fields.domain = t('common.required');
    if (responsible === 'resource' && !resourceId) fields.resource_id = t('common.required');
    if (responsible === 'commission_task' && !taskId) fields.task_id = t('common.required');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const full: ActivityChange = {
      title: cleanInput(title),
      due_on: dueOn,
      kind,
      domain: domain as Domain,
      goal_id: goalPick || null,
      member_id: memberId || null,
      responsible,
      // Only the one who carries it out is named.
      resource_id: responsible === 'resource' ? resourceId : null,
      task_id: responsible === 'commission_task' ? taskId : null,
      notes: cleanInput(notes),
    };
    let change: ActivityChange = full;
    if (activity) {
      change = {};
      const before: ActivityChange = {
        title: activity.title,
        due_on: activity.due_on,
        kind: activity.kind,
        domain: activity.domain,
        goal_id: activity.goal_id,
        member_id: activity.member_id,
        responsible: activity.responsible,
        resource_id: activity.resource_id,
        task_id: activity.task_id,
        notes: activity.notes,
      };
      for (const key of Object.keys(full) as (keyof ActivityChange)[]) {
        if (full[key] !== before[key]) (change as Record<string, unknown>)[key] = full[key];
      }
      if (Object.keys(change).length === 0) {
        onCancel();
        return;
      }
    }
    setBusy(true);
    setErrors(noErrors);
    const out = await write.run(
      () =>
        activity
          ? backend.updateActivity(familyId, activity.id, activity.version, change)
          : backend.createActivity(familyId, { ...full, status: 'planned', id: write.id }),
      FIELDS,
      t,
      lang,
    );
    if (out.ok) {
      onDone(activity ? t('assistance.done.activitySaved', { title: isolate(full.title ?? '') }) : t('assistance.done.activityAdded', { title: isolate(full.title ?? '') }));
      return;
    }
    setErrors(out.errors ?? noErrors);
    if (out.stale) onStale();
    setBusy(false);
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <TextInput label={t('assistance.activity.title')} required value={title} error={errors.fields.title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <JalaliDateInput
            label={t('assistance.activity.due_on')}
            required
            value={dueOn}
            error={errors.fields.due_on}
            onChange={(v, valid) => {
              setDueOn(v);
              setDueValid(valid);
            }}
          />
          <NativeSelect
            label={t('assistance.activity.kind')}
            data={SERVICE_KINDS.map((k) => ({ value: k, label: t(`assistance.kind.${k}`) }))}
            value={kind}
            error={errors.fields.kind}
            onChange={(e) => setKind(e.currentTarget.value as ServiceKind)}
          />
          <NativeSelect
            label={t('assistance.activity.goal_id')}
            data={[{ value: '', label: t('assistance.activity.noGoal') }, ...goals.map((g) => ({ value: g.id, label: g.title }))]}
            value={goalPick}
            error={errors.fields.goal_id}
            onChange={(e) => pickGoal(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('assistance.activity.domain')}
            required
            data={[{ value: '', label: t('assistance.service.choose'), disabled: true }, ...DOMAINS.map((d) => ({ value: d, label: t(`assistance.domain.${d}`) }))]}
            value={domain}
            error={errors.fields.domain}
            onChange={(e) => setDomain(isDomain(e.currentTarget.value) ? e.currentTarget.value : '')}
          />
          <NativeSelect
            label={t('assistance.activity.member_id')}
            data={memberOptions(members, t)}
            value={memberId}
            error={errors.fields.member_id}
            onChange={(e) => setMemberId(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('assistance.activity.responsible')}
            data={RESPONSIBLES.map((r) => ({ value: r, label: t(`assistance.responsible.${r}`) }))}
            value={responsible}
            error={errors.fields.responsible}
            onChange={(e) => setResponsible(e.currentTarget.value as Responsible)}
          />
        </SimpleGrid>
        {responsible === 'resource' && (
          <Select
            label={t('assistance.activity.resource_id')}
            description={t('assistance.referral.resourceHint')}
            required
            data={resources}
            value={resourceId}
            onChange={setResourceId}
            searchable
            clearable
            filter={persianFilter}
            nothingFoundMessage={t('assistance.referral.noResources')}
            error={errors.fields.resource_id}
          />
        )}
        {responsible === 'commission_task' &&
          (tasks.length === 0 ? (
            <Text size="sm" c={errors.fields.task_id ? 'red' : 'dimmed'}>
              {errors.fields.task_id ?? t('assistance.activity.noTasks')}
            </Text>
          ) : (
            <NativeSelect
              label={t('assistance.activity.task_id')}
              required
              data={[
                { value: '', label: t('assistance.service.choose'), disabled: true },
                ...tasks.map((k) => ({ value: k.id, label: t('assistance.agenda.taskDue', { title: isolate(k.title), date: formatDate(k.due_on, lang) }) })),
              ]}
              value={taskId}
              error={errors.fields.task_id}
              onChange={(e) => setTaskId(e.currentTarget.value)}
            />
          ))}
        <Textarea label={t('assistance.activity.notes')} rows={3} value={notes} error={errors.fields.notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assistance.activity.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Moving an activity to another day; a missed one goes back into the plan. */
export function RescheduleForm({ familyId, backend, activity, onDone, onCancel, onStale }: Omit<Common, 'members' | 'source'> & { activity: Activity }) {
  const { t } = useTranslation();
  const lang = useLang();
  const write = useWrite();
  const [dueOn, setDueOn] = useState<string | null>(activity.due_on);
  const [valid, setValid] = useState(true);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!valid || !dueOn) {
      setErrors({ fields: { due_on: valid ? t('common.required') : t('date.errors.format') }, form: null });
      return;
    }
    const change: ActivityChange = { due_on: dueOn, ...(activity.status !== 'planned' ? { status: 'planned' as const } : {}) };
    setBusy(true);
    setErrors(noErrors);
    const out = await write.run(() => backend.updateActivity(familyId, activity.id, activity.version, change), ['due_on', 'status'], t, lang);
    if (out.ok) {
      onDone(t('assistance.done.rescheduled', { title: isolate(activity.title), date: formatDate(dueOn, lang) }));
      return;
    }
    setErrors(out.errors ?? noErrors);
    if (out.stale) onStale();
    setBusy(false);
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <JalaliDateInput
          label={t('assistance.activity.due_on')}
          required
          value={dueOn}
          error={errors.fields.due_on}
          onChange={(v, ok) => {
            setDueOn(v);
            setValid(ok);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assistance.activity.submitReschedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
