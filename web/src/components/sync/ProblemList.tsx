import { useEffect, useState } from 'react';
import { Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dismissLocalProblem, localFamilies, localProblems, type Problem } from '../../offline';
import { useLang } from '../../lib/useLang';
import { fieldLabel, refusalReason, relativeTime, valueText } from './format';

interface Loaded {
  problems: Problem[];
  names: Map<string, string>;
}

/** Conflicts and refusals of the helper's edits, with the family they concern. */
export function ProblemList({ refreshKey }: { refreshKey: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Loaded | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    void Promise.all([localProblems(), localFamilies({ includeDeleted: true })]).then(
      ([problems, families]) => {
        if (live) setData({ problems, names: new Map(families.map((f) => [f.id, f.value.family_name])) });
      },
      () => live && setData(null),
    );
    return () => {
      live = false;
    };
  }, [refreshKey, tick]);

  if (!data) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t('sync.problemsTitle')}>
      <Text fw={600} size="sm">
        {t('sync.problemsTitle')}
      </Text>
      {data.problems.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sync.noProblems')}
        </Text>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            {t('sync.problemsHint')}
          </Text>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.problems.map((p) => (
              <ProblemItem key={p.id} problem={p} family={data.names.get(p.family_id)} onDismiss={() => void dismissLocalProblem(p.id).then(() => setTick((n) => n + 1))} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

/** One conflict or refusal of the helper's edits, in words, with a button to take it off the list. */
export function ProblemItem({ problem: p, family, onDismiss }: { problem: Problem; family: string | undefined; onDismiss: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  let title: string;
  let body: string;
  let values: string | null = null;
  let madeAt: string | null = null;
  if (p.kind === 'conflict') {
    const c = p.conflict;
    if (c.kind === 'edit_of_deleted') {
      title = t('sync.conflictDeleted');
      body = t('sync.conflictDeletedBody');
    } else {
      title = t('sync.conflictField', { field: c.field ? fieldLabel(c.field, t) : t(`sync.entities.${c.entity}`) });
      body = t('sync.conflictFieldBody');
      values = t('sync.values', { mine: valueText(c.winning_value, lang), other: valueText(c.losing_value, lang) });
    }
    madeAt = c.device_time;
  } else {
    const m = p.refusal.mutation;
    title = t('sync.refused', { what: t(`sync.ops.${m.op}`, { entity: t(`sync.entities.${m.entity}`) }) });
    body = refusalReason(p, t, lang);
    madeAt = m.device_time;
  }
  return (
    <Card component="li" withBorder padding="xs" radius="sm">
      <Stack gap={4}>
        <Text size="sm" fw={600} c={p.kind === 'refusal' ? 'red.8' : 'orange.9'}>
          {title}
        </Text>
        {family && (
          <Text size="xs" c="dimmed">
            {t('sync.inFamily', { name: family })}
          </Text>
        )}
        <Text size="sm">{body}</Text>
        {values && <Text size="sm">{values}</Text>}
        {madeAt && (
          <Text size="xs" c="dimmed">
            {t('sync.madeAt', { when: relativeTime(madeAt, new Date(), lang) })}
          </Text>
        )}
        <Button variant="subtle" size="compact-sm" onClick={onDismiss} style={{ alignSelf: 'flex-start' }}>
          {t('sync.dismiss')}
        </Button>
      </Stack>
    </Card>
  );
}
