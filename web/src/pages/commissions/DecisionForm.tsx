// Recording what a meeting decided about one case on its agenda, and the
// work it divided out: each task with a title, who takes it (a seat of the
// commission, a resource of the directory, or the family's helper) and a
// due date.
import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssigneeKind, CommissionSeat, CommissionTask, Decision, DecisionRequest, DirectoryResource } from '../../api/types';
import { recordDecision } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { persianFilter } from '../training/searchFilter';

export const ASSIGNEE_KINDS = Object.keys({ member: true, resource: true, helper: true } satisfies Record<AssigneeKind, true>) as readonly AssigneeKind[];

interface Row {
  key: number;
  title: string;
  kind: AssigneeKind;
  assigneeId: string | null;
  dueOn: string | null;
  dueValid: boolean;
}

type RowErrors = Partial<Record<'title' | 'assignee' | 'due_on', string>>;

export interface DecisionFormProps {
  meetingId: string;
  referralId: string;
  familyName: string;
  seats: readonly CommissionSeat[];
  resources: readonly DirectoryResource[];
  /** The family's helper, when the case has one. */
  helperName: string | null;
  onCancel: () => void;
  onSaved: (saved: { decision: Decision; tasks: CommissionTask[] }) => void;
}

export function DecisionForm({ meetingId, referralId, familyName, seats, resources, helperName, onCancel, onSaved }: DecisionFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [rowErrors, setRowErrors] = useState<Record<number, RowErrors>>({});
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  function addRow() {
    setRows((r) => [...r, { key: nextKey, title: '', kind: seats.length > 0 ? 'member' : 'helper', assigneeId: null, dueOn: null, dueValid: true }]);
    setNextKey((k) => k + 1);
  }
  function change(key: number, patch: Partial<Row>) {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const cleanText = cleanInput(text);
    if (!cleanText) fields.text = t('common.required');
    const perRow: Record<number, RowErrors> = {};
    for (const r of rows) {
      const re: RowErrors = {};
      if (!cleanInput(r.title)) re.title = t('common.required');
      if (r.kind !== 'helper' && !r.assigneeId) re.assignee = t('casework.decisions.chooseAssignee');
      if (!r.dueValid) re.due_on = t('casework.meetings.dateInvalid');
      else if (!r.dueOn) re.due_on = t('common.required');
      if (Object.keys(re).length > 0) perRow[r.key] = re;
    }
    setErrors({ fields, form: null });
    setRowErrors(perRow);
    if (Object.keys(fields).length > 0 || Object.keys(perRow).length > 0) return;
    const body: DecisionRequest = {
      referral_id: referralId,
      text: cleanText,
      tasks: rows.map((r) => ({
        title: cleanInput(r.title),
        assignee_kind: r.kind,
        assignee_id: r.kind === 'helper' ? null : r.assigneeId,
        due_on: r.dueOn ?? '',
      })),
    };
    setBusy(true);
    try {
      onSaved(await recordDecision(meetingId, body));
    } catch (err) {
      setErrors(formErrorFrom(err, ['text'], t, lang));
      setBusy(false);
    }
  }

  const kindLabel = (k: AssigneeKind) =>
    k === 'helper' && helperName ? t('casework.tasks.helperNamed', { name: helperName }) : t(`casework.tasks.assignee.${k}`);

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm" c="dimmed">
          {t('casework.decisions.intro', { name: familyName })}
        </Text>
        <Textarea
          label={t('casework.decisions.text')}
          required
          rows={4}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.fields.text}
          maxLength={4000}
        />
        <Stack gap="sm" role="group" aria-label={t('casework.decisions.tasks')}>
          <Text fw={500} size="sm">
            {t('casework.decisions.tasks')}
          </Text>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('casework.decisions.noTasks')}
            </Text>
          )}
          {rows.map((r, i) => {
            const re = rowErrors[r.key] ?? {};
            const n = i + 1;
            const choices =
              r.kind === 'member'
                ? seats.map((s) => ({ value: s.id, label: s.organization ? `${s.name} (${s.organization})` : s.name }))
                : resources.map((x) => ({ value: x.id, label: x.name }));
            return (
              <Card key={r.key} withBorder padding="sm" role="group" aria-label={t('casework.decisions.taskN', { n: formatNumber(n, lang) })}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {t('casework.decisions.taskN', { n: formatNumber(n, lang) })}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                      aria-label={t('casework.decisions.removeTask', { n: formatNumber(n, lang) })}
                    >
                      <span aria-hidden>×</span>
                    </ActionIcon>
                  </Group>
                  <TextInput
                    label={t('casework.decisions.taskTitle')}
                    required
                    value={r.title}
                    onChange={(e) => change(r.key, { title: e.currentTarget.value })}
                    error={re.title}
                    maxLength={300}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                    <Select
                      label={t('casework.decisions.assigneeKind')}
                      data={ASSIGNEE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
                      value={r.kind}
                      onChange={(v) => v && change(r.key, { kind: v as AssigneeKind, assigneeId: null })}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                    />
                    {r.kind !== 'helper' && (
                      <Select
                        label={t(r.kind === 'member' ? 'casework.decisions.whichSeat' : 'casework.decisions.whichResource')}
                        required
                        data={choices}
                        value={r.assigneeId}
                        onChange={(v) => change(r.key, { assigneeId: v })}
                        error={re.assignee}
                        searchable
                        filter={persianFilter}
                        nothingFoundMessage={t(r.kind === 'member' ? 'casework.decisions.noSeats' : 'casework.decisions.noResources')}
                        comboboxProps={{ withinPortal: true }}
                      />
                    )}
                  </SimpleGrid>
                  <JalaliDateInput
                    label={t('casework.decisions.dueOn')}
                    required
                    value={r.dueOn}
                    onChange={(v, valid) => change(r.key, { dueOn: v, dueValid: valid })}
                    error={re.due_on}
                  />
                </Stack>
              </Card>
            );
          })}
          <Group>
            <Button variant="light" onClick={addRow}>
              {t('casework.decisions.addTask')}
            </Button>
          </Group>
        </Stack>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('casework.decisions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
