// The family's history (who changed what, when) and its access log (who
// looked, when). Each loads when its tab is opened.
import { useMemo } from 'react';
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { familyAccessLog, familyHistory, useResource, type FamilyDetail } from '../../data';
import type { HistoryEntry } from '../../api/types';
import { useLang } from '../../lib/useLang';
import { LoadState } from '../../components/LoadState';
import { ResponsiveList } from '../../components/ResponsiveList';
import { byFieldOrder, fieldLabel, formatInstant, fullName, historyValue, isEmptyValue, shownChange, type HistoryContext } from './format';

/**
 * Members' names by id: those in the family now, then those the history
 * names (removed and moved members), newest values first.
 */
export function memberNames(entries: readonly HistoryEntry[], family: FamilyDetail): Map<string, string> {
  const names = new Map(family.members.map((m) => [m.id, fullName(m)]));
  const parts = new Map<string, { first?: string; last?: string }>();
  for (const e of entries) {
    if (e.entity !== 'family_member' || names.has(e.entity_id)) continue;
    const p = parts.get(e.entity_id) ?? {};
    const value = (f: string) => {
      const c = e.changes[f];
      const v = c ? (isEmptyValue(c.new) ? c.old : c.new) : undefined;
      return typeof v === 'string' && v ? v : undefined;
    };
    p.first ??= value('first_name');
    p.last ??= value('last_name');
    parts.set(e.entity_id, p);
  }
  for (const [id, p] of parts) {
    const name = `${p.first ?? ''} ${p.last ?? ''}`.trim();
    if (name) names.set(id, name);
  }
  return names;
}

export function HistoryEntryView({ entry, familyId, names }: { entry: HistoryEntry; familyId: string; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ctx: HistoryContext = { t, lang, familyId, memberName: (id) => names.get(id) ?? null };
  const name = entry.entity === 'family_member' ? (names.get(entry.entity_id) ?? t('history.aMember')) : '';
  const what = t(`history.ops.${entry.entity}.${entry.op}` as 'history.ops.family.create', {
    name,
    defaultValue: t('history.ops.unknown'),
  });
  const changed = Object.entries(entry.changes)
    .filter(([field, c]) => shownChange(field, entry.op, c, entry.entity))
    .sort(([a], [b]) => byFieldOrder(a, b));
  const arrow = t('history.arrow');

  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={4}>
        <Text fw={700}>{what}</Text>
        <Text size="sm" c="dimmed">
          {t('history.byAt', { who: entry.actor?.display_name ?? t('history.system'), at: formatInstant(entry.at, lang) })}
        </Text>
        {entry.offline && (
          <Group gap={6} wrap="wrap">
            <Badge size="sm" variant="light" color="indigo" c="indigo.9">
              {t('history.offline')}
            </Badge>
            {entry.offline.device_time && (
              <Text size="sm" c="dimmed">
                {t('history.deviceTime', { at: formatInstant(entry.offline.device_time, lang) })}
              </Text>
            )}
          </Group>
        )}
        {changed.length > 0 && (
          <Stack component="ul" gap={2} m={0} ps="md">
            {changed.map(([field, c]) => {
              const label = fieldLabel(field, t);
              const text =
                entry.op === 'create'
                  ? `${label}: ${historyValue(field, c.new, ctx)}`
                  : `${label}: ${historyValue(field, c.old, ctx)} ${arrow} ${historyValue(field, c.new, ctx)}`;
              return (
                <Text component="li" size="sm" key={field}>
                  {text}
                </Text>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function FamilyHistory({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  // Reloads when the family changes (its version), so a change just made shows.
  const history = useResource(() => familyHistory(family.id), [family.id, family.version, family.member_count]);
  const items = history.data ?? [];
  const names = useMemo(() => memberNames(items, family), [items, family]);
  return (
    <Stack>
      {(!history.data || history.error != null) && (
        <LoadState loading={history.loading && !history.data} error={history.error} onRetry={history.reload} />
      )}
      {history.data && items.length === 0 && <Text c="dimmed">{t('history.empty')}</Text>}
      {items.length > 0 && (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('history.title')}>
          {items.map((e) => (
            <HistoryEntryView key={e.seq} entry={e} familyId={family.id} names={names} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function FamilyAccessLog({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const log = useResource(() => familyAccessLog(familyId), [familyId]);
  // Two views in the same second by the same person are two rows.
  const items = (log.data ?? []).map((e, i) => ({ ...e, key: `${i}` }));
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('access.hint')}
      </Text>
      {(!log.data || log.error != null) && <LoadState loading={log.loading && !log.data} error={log.error} onRetry={log.reload} />}
      {log.data && items.length === 0 && <Text c="dimmed">{t('access.empty')}</Text>}
      <ResponsiveList
        items={items}
        itemKey={(e) => e.key}
        label={t('access.title')}
        minWidth={400}
        columns={[
          { header: t('access.who'), cell: (e) => e.user.display_name },
          { header: t('access.when'), cell: (e) => formatInstant(e.at, lang) },
        ]}
        card={(e) => (
          <Stack gap={2}>
            <Text fw={600}>{e.user.display_name}</Text>
            <Text size="sm" c="dimmed">
              {formatInstant(e.at, lang)}
            </Text>
          </Stack>
        )}
      />
    </Stack>
  );
}
