// The resource directory (منابع و نهادها): organizations, benefactors,
// employers, counselors, specialists and middle circles, searched by words
// and filtered by kind and domain; managers add, change and remove their own.
import { useMemo, useState } from 'react';
import { Button, EmptyState, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { Center, DirectoryResource, Domain, Me, ResourceKind } from '../../api/types';
import { can, listCenters, removeResource, searchResources, useResource } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { FormAlert } from '../../components/FormAlert';
import { LoadState } from '../../components/LoadState';
import { ResponsiveList } from '../../components/ResponsiveList';
import { DomainBadges, PhoneLink, ResourceKindBadge } from './ResourceBits';
import { ResourceForm } from './ResourceForm';
import { DOMAINS, RESOURCE_KINDS, isDomain, isResourceKind } from './resourceState';
import { digitsFor } from '../families/format';

/** Typing pauses this long (ms) before the list asks the server. */
export const SEARCH_DEBOUNCE_MS = 350;

type Dialog = { kind: 'add' } | { kind: 'edit'; resource: DirectoryResource } | { kind: 'remove'; resource: DirectoryResource } | null;

export function ResourcesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('casework.resources.title'));
  const [qText, setQText] = useState('');
  const [q] = useDebouncedValue(qText, SEARCH_DEBOUNCE_MS);
  const [kind, setKind] = useState<ResourceKind | null>(null);
  const [domain, setDomain] = useState<Domain | null>(null);
  const list = useResource(() => searchResources({ q, kind, domain }), [q, kind, domain]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const canAdd = can(me, 'resources.manage');
  // Headquarters see every center's own resources: name the center.
  const manyCenters = me.user.role === 'hq_admin' && can(me, 'centers.read');
  const centers = useResource(() => (manyCenters ? listCenters() : Promise.resolve([] as Center[])), [manyCenters]);
  const centerName = useMemo(() => new Map((centers.data ?? []).map((c) => [c.id, c.name])), [centers.data]);

  const items = list.data ?? [];
  const filtered = q.trim() !== '' || kind !== null || domain !== null;

  const owner = (r: DirectoryResource) => {
    if (r.center_id === null) return t('casework.resources.shared');
    if (r.center_id === me.user.center_id) return t('casework.resources.ours');
    return centerName.get(r.center_id) ?? t('casework.resources.ofCenter');
  };
  const capacity = (r: DirectoryResource) => (r.capacity === null ? t('common.none') : formatNumber(r.capacity, lang));
  const contact = (r: DirectoryResource) => (
    <Stack gap={0}>
      {r.contact_name && <Text size="sm">{r.contact_name}</Text>}
      {r.phone ? <PhoneLink phone={r.phone} label={t('casework.resources.callOf', { name: r.contact_name || r.name })} /> : !r.contact_name && t('common.none')}
    </Stack>
  );

  function actions(r: DirectoryResource) {
    if (!r.can_manage) return null;
    return (
      <Group gap="xs" wrap="nowrap">
        <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'edit', resource: r })} aria-label={t('casework.resources.editOf', { name: r.name })}>
          {t('casework.edit')}
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          color="red"
          onClick={() => setDialog({ kind: 'remove', resource: r })}
          aria-label={t('casework.resources.removeOf', { name: r.name })}
        >
          {t('casework.remove')}
        </Button>
      </Group>
    );
  }

  const nameCell = (r: DirectoryResource) => (
    <Stack gap={2}>
      <Text fw={700}>{r.name}</Text>
      <Text size="xs" c="dimmed">
        {owner(r)}
        {r.user_name && `${t('common.separator')}${t('casework.resources.answersIn', { name: r.user_name })}`}
      </Text>
    </Stack>
  );

  const saved = (message: string) => () => {
    setDialog(null);
    notify({ color: 'teal', message });
    list.reload();
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('casework.resources.title')}
        </Title>
        {canAdd && <Button onClick={() => setDialog({ kind: 'add' })}>{t('casework.resources.new')}</Button>}
      </Group>
      <Text c="dimmed" maw={720}>
        {t('casework.resources.intro')}
      </Text>

      <SimpleGrid cols={{ base: 1, sm: 3 }} role="search" aria-label={t('casework.resources.searchArea')}>
        <TextInput
          label={t('casework.resources.search')}
          placeholder={t('casework.resources.searchPlaceholder')}
          type="search"
          value={qText}
          onChange={(e) => setQText(e.currentTarget.value)}
          autoComplete="off"
        />
        <Select
          label={t('casework.resources.fields.kind')}
          data={[{ value: '', label: t('casework.resources.allKinds') }, ...RESOURCE_KINDS.map((k) => ({ value: k, label: t(`casework.resources.kind.${k}`) }))]}
          value={kind ?? ''}
          onChange={(v) => setKind(isResourceKind(v) ? v : null)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('casework.resources.fields.domains')}
          data={[{ value: '', label: t('casework.resources.allDomains') }, ...DOMAINS.map((d) => ({ value: d, label: t(`assessment.domain.${d}`) }))]}
          value={domain ?? ''}
          onChange={(v) => setDomain(isDomain(v) ? v : null)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>

      {(!list.data || list.error != null) && <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />}
      {list.data && items.length > 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('casework.resources.total', { n: formatNumber(items.length, lang) })}
        </Text>
      )}
      {list.data && items.length === 0 && !filtered && (
        <EmptyState title={t('casework.resources.empty')} description={canAdd ? t('casework.resources.emptyHint') : undefined} />
      )}
      {list.data && items.length === 0 && filtered && (
        <EmptyState title={t('casework.resources.noMatch')}>
          <Button
            variant="light"
            mt="sm"
            onClick={() => {
              setQText('');
              setKind(null);
              setDomain(null);
            }}
          >
            {t('casework.resources.clearFilters')}
          </Button>
        </EmptyState>
      )}

      <ResponsiveList
        items={items}
        itemKey={(r) => r.id}
        label={t('casework.resources.list')}
        minWidth={1000}
        columns={[
          { header: t('casework.resources.fields.name'), cell: nameCell },
          { header: t('casework.resources.fields.kind'), cell: (r) => <ResourceKindBadge kind={r.kind} /> },
          { header: t('casework.resources.fields.level'), cell: (r) => t(`casework.resources.level.${r.level}`) },
          { header: t('casework.resources.fields.domains'), cell: (r) => <DomainBadges domains={r.domains} /> },
          { header: t('casework.resources.fields.offers'), cell: (r) => <Text size="sm" lineClamp={3}>{r.offers ? digitsFor(r.offers, lang) : t('common.none')}</Text> },
          { header: t('casework.resources.fields.capacity'), cell: capacity },
          { header: t('casework.resources.contact'), cell: contact },
          { header: t('casework.resources.fields.area'), cell: (r) => (r.area ? digitsFor(r.area, lang) : t('common.none')) },
          ...(items.some((r) => r.can_manage) ? [{ header: t('common.actions'), cell: actions }] : []),
        ]}
        card={(r) => (
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              {nameCell(r)}
              <ResourceKindBadge kind={r.kind} />
            </Group>
            <Group gap="xs">
              <Text size="sm">{t(`casework.resources.level.${r.level}`)}</Text>
              <DomainBadges domains={r.domains} />
            </Group>
            {r.offers && (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {digitsFor(r.offers, lang)}
              </Text>
            )}
            {(r.capacity !== null || r.area) && (
              <Text size="sm" c="dimmed">
                {r.capacity !== null && t('casework.resources.capacityN', { n: capacity(r) })}
                {r.capacity !== null && r.area && t('common.separator')}
                {r.area && t('casework.resources.areaN', { area: digitsFor(r.area, lang) })}
              </Text>
            )}
            {(r.contact_name || r.phone) && (
              <Group gap="xs">
                {r.contact_name && <Text size="sm">{r.contact_name}</Text>}
                {r.phone && <PhoneLink phone={r.phone} label={t('casework.resources.callOf', { name: r.contact_name || r.name })} />}
              </Group>
            )}
            {actions(r)}
          </Stack>
        )}
      />

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone && dialog?.kind !== 'remove'}
        size={dialog?.kind === 'remove' ? 'md' : 'lg'}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={
          dialog?.kind === 'add'
            ? t('casework.resources.newTitle')
            : dialog?.kind === 'edit'
              ? t('casework.resources.editTitle', { name: dialog.resource.name })
              : dialog?.kind === 'remove'
                ? t('casework.resources.removeTitle', { name: dialog.resource.name })
                : ''
        }
      >
        {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
          <ResourceForm
            me={me}
            resource={dialog.kind === 'edit' ? dialog.resource : null}
            onCancel={() => setDialog(null)}
            onSaved={(r) => saved(dialog.kind === 'edit' ? t('casework.resources.updated', { name: r.name }) : t('casework.resources.created', { name: r.name }))()}
            onStale={() => {
              setDialog(null);
              list.reload();
            }}
          />
        )}
        {dialog?.kind === 'remove' && (
          <RemoveResource
            // The latest version: after a conflict the list reloads, and a second try uses it.
            resource={items.find((r) => r.id === dialog.resource.id) ?? dialog.resource}
            onCancel={() => setDialog(null)}
            onDone={saved(t('casework.resources.removed', { name: dialog.resource.name }))}
            onStale={list.reload}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RemoveResource({
  resource,
  onCancel,
  onDone,
  onStale,
}: {
  resource: DirectoryResource;
  onCancel: () => void;
  onDone: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await removeResource(resource.id, resource.version);
      onDone();
    } catch (err) {
      setError(errorMessage(err, t, lang));
      // The list behind is out of date: load it again so a second try has the new version.
      if (err instanceof ApiError && err.code === 'version_conflict') onStale();
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('casework.resources.removeConfirm', { name: resource.name })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void confirm()}>
          {t('casework.remove')}
        </Button>
      </Group>
    </Stack>
  );
}
