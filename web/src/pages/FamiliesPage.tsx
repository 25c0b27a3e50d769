import { useEffect, useReducer, useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, EmptyState, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notify } from '../lib/notify';
import { useTranslation } from 'react-i18next';
import { can, listFamilies, listHelpers, unreachable, useResource, type Family, type HelperList, type Me } from '../data';
import { usesOfflineStore } from '../offline';
import { FAMILY_STATUSES, TIER_FILTERS, type FamilyStatus, type TierFilter } from '../api/types';
import { formatNumber } from '../lib/locale';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps, navigate } from '../router';
import { LoadState } from '../components/LoadState';
import { Pager } from '../components/Pager';
import { ResponsiveList } from '../components/ResponsiveList';
import { TierBadge } from '../components/TierBadge';
import { ExportMenu } from './families/ExportMenu';
import { FamilyForm } from './families/FamilyForm';
import { StatusBadge } from './families/StatusBadge';
import { UNASSIGNED, hasFilters, listReducer, pageCount, paramsFromSearch, paramsToSearch, rememberListSearch, toQuery } from './families/listState';
import { takesFamilies } from './helpers/helperState';

/** Typing pauses this long (ms) before the list asks the server. */
const DEBOUNCE_MS = 350;

export function FamiliesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('families.title'));
  const [params, dispatch] = useReducer(listReducer, undefined, () => paramsFromSearch(window.location.search));
  // The inputs show what is typed at once; the list follows after a pause.
  const [qText, setQText] = useState(params.q);
  const [nbText, setNbText] = useState(params.neighborhood);
  const [debouncedQ] = useDebouncedValue(qText, DEBOUNCE_MS);
  const [debouncedNb] = useDebouncedValue(nbText, DEBOUNCE_MS);
  useEffect(() => dispatch({ type: 'search', q: debouncedQ }), [debouncedQ]);
  useEffect(() => dispatch({ type: 'neighborhood', neighborhood: debouncedNb }), [debouncedNb]);

  // The address bar carries the search, so "back" from a family returns here.
  useEffect(() => {
    const search = paramsToSearch(params);
    rememberListSearch(search);
    if (window.location.pathname === '/families' && window.location.search !== search) {
      window.history.replaceState(null, '', `/families${search}`);
    }
  }, [params]);

  const query = toQuery(params);
  const families = useResource(() => listFamilies(query), [query.q, query.neighborhood, query.status, query.tier, query.helper, query.page, query.pageSize]);
  // Managers filter by helper: whose caseload, or the families no one has.
  const byHelper = can(me, 'assignments.manage');
  const helpers = useResource(
    () => (byHelper ? listHelpers() : Promise.resolve<HelperList | null>(null)),
    [byHelper],
  );
  const data = families.data;
  const items = data?.items ?? [];
  const pages = data ? pageCount(data.total, data.page_size || query.pageSize) : 1;
  const [creating, setCreating] = useState(false);
  const listTop = useRef<HTMLDivElement>(null);

  // A page past the end (families were closed or moved meanwhile): go to the last one.
  useEffect(() => {
    if (data && items.length === 0 && data.total > 0 && params.page > pages) dispatch({ type: 'page', page: pages });
  }, [data, items.length, params.page, pages]);

  // A manager sees the center's families; a helper sees those assigned to them
  // (an empty list until families are assigned). Headquarters see families only
  // in aggregate, so never reach this page.
  const seesCenter = me.user.role === 'center_manager';
  // Registering families is the center manager's work: the server says so with `families.create`.
  const canCreate = can(me, 'families.create');
  const filtered = hasFilters(params);
  const members = (n: number) => t('families.members', { n: formatNumber(n, lang) });

  function searchNow(e: FormEvent) {
    e.preventDefault();
    dispatch({ type: 'search', q: qText });
    dispatch({ type: 'neighborhood', neighborhood: nbText });
  }

  function clearFilters() {
    setQText('');
    setNbText('');
    dispatch({ type: 'clear' });
  }

  function goToPage(page: number) {
    dispatch({ type: 'page', page });
    listTop.current?.scrollIntoView({ block: 'start' });
  }

  const nameLink = (f: Family) => (
    <Anchor {...linkProps(`/families/${f.id}`)} fw={700}>
      {f.family_name}
    </Anchor>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('families.title')}
        </Title>
        {canCreate && (
          <Group gap="xs" role="group" aria-label={t('families.tools')}>
            <Button onClick={() => setCreating(true)}>{t('families.new')}</Button>
            <Button component="a" variant="default" {...linkProps('/families/import')}>
              {t('families.importList')}
            </Button>
            <ExportMenu />
            <Button component="a" variant="default" {...linkProps('/families/duplicates')}>
              {t('families.duplicates')}
            </Button>
          </Group>
        )}
      </Group>

      <form role="search" aria-label={t('families.searchForm')} onSubmit={searchNow}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label={t('families.search')}
            placeholder={t('families.searchHint')}
            type="search"
            value={qText}
            onChange={(e) => setQText(e.currentTarget.value)}
            autoComplete="off"
          />
          <TextInput
            label={t('families.neighborhoodFilter')}
            type="search"
            value={nbText}
            onChange={(e) => setNbText(e.currentTarget.value)}
            autoComplete="off"
          />
          <Select
            label={t('families.statusFilter')}
            data={[{ value: '', label: t('families.allStatuses') }, ...FAMILY_STATUSES.map((s) => ({ value: s, label: t(`enums.familyStatus.${s}`) }))]}
            value={params.status ?? ''}
            onChange={(v) => dispatch({ type: 'status', status: v ? (v as FamilyStatus) : null })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('assessment.tierFilter')}
            data={[
              { value: '', label: t('assessment.allTiers') },
              ...TIER_FILTERS.map((v) => ({ value: v, label: v === 'unassessed' ? t('assessment.tier.none') : t(`assessment.tier.${v}`) })),
            ]}
            value={params.tier ?? ''}
            onChange={(v) => dispatch({ type: 'tier', tier: v ? (v as TierFilter) : null })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          {byHelper && (
            <Select
              label={t('helpers.filter.label')}
              data={[
                { value: '', label: t('helpers.filter.all') },
                { value: UNASSIGNED, label: t('helpers.filter.unassigned') },
                ...(helpers.data?.items ?? [])
                  // Those who hold families first; the others' lists are empty or past.
                  .slice()
                  .sort((a, b) => Number(takesFamilies(b.status)) - Number(takesFamilies(a.status)))
                  .map((h) => ({
                    value: h.id,
                    label: takesFamilies(h.status) ? h.full_name : t('helpers.filter.withStatus', { name: h.full_name, status: t(`helpers.status.${h.status}`) }),
                  })),
                // A helper from the address bar not (or not yet) in the list.
                ...(params.helper && params.helper !== UNASSIGNED && !helpers.data?.items.some((h) => h.id === params.helper)
                  ? [{ value: params.helper, label: helpers.data ? t('helpers.filter.unknown') : t('common.loading') }]
                  : []),
              ]}
              value={params.helper ?? ''}
              onChange={(v) => dispatch({ type: 'helper', helper: v ? v : null })}
              allowDeselect={false}
              searchable
              nothingFoundMessage={t('helpers.filter.nothingFound')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </SimpleGrid>
        {/* Enter searches at once; the button is for screen readers and habit. */}
        <button type="submit" hidden />
      </form>

      <div ref={listTop} />
      {(!data || families.error != null) && <LoadState loading={families.loading && !data} error={families.error} onRetry={families.reload} />}
      {families.error != null && usesOfflineStore(me) && unreachable(families.error) && (
        // A helper offline: their own families are on the phone.
        <Anchor {...linkProps('/my-families')}>{t('families.offlineHint')}</Anchor>
      )}

      {data && items.length > 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('families.total', { n: formatNumber(data.total, lang) })}
        </Text>
      )}

      {data && data.total === 0 && !filtered && (
        <EmptyState
          title={seesCenter ? t('families.emptyCenter') : t('families.emptyAssigned')}
          description={seesCenter ? (canCreate ? t('families.emptyCenterHint') : undefined) : t('families.emptyAssignedHint')}
        />
      )}
      {data && data.total === 0 && filtered && (
        <EmptyState title={t('families.noMatch')} description={t('families.noMatchHint')}>
          <Button variant="light" mt="sm" onClick={clearFilters}>
            {t('families.clearFilters')}
          </Button>
        </EmptyState>
      )}

      <ResponsiveList
        items={items}
        itemKey={(f) => f.id}
        label={t('families.list')}
        minWidth={820}
        columns={[
          { header: t('families.familyName'), cell: nameLink },
          { header: t('families.headName'), cell: (f) => f.head_name || t('common.none') },
          { header: t('families.neighborhood'), cell: (f) => f.neighborhood || t('common.none') },
          { header: t('families.memberCount'), cell: (f) => formatNumber(f.member_count, lang) },
          { header: t('fields.status'), cell: (f) => <StatusBadge status={f.status} /> },
          { header: t('assessment.tierColumn'), cell: (f) => <TierBadge tier={f.tier} /> },
        ]}
        card={(f) => (
          <Stack gap={2}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              {nameLink(f)}
              <Group gap={4} justify="flex-end">
                <StatusBadge status={f.status} />
                <TierBadge tier={f.tier} />
              </Group>
            </Group>
            <Text size="sm">
              {t('families.headName')}: {f.head_name || t('common.none')}
            </Text>
            <Text size="sm" c="dimmed">
              {f.neighborhood || t('common.none')}
              {t('common.separator')}
              {members(f.member_count)}
            </Text>
          </Stack>
        )}
      />

      {data && <Pager page={params.page} pages={pages} onChange={goToPage} label={t('families.pages')} />}

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        fullScreen={phone}
        size="xl"
        title={t('families.new')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && (
          <FamilyForm
            family={null}
            onCancel={() => setCreating(false)}
            onSaved={(f) => {
              setCreating(false);
              notify({ color: 'teal', message: t('families.created', { name: f.family_name }) });
              navigate(`/families/${f.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
