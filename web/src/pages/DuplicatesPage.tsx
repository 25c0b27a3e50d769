// Likely duplicates: people of the center registered twice (same name,
// father's name and birth year). Each pair is merged or said to be two people.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, DataList, EmptyState, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dismissDuplicate, listDuplicates, mergeDuplicates, useResource, type DuplicateCandidate, type DuplicateGroup } from '../data';
import { ApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { formatDate } from '../lib/jalali';
import { formatNumber } from '../lib/locale';
import { maskNationalId } from '../lib/nationalId';
import { notify } from '../lib/notify';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { FormAlert } from '../components/FormAlert';
import { LoadState } from '../components/LoadState';
import { digitsFor, fullName } from './families/format';
import { familiesListPath } from './families/listState';

type Pair = readonly [DuplicateCandidate, DuplicateCandidate];
type Dialog = { kind: 'merge' | 'dismiss'; pair: Pair } | null;

/** Every two people of a group, in the group's order. */
export function pairsOf(group: DuplicateGroup): Pair[] {
  const out: Pair[] = [];
  group.members.forEach((a, i) => group.members.slice(i + 1).forEach((b) => out.push([a, b])));
  return out;
}

const groupKey = (g: DuplicateGroup) => g.members.map((c) => c.member.id).join(':');

export function DuplicatesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('duplicates.title'));
  const groups = useResource(listDuplicates, []);
  const [dialog, setDialog] = useState<Dialog>(null);
  const data = groups.data;
  const close = () => setDialog(null);
  const names = (pair: Pair) => ({ a: fullName(pair[0].member), b: fullName(pair[1].member) });

  return (
    <Stack gap="lg">
      <Anchor {...linkProps(familiesListPath())} size="sm">
        {t('family.backToList')}
      </Anchor>
      <Title order={1} size="h2">
        {t('duplicates.title')}
      </Title>
      <Text>{t('duplicates.intro')}</Text>

      {(!data || groups.error != null) && <LoadState loading={groups.loading && !data} error={groups.error} onRetry={groups.reload} />}
      {data && data.length === 0 && <EmptyState title={t('duplicates.empty')} description={t('duplicates.emptyHint')} />}
      {data && data.length > 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('duplicates.groups', { n: formatNumber(data.length, lang) })}
        </Text>
      )}

      {data?.map((g, i) => (
        <Card key={groupKey(g)} withBorder padding="md" component="section" aria-label={t('duplicates.group', { n: formatNumber(i + 1, lang) })}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: Math.min(g.members.length, 3) }} spacing="sm" verticalSpacing="sm">
              {g.members.map((c) => (
                <Person key={c.member.id} candidate={c} />
              ))}
            </SimpleGrid>
            <Stack gap="xs">
              {pairsOf(g).map((pair) => (
                <Group key={`${pair[0].member.id}:${pair[1].member.id}`} gap="sm" justify="flex-end">
                  {g.members.length > 2 && (
                    <Text size="sm" me="auto">
                      {t('duplicates.pair', names(pair))}
                    </Text>
                  )}
                  <Button variant="light" onClick={() => setDialog({ kind: 'merge', pair })} aria-label={t('duplicates.mergeOf', names(pair))}>
                    {t('duplicates.merge')}
                  </Button>
                  <Button variant="default" onClick={() => setDialog({ kind: 'dismiss', pair })} aria-label={t('duplicates.dismissOf', names(pair))}>
                    {t('duplicates.dismiss')}
                  </Button>
                </Group>
              ))}
            </Stack>
          </Stack>
        </Card>
      ))}

      <Modal
        opened={dialog !== null}
        onClose={close}
        size="lg"
        title={dialog?.kind === 'merge' ? t('duplicates.mergeTitle') : t('duplicates.dismissTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'merge' && (
          <MergeForm
            pair={dialog.pair}
            onCancel={close}
            onStale={groups.reload}
            onDone={(name, family) => {
              close();
              notify({ color: 'teal', message: t('duplicates.merged', { name, family }) });
              groups.reload();
            }}
          />
        )}
        {dialog?.kind === 'dismiss' && (
          <DismissForm
            pair={dialog.pair}
            onCancel={close}
            onStale={groups.reload}
            onDone={() => {
              close();
              notify({ color: 'teal', message: t('duplicates.dismissed', names(dialog.pair)) });
              groups.reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** One record: who, whose child, born when, which IDs, in which family. */
function Person({ candidate }: { candidate: DuplicateCandidate }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { member: m, family } = candidate;
  const none = t('common.none');
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group gap={6}>
          <Text fw={700}>{fullName(m)}</Text>
          {m.relation === 'head' && (
            <Badge size="sm" variant="light">
              {t('enums.relation.head')}
            </Badge>
          )}
        </Group>
        <DataList size="sm" gap={4} labelWidth="7rem">
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.father_name')}</DataList.ItemLabel>
            <DataList.ItemValue>{m.father_name || none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.birth_date')}</DataList.ItemLabel>
            <DataList.ItemValue>{m.birth_date ? formatDate(m.birth_date, lang) : none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.national_id')}</DataList.ItemLabel>
            <DataList.ItemValue>{m.national_id ? <span className="ltr">{digitsFor(maskNationalId(m.national_id), lang)}</span> : none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('fields.mobile')}</DataList.ItemLabel>
            <DataList.ItemValue>{m.mobile ? <span className="ltr">{digitsFor(m.mobile, lang)}</span> : none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('duplicates.family')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <Anchor {...linkProps(`/families/${family.id}`)}>{family.family_name}</Anchor>
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Stack>
    </Paper>
  );
}

interface ActionProps {
  pair: Pair;
  onCancel: () => void;
  /** The list is out of date (someone merged meanwhile): load it again behind the dialog. */
  onStale: () => void;
}

/** Runs one change and keeps its error for the dialog. */
function useAction(onStale: () => void) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      const stale = e instanceof ApiError && e.code === 'not_found';
      setError(stale ? `${errorMessage(e, t, lang)} ${t('duplicates.changed')}` : errorMessage(e, t, lang));
      if (stale) onStale();
      setBusy(false);
    }
  }
  return { error, busy, run };
}

function MergeForm({ pair, onCancel, onStale, onDone }: ActionProps & { onDone: (name: string, family: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [keep, setKeep] = useState<string | null>(null);
  const { error, busy, run } = useAction(onStale);
  const none = t('common.none');
  const kept = pair.find((c) => c.member.id === keep);
  const dropped = pair.find((c) => c.member.id !== keep);

  return (
    <Stack>
      <FormAlert message={error} />
      <Radio.Group label={t('duplicates.keep')} value={keep} onChange={setKeep} withAsterisk>
        <Stack gap="sm" mt="xs">
          {pair.map(({ member: m, family }) => (
            <Radio
              key={m.id}
              value={m.id}
              label={`${fullName(m)} ${t('duplicates.keepIn', { family: family.family_name })}`}
              description={[
                `${t('fields.father_name')}: ${m.father_name || none}`,
                `${t('fields.birth_date')}: ${m.birth_date ? formatDate(m.birth_date, lang) : none}`,
                `${t('fields.national_id')}: ${m.national_id ? `\u2066${digitsFor(maskNationalId(m.national_id), lang)}\u2069` : none}`,
              ].join(t('common.separator'))}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Text size="sm">{t('duplicates.mergeExplain')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!kept || !dropped}
          loading={busy}
          onClick={() =>
            kept &&
            dropped &&
            void run(async () => {
              const family = await mergeDuplicates(kept.member.id, dropped.member.id);
              onDone(fullName(kept.member), family.family_name);
            })
          }
        >
          {t('duplicates.mergeConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}

function DismissForm({ pair, onCancel, onStale, onDone }: ActionProps & { onDone: () => void }) {
  const { t } = useTranslation();
  const { error, busy, run } = useAction(onStale);
  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('duplicates.dismissConfirm', { a: fullName(pair[0].member), b: fullName(pair[1].member) })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={busy}
          onClick={() =>
            void run(async () => {
              await dismissDuplicate(pair[0].member.id, pair[1].member.id);
              onDone();
            })
          }
        >
          {t('duplicates.dismiss')}
        </Button>
      </Group>
    </Stack>
  );
}
