// A family's open conflicts of offline edits (docs/sync.md, "Conflicts"), as
// the server keeps them: which field, the value that stands and the value
// that lost with who wrote each, the phone's time; keep the one or restore
// the other. On the center manager's family page and the helper's.
import { useEffect, useRef, useState } from 'react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { familyConflicts, resolveConflict, useResource, type ConflictResolution, type SyncConflict } from '../../data';
import { ApiError } from '../../api/errors';
import { errorMessage } from '../../i18n/errors';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { LoadState } from '../../components/LoadState';
import { fieldLabel, formatInstant, fullName, historyValue, type HistoryContext } from './format';

/** No answer from the server: the section says it needs the internet instead of failing. */
export function isNetworkError(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'network' || e.code === 'timeout');
}

/** The name of the record a conflict is about: a member's (from the family or the deleted record), or «family details». */
export function conflictRecordName(c: SyncConflict, memberNames: ReadonlyMap<string, string>, t: HistoryContext['t']): string {
  if (c.entity === 'family') return t('syncRecords.familyRecord');
  const known = memberNames.get(c.entity_id);
  if (known) return known;
  const snapshot = c.winning_value as { first_name?: unknown; last_name?: unknown } | null;
  if (snapshot && typeof snapshot === 'object' && typeof snapshot.first_name === 'string') {
    return fullName({ first_name: snapshot.first_name, last_name: typeof snapshot.last_name === 'string' ? snapshot.last_name : '' });
  }
  // Goals and activities of the assistance calendar are known by their title.
  const titled = c.winning_value as { title?: unknown } | null;
  if (titled && typeof titled === 'object' && typeof titled.title === 'string') return titled.title;
  if (c.entity !== 'family_member') return t(`sync.entities.${c.entity}` as 'sync.entities.family', { defaultValue: c.entity });
  return t('syncRecords.aMember');
}

export interface FamilyConflictsProps {
  familyId: string;
  /** Members' names by id, to say whose field it is. */
  memberNames: ReadonlyMap<string, string>;
  /** Loads again when it changes (e.g. after a sync). */
  refreshKey?: string;
  /** A conflict was resolved (a restore changed a record: the page reloads it). */
  onResolved?: (c: SyncConflict, resolution: ConflictResolution) => void;
  /** The open conflicts as loaded (the helper's page leaves them out of the phone's own list). */
  onLoaded?: (items: SyncConflict[]) => void;
}

export function FamilyConflicts({ familyId, memberNames, refreshKey = '', onResolved, onLoaded }: FamilyConflictsProps) {
  const { t } = useTranslation();
  const list = useResource(() => familyConflicts(familyId), [familyId, refreshKey]);
  const items = list.data ?? [];
  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  useEffect(() => {
    if (list.data) loaded.current?.(list.data);
  }, [list.data]);

  if (!list.data) {
    if (list.error == null) return null;
    if (isNetworkError(list.error)) {
      return (
        <Text size="sm" c="dimmed">
          {t('syncRecords.needsNetwork')}
        </Text>
      );
    }
    return <LoadState loading={false} error={list.error} onRetry={list.reload} />;
  }
  if (items.length === 0) return null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="family-conflicts" style={{ borderColor: 'var(--mantine-color-orange-4)' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="family-conflicts">
          {t('syncRecords.conflictsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('syncRecords.conflictsHint')}
        </Text>
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('syncRecords.conflictList')}>
          {items.map((c) => (
            <ConflictItem
              key={c.id}
              conflict={c}
              familyId={familyId}
              memberNames={memberNames}
              onDone={(resolution) => {
                list.reload();
                onResolved?.(c, resolution);
              }}
              onStale={list.reload}
            />
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

function ConflictItem({
  conflict: c,
  familyId,
  memberNames,
  onDone,
  onStale,
}: {
  conflict: SyncConflict;
  familyId: string;
  memberNames: ReadonlyMap<string, string>;
  onDone: (resolution: ConflictResolution) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState<ConflictResolution | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ctx: HistoryContext = { t, lang, familyId, memberName: (id) => memberNames.get(id) ?? null };
  const record = conflictRecordName(c, memberNames, t);
  const who = (u: SyncConflict['winning_author']) => t('syncRecords.by', { who: u?.display_name ?? t('syncRecords.unknownAuthor') });
  const deleted = c.kind === 'edit_of_deleted';
  const titleId = `conflict-${c.id}`;

  async function resolve(resolution: ConflictResolution) {
    setBusy(resolution);
    setError(null);
    try {
      await resolveConflict(c.id, resolution, c.version);
      notify({ color: 'teal', message: resolution === 'keep' ? t('syncRecords.kept') : t('syncRecords.restored') });
      onDone(resolution);
    } catch (e) {
      setError(errorMessage(e, t, lang));
      setBusy(null);
      // Resolved elsewhere meanwhile: the list as it is now.
      if (e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'not_found')) onStale();
    }
  }

  let edited: string | null = null;
  if (deleted && c.losing_value && typeof c.losing_value === 'object') {
    edited = Object.entries(c.losing_value as Record<string, unknown>)
      .map(([field, v]) => `${fieldLabel(field, t)}: ${historyValue(field, v, ctx)}`)
      .join(t('common.separator'));
  }

  return (
    <Card component="li" withBorder padding="sm" radius="sm" aria-labelledby={titleId}>
      <Stack gap={4}>
        <Text fw={700} id={titleId}>
          {deleted ? t('syncRecords.deletedOf', { record }) : t('syncRecords.fieldOf', { field: c.field ? fieldLabel(c.field, t) : record, record })}
        </Text>
        {deleted ? (
          <>
            {edited && <Text size="sm">{t('syncRecords.editedFields', { value: edited })}</Text>}
            <Text size="sm" c="dimmed">
              {who(c.losing_author)}
            </Text>
            <Text size="sm">{t('syncRecords.deletedHint')}</Text>
          </>
        ) : (
          <>
            <Text size="sm">
              {t('syncRecords.standing', { value: historyValue(c.field ?? '', c.winning_value, ctx) })}
              {t('common.separator')}
              {who(c.winning_author)}
            </Text>
            <Text size="sm">
              {t('syncRecords.lost', { value: historyValue(c.field ?? '', c.losing_value, ctx) })}
              {t('common.separator')}
              {who(c.losing_author)}
            </Text>
          </>
        )}
        {c.device_time && (
          <Text size="xs" c="dimmed">
            {t('syncRecords.deviceTime', { at: formatInstant(c.device_time, lang) })}
          </Text>
        )}
        <FormAlert message={error} />
        <Group gap="xs" mt={4}>
          <Button size="compact-sm" onClick={() => void resolve('keep')} loading={busy === 'keep'} disabled={busy !== null}>
            {t('syncRecords.keep')}
          </Button>
          {!deleted && (
            <Button size="compact-sm" variant="light" onClick={() => void resolve('restore')} loading={busy === 'restore'} disabled={busy !== null}>
              {t('syncRecords.restore')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
