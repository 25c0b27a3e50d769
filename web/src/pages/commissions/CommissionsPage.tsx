// Commissions (کمیسیون‌ها): the cultural, social and economic case
// conferences I may open, with their seats, open cases and overdue tasks;
// managers and headquarters admins set new ones up.
import { useState } from 'react';
import { Anchor, Badge, Button, EmptyState, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Commission, Me } from '../../api/types';
import { can, listCommissions, useResource } from '../../data';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps, navigate } from '../../router';
import { LoadState } from '../../components/LoadState';
import { ResponsiveList } from '../../components/ResponsiveList';
import { CommissionForm } from './CommissionForm';

export function DomainBadge({ domain }: { domain: Commission['domain'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="violet" style={{ flexShrink: 0 }}>
      {t('casework.commissions.domainN', { domain: t(`assessment.domain.${domain}`) })}
    </Badge>
  );
}

export function CommissionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('casework.commissions.title'));
  const list = useResource(() => listCommissions(), []);
  const [creating, setCreating] = useState(false);
  const canCreate = can(me, 'commissions.manage');
  const items = list.data ?? [];
  const n = (v: number) => formatNumber(v, lang);

  const nameLink = (c: Commission) => (
    <Anchor {...linkProps(`/commissions/${encodeURIComponent(c.id)}`)} fw={700}>
      {c.name}
    </Anchor>
  );
  const owner = (c: Commission) => c.center_name ?? t('casework.commissions.ofHq');
  const overdue = (c: Commission) =>
    c.overdue_tasks > 0 ? (
      <Badge color="red" variant="filled" data-overdue>
        {t('casework.commissions.overdueN', { n: n(c.overdue_tasks) })}
      </Badge>
    ) : (
      <Text size="sm" c="dimmed">
        {t('casework.commissions.noOverdue')}
      </Text>
    );

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('casework.commissions.title')}
        </Title>
        {canCreate && <Button onClick={() => setCreating(true)}>{t('casework.commissions.new')}</Button>}
      </Group>
      <Text c="dimmed" maw={720}>
        {t('casework.commissions.intro')}
      </Text>

      {(!list.data || list.error != null) && <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && (
        <EmptyState title={t('casework.commissions.empty')} description={canCreate ? t('casework.commissions.emptyHint') : undefined} />
      )}

      <ResponsiveList
        items={items}
        itemKey={(c) => c.id}
        label={t('casework.commissions.list')}
        minWidth={820}
        columns={[
          { header: t('casework.commissions.fields.name'), cell: nameLink },
          { header: t('casework.commissions.fields.domain'), cell: (c) => <DomainBadge domain={c.domain} /> },
          { header: t('casework.commissions.fields.owner'), cell: owner },
          { header: t('casework.commissions.fields.seats'), cell: (c) => n(c.seats) },
          { header: t('casework.commissions.fields.open_cases'), cell: (c) => n(c.open_cases) },
          { header: t('casework.commissions.fields.overdue_tasks'), cell: overdue },
        ]}
        card={(c) => (
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              {nameLink(c)}
              <DomainBadge domain={c.domain} />
            </Group>
            <Text size="sm" c="dimmed">
              {owner(c)}
            </Text>
            <Text size="sm">
              {t('casework.commissions.seatsN', { n: n(c.seats) })}
              {t('common.separator')}
              {t('casework.commissions.openCasesN', { n: n(c.open_cases) })}
            </Text>
            {c.overdue_tasks > 0 && <Group>{overdue(c)}</Group>}
          </Stack>
        )}
      />

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        fullScreen={phone}
        size="lg"
        title={t('casework.commissions.newTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && (
          <CommissionForm
            me={me}
            commission={null}
            onCancel={() => setCreating(false)}
            onSaved={(d) => {
              setCreating(false);
              notify({ color: 'teal', message: t('casework.commissions.created', { name: d.commission.name }) });
              navigate(`/commissions/${encodeURIComponent(d.commission.id)}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
