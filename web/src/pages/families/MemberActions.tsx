// The dialogs that change a family's members without a form: remove, make
// head, move to another family.
import { useState } from 'react';
import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { changeHead, listFamilies, moveMember, removeMember, useResource, type FamilyDetail, type Member } from '../../data';
import type { FamilyPage } from '../../api/types';
import { ApiError } from '../../api/errors';
import { errorMessage } from '../../i18n/errors';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { LoadState } from '../../components/LoadState';
import { fullName } from './format';
import { normalizeSearch } from './listState';

interface ConfirmProps {
  family: FamilyDetail;
  member: Member;
  onCancel: () => void;
  /** Something changed on the server meanwhile: load the family again. */
  onStale: () => void;
}

/** Runs one change; shows its error; on a version conflict reloads the family behind the dialog. */
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
    } catch (err) {
      const stale = err instanceof ApiError && (err.code === 'version_conflict' || err.code === 'not_found');
      setError(stale ? `${errorMessage(err, t, lang)} ${t('family.reloadedBehind')}` : errorMessage(err, t, lang));
      // The family behind the dialog is out of date: load it again, so a second try uses the new versions.
      if (stale) onStale();
      setBusy(false);
    }
  }
  return { error, busy, run };
}

export function RemoveMember({ family, member, onCancel, onStale, onDone }: ConfirmProps & { onDone: () => void }) {
  const { t } = useTranslation();
  const { error, busy, run } = useAction(onStale);
  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('member.confirmRemove', { name: fullName(member), family: family.family_name })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={() =>
            void run(async () => {
              await removeMember(family.id, member.id, member.version);
              onDone();
            })
          }
        >
          {t('member.remove')}
        </Button>
      </Group>
    </Stack>
  );
}

export function MakeHead({ family, member, onCancel, onStale, onDone }: ConfirmProps & { onDone: (fresh: FamilyDetail) => void }) {
  const { t } = useTranslation();
  const { error, busy, run } = useAction(onStale);
  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('member.confirmMakeHead', { name: fullName(member), head: family.head_name || t('common.none') })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={() => void run(async () => onDone(await changeHead(family.id, member.id, family.version)))}>
          {t('member.makeHead')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Pick the target among the center's families by searching, then move. */
export function MoveMember({ family, member, onCancel, onStale, onDone }: ConfirmProps & { onDone: (target: FamilyDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(normalizeSearch(text), 300);
  const [target, setTarget] = useState<string | null>(null);
  const { error, busy, run } = useAction(onStale);
  // Nothing is listed before the person types: a center has hundreds of families.
  const results = useResource<FamilyPage | null>(() => (q ? listFamilies({ q, page: 1, pageSize: 10 }) : Promise.resolve(null)), [q]);
  const options = (results.data?.items ?? []).filter((f) => f.id !== family.id);

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('member.moveIntro', { name: fullName(member), family: family.family_name })}</Text>
      <TextInput
        label={t('member.moveSearch')}
        description={t('families.searchHint')}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setTarget(null);
        }}
        autoComplete="off"
        data-autofocus
      />
      {q !== '' && results.error != null && <LoadState loading={false} error={results.error} onRetry={results.reload} />}
      {q !== '' && results.loading && !results.data && <LoadState loading error={null} onRetry={results.reload} />}
      {q !== '' && results.data && options.length === 0 && <Text c="dimmed">{t('member.moveNoMatch')}</Text>}
      {options.length > 0 && (
        <Radio.Group label={t('member.moveTarget')} value={target} onChange={setTarget}>
          <Stack gap="xs" mt="xs">
            {options.map((f) => (
              <Radio
                key={f.id}
                value={f.id}
                label={f.family_name}
                description={[`${t('families.headName')}: ${f.head_name || t('common.none')}`, f.neighborhood || t('common.none'), t('families.members', { n: formatNumber(f.member_count, lang) })].join(t('common.separator'))}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!target}
          loading={busy}
          onClick={() => target && void run(async () => onDone(await moveMember(family.id, member.id, target)))}
        >
          {t('member.move')}
        </Button>
      </Group>
    </Stack>
  );
}
