// The center manager's view of a family's offline edits the server refused,
// and of those it applied after the helper's assignment had ended (marked
// for review): what was tried, by whom, when, and why it was refused.
// Read-only: a refused edit is made again, if at all, as a new one.
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { familyOfflineEdits, useResource } from '../../data';
import { refusalText } from '../../components/sync/format';
import { useLang } from '../../lib/useLang';
import { LoadState } from '../../components/LoadState';
import { fieldLabel, formatInstant, historyValue, isEmptyValue, type HistoryContext } from './format';

export function FamilyOfflineEdits({ familyId, memberNames, refreshKey = '' }: { familyId: string; memberNames: ReadonlyMap<string, string>; refreshKey?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useResource(() => familyOfflineEdits(familyId), [familyId, refreshKey]);
  if (!list.data) return list.error != null ? <LoadState loading={false} error={list.error} onRetry={list.reload} /> : null;
  const items = list.data;
  if (items.length === 0) return null;
  const ctx: HistoryContext = { t, lang, familyId, memberName: (id) => memberNames.get(id) ?? null };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="family-offline-edits">
      <Stack gap="sm">
        <Title order={2} size="h4" id="family-offline-edits">
          {t('syncRecords.editsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('syncRecords.editsHint')}
        </Text>
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('syncRecords.editsList')}>
          {items.map((m) => {
            const what = t(`sync.ops.${m.op}`, { entity: t(`sync.entities.${m.entity}`) });
            const whose = m.entity === 'family_member' ? memberNames.get(m.entity_id) : null;
            const refused = m.result === 'rejected';
            const changes = Object.entries(m.fields ?? {})
              .filter(([field, v]) => field !== 'answers' && !isEmptyValue(v))
              .map(([field, v]) => `${fieldLabel(field, t)}: ${historyValue(field, v, ctx)}`)
              .join(t('common.separator'));
            return (
              <Card component="li" key={m.id} withBorder padding="sm" radius="sm">
                <Stack gap={4}>
                  <Group gap="xs" justify="space-between" wrap="wrap">
                    <Text fw={700}>{whose ? `${what}${t('common.separator')}${whose}` : what}</Text>
                    <Badge size="sm" variant="light" color={refused ? 'red' : 'blue'} c={refused ? '#a51d1d' : 'blue.9'}>
                      {refused ? t('syncRecords.rejected') : t('syncRecords.review')}
                    </Badge>
                  </Group>
                  <Text size="sm">{refused ? refusalText(m, t, lang) : t('syncRecords.reviewHint')}</Text>
                  {changes && <Text size="sm">{t('syncRecords.changes', { fields: changes })}</Text>}
                  <Text size="xs" c="dimmed">
                    {[
                      t('syncRecords.author', { who: m.author.display_name }),
                      m.device_time ? t('syncRecords.deviceTime', { at: formatInstant(m.device_time, lang) }) : null,
                      t('syncRecords.received', { at: formatInstant(m.received_at, lang) }),
                    ]
                      .filter(Boolean)
                      .join(t('common.separator'))}
                  </Text>
                </Stack>
              </Card>
            );
          })}
        </Stack>
      </Stack>
    </Card>
  );
}
