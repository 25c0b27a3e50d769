// Family helpers (همیاران): each with their status, caseload against the
// limits, training hours and last activity; registering a new applicant.
import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, EmptyState, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, listCenters, listHelpers, useResource, type Center, type Helper, type Me } from '../data';
import { HELPER_STATUSES, isHelperStatus, type HelperStatus } from '../api/types';
import { formatNumber } from '../lib/locale';
import { notify } from '../lib/notify';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps, navigate } from '../router';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';
import { CaseloadBar, HelperStatusBadge, LastActivityText, TrainingHours } from './helpers/HelperBits';
import { HelperForm } from './helpers/HelperForm';
import { helpersListPath, rememberHelpersStatus, statusFromSearch } from './helpers/listPath';

export function HelpersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('helpers.title'));
  const [status, setStatus] = useState<HelperStatus | null>(() => statusFromSearch(window.location.search));
  const helpers = useResource(() => listHelpers(status), [status]);
  // Headquarters see the helpers of every center: name the center.
  const manyCenters = me.user.role === 'hq_admin' && can(me, 'centers.read');
  const centers = useResource(() => (manyCenters ? listCenters() : Promise.resolve([] as Center[])), [manyCenters]);
  const [creating, setCreating] = useState(false);
  const canManage = can(me, 'helpers.manage');

  useEffect(() => {
    rememberHelpersStatus(status);
    const path = helpersListPath(status);
    if (window.location.pathname === '/helpers' && `${window.location.pathname}${window.location.search}` !== path) {
      window.history.replaceState(null, '', path);
    }
  }, [status]);

  const centerName = useMemo(() => {
    const names = new Map((centers.data ?? []).map((c) => [c.id, c.name]));
    return (id: string) => names.get(id) ?? t('common.none');
  }, [centers.data, t]);

  const data = helpers.data;
  const items = data?.items ?? [];
  const rules = data?.rules;

  const nameLink = (h: Helper) => (
    <Anchor {...linkProps(`/helpers/${h.id}`)} fw={700}>
      {h.full_name}
    </Anchor>
  );
  const caseload = (h: Helper) => (rules ? <CaseloadBar caseload={h.caseload} status={h.status} rules={rules} name={h.full_name} /> : null);
  const training = (h: Helper) => (rules ? <TrainingHours pre={h.pre_service_hours} inService={h.in_service_hours} rules={rules} /> : null);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('helpers.title')}
        </Title>
        {canManage && <Button onClick={() => setCreating(true)}>{t('helpers.new')}</Button>}
      </Group>

      <Select
        label={t('helpers.statusFilter')}
        maw={360}
        data={[{ value: '', label: t('helpers.allStatuses') }, ...HELPER_STATUSES.map((s) => ({ value: s, label: t(`helpers.status.${s}`) }))]}
        value={status ?? ''}
        onChange={(v) => setStatus(isHelperStatus(v) ? v : null)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />

      {(!data || helpers.error != null) && <LoadState loading={helpers.loading && !data} error={helpers.error} onRetry={helpers.reload} />}

      {data && items.length > 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('helpers.total', { n: formatNumber(items.length, lang) })}
        </Text>
      )}
      {data && items.length === 0 && status === null && (
        <EmptyState title={t('helpers.empty')} description={canManage ? t('helpers.emptyHint') : undefined} />
      )}
      {data && items.length === 0 && status !== null && (
        <EmptyState title={t('helpers.noMatch', { status: t(`helpers.status.${status}`) })}>
          <Button variant="light" mt="sm" onClick={() => setStatus(null)}>
            {t('helpers.showAll')}
          </Button>
        </EmptyState>
      )}

      <ResponsiveList
        items={items}
        itemKey={(h) => h.id}
        label={t('helpers.list')}
        minWidth={900}
        columns={[
          { header: t('helpers.columns.name'), cell: nameLink },
          ...(manyCenters ? [{ header: t('helpers.columns.center'), cell: (h: Helper) => centerName(h.center_id) }] : []),
          { header: t('helpers.columns.status'), cell: (h) => <HelperStatusBadge status={h.status} /> },
          { header: t('helpers.columns.caseload'), cell: caseload },
          { header: t('helpers.columns.training'), cell: training },
          { header: t('helpers.columns.lastActivity'), cell: (h) => <LastActivityText at={h.last_activity} /> },
        ]}
        card={(h) => (
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              {nameLink(h)}
              <HelperStatusBadge status={h.status} />
            </Group>
            {manyCenters && (
              <Text size="sm" c="dimmed">
                {centerName(h.center_id)}
              </Text>
            )}
            {caseload(h)}
            {training(h)}
            <Text size="sm">
              {t('helpers.columns.lastActivity')}: <LastActivityText at={h.last_activity} />
            </Text>
          </Stack>
        )}
      />

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        fullScreen={phone}
        size="xl"
        title={t('helpers.newTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && (
          <HelperForm
            helper={null}
            onCancel={() => setCreating(false)}
            onSaved={(d) => {
              setCreating(false);
              notify({ color: 'teal', message: t('helpers.created', { name: d.helper.full_name }) });
              navigate(`/helpers/${d.helper.id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
