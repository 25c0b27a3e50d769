// A goal of the family's assistance plan: what it is for (the family or
// one member), its domain, the harm of the latest assessment it addresses,
// and — once it exists — where it stands. An edit sends only what changed.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Domain, Goal, GoalStatus, Harm } from '../../api/types';
import { noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import type { AssistanceBackend, AssistanceSource, GoalChange } from './backend';
import { useLookup, type AssistanceMember } from './lookup';
import { DOMAINS, GOAL_STATUSES, isDomain } from './model';
import { memberOptions } from './pickers';
import { useWrite } from './writes';
import { isolate } from '../assessments/labels';

const FIELDS = ['title', 'domain', 'member_id', 'harm_indicator', 'harm_member_id', 'notes', 'status'] as const;

/** A harm as one picker value: its indicator and the member it concerns. */
export function harmKey(h: Pick<Harm, 'indicator' | 'member_id'>): string {
  return `${h.indicator}|${h.member_id ?? ''}`;
}

/** The domain a harm belongs to, from its indicator's id (`social.violence`). */
export function domainOfHarm(h: Pick<Harm, 'indicator'>): Domain | null {
  const prefix = h.indicator.split('.')[0];
  return isDomain(prefix) ? prefix : null;
}

export interface GoalFormProps {
  familyId: string;
  members: readonly AssistanceMember[];
  source: AssistanceSource;
  backend: AssistanceBackend;
  goal?: Goal | null;
  onDone: (message: string) => void;
  onCancel: () => void;
  onStale: () => void;
}

export function GoalForm({ familyId, members, source, backend, goal = null, onDone, onCancel, onStale }: GoalFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const lookup = useLookup(source, members);
  const write = useWrite();
  const harms = source.assistance.harms;
  const [title, setTitle] = useState(goal?.title ?? '');
  const [domain, setDomain] = useState<Domain | ''>(goal?.domain ?? '');
  const [memberId, setMemberId] = useState(goal?.member_id ?? '');
  const [harm, setHarm] = useState(goal?.harm ? harmKey(goal.harm) : '');
  const [notes, setNotes] = useState(goal?.notes ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'open');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);
  const statusLabel = useId();

  const harmLabel = (h: Harm) => {
    const who = lookup.member(h.member_id);
    return who ? `${h.label} (${who})` : h.label;
  };
  const harmData = useMemo(() => {
    const items = harms.map((h) => ({ value: harmKey(h), label: harmLabel(h) }));
    // A goal's harm from an earlier assessment stays choosable for it.
    if (goal?.harm && !items.some((o) => o.value === harmKey(goal.harm!))) items.push({ value: harmKey(goal.harm), label: harmLabel(goal.harm) });
    return [{ value: '', label: t('assistance.service.none') }, ...items];
  }, [harms, goal, lookup, t]);

  function pickHarm(key: string) {
    setHarm(key);
    const h = harms.find((x) => harmKey(x) === key);
    if (!h) return;
    // The harm says the domain and, for a member's harm, whom the goal is for.
    const d = domainOfHarm(h);
    if (d && !domain) setDomain(d);
    if (h.member_id && !memberId) setMemberId(h.member_id);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!cleanInput(title)) fields.title = t('common.required');
    if (!domain) fields.domain = t('common.required');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const picked = harm ? ([...harms, ...(goal?.harm ? [goal.harm] : [])].find((h) => harmKey(h) === harm) ?? null) : null;
    const full: GoalChange = {
      title: cleanInput(title),
      domain: domain as Domain,
      member_id: memberId || null,
      harm_indicator: picked?.indicator ?? null,
      harm_member_id: picked?.member_id ?? null,
      notes: cleanInput(notes),
      status,
    };
    let change: GoalChange = full;
    if (goal) {
      change = {};
      if (full.title !== goal.title) change.title = full.title;
      if (full.domain !== goal.domain) change.domain = full.domain;
      if (full.member_id !== goal.member_id) change.member_id = full.member_id;
      if (harm !== (goal.harm ? harmKey(goal.harm) : '')) {
        change.harm_indicator = full.harm_indicator;
        change.harm_member_id = full.harm_member_id;
      }
      if (full.notes !== goal.notes) change.notes = full.notes;
      if (status !== goal.status) change.status = status;
      if (Object.keys(change).length === 0) {
        onCancel();
        return;
      }
    }
    setBusy(true);
    setErrors(noErrors);
    const out = await write.run(
      () => (goal ? backend.updateGoal(familyId, goal.id, goal.version, change) : backend.createGoal(familyId, { ...full, id: write.id })),
      FIELDS,
      t,
      lang,
      (f) => (f === 'harm_member_id' ? 'harm_indicator' : f),
    );
    if (out.ok) {
      onDone(goal ? t('assistance.done.goalSaved', { title: isolate(full.title ?? '') }) : t('assistance.done.goalAdded', { title: isolate(full.title ?? '') }));
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
        <NativeSelect
          label={t('assistance.goal.harm')}
          description={harms.length > 0 ? t('assistance.goal.harmHint') : t('assistance.goal.noHarms')}
          data={harmData}
          value={harm}
          error={errors.fields.harm_indicator}
          onChange={(e) => pickHarm(e.currentTarget.value)}
        />
        <TextInput label={t('assistance.goal.title')} required value={title} error={errors.fields.title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('assistance.goal.domain')}
            required
            data={[{ value: '', label: t('assistance.service.choose'), disabled: true }, ...DOMAINS.map((d) => ({ value: d, label: t(`assistance.domain.${d}`) }))]}
            value={domain}
            error={errors.fields.domain}
            onChange={(e) => setDomain(isDomain(e.currentTarget.value) ? e.currentTarget.value : '')}
          />
          <NativeSelect
            label={t('assistance.goal.member_id')}
            data={memberOptions(members, t)}
            value={memberId}
            error={errors.fields.member_id}
            onChange={(e) => setMemberId(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea label={t('assistance.goal.notes')} rows={3} value={notes} error={errors.fields.notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        {goal && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id={statusLabel}>
              {t('assistance.goal.status')}
            </Text>
            <SegmentedControl
              aria-labelledby={statusLabel}
              fullWidth
              value={status}
              onChange={(v) => setStatus(v as GoalStatus)}
              data={GOAL_STATUSES.map((s) => ({ value: s, label: t(`assistance.goalStatus.${s}`) }))}
            />
            {errors.fields.status && (
              <Text size="xs" c="red">
                {errors.fields.status}
              </Text>
            )}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('assistance.goal.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
