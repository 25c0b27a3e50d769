// Referrals (ارجاع‌ها): the cases sent to me or my commissions, and those
// made for my families. Waiting ones first (the urgent on top), then those
// in work, then closed ones; a filter by where they stand. A specialist's
// main page: read on a phone.
import { useEffect, useState } from 'react';
import { Anchor, Badge, Chip, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me, ReferralCase } from '../../api/types';
import { listReferrals, useResource } from '../../data';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps } from '../../router';
import { LoadState } from '../../components/LoadState';
import { ResponsiveList } from '../../components/ResponsiveList';
import { ReferralStatusBadge, UrgencyBadge } from './ReferralBits';
import { STATUS_GROUPS, groupOf, isStatusGroup, receiverOf, sortCases, type StatusGroup } from './referralState';
import { digitsFor } from '../families/format';

type Filter = StatusGroup | 'all';

function filterFromSearch(search: string): Filter {
  const v = new URLSearchParams(search).get('status');
  return isStatusGroup(v) ? v : 'all';
}

export function ReferralsPage(_props: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('casework.referrals.title'));
  const cases = useResource(() => listReferrals(), []);
  const [filter, setFilter] = useState<Filter>(() => filterFromSearch(window.location.search));

  // The address bar keeps the filter, so "back" from a case returns to it.
  useEffect(() => {
    const path = filter === 'all' ? '/referrals' : `/referrals?status=${filter}`;
    if (window.location.pathname === '/referrals' && `${window.location.pathname}${window.location.search}` !== path) {
      window.history.replaceState(null, '', path);
    }
  }, [filter]);

  const all = sortCases(cases.data ?? []);
  const count = (g: Filter) => (g === 'all' ? all.length : all.filter((c) => groupOf(c.referral.status) === g).length);
  const items = filter === 'all' ? all : all.filter((c) => groupOf(c.referral.status) === filter);

  const familyLink = (c: ReferralCase) => (
    <Anchor {...linkProps(`/referrals/${encodeURIComponent(c.referral.id)}`)} fw={700}>
      {c.family_name}
    </Anchor>
  );
  const forWhom = (c: ReferralCase) => c.member?.name ?? t('casework.referrals.wholeFamily');
  const receiver = (c: ReferralCase) => receiverOf(c) ?? t('common.none');
  const date = (c: ReferralCase) => formatDate(c.referral.referred_on, lang);
  // A case waiting for my answer stands out.
  const mine = (c: ReferralCase) =>
    c.can_answer && c.referral.status === 'sent' ? (
      <Badge color="blue" variant="filled" size="sm">
        {t('casework.referrals.waitingForYou')}
      </Badge>
    ) : null;

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('casework.referrals.title')}
      </Title>
      <Text c="dimmed" maw={720}>
        {t('casework.referrals.intro')}
      </Text>

      {cases.data && all.length > 0 && (
        <Chip.Group multiple={false} value={filter} onChange={(v) => setFilter(isStatusGroup(v) ? v : 'all')}>
          <Group gap="xs" role="radiogroup" aria-label={t('casework.referrals.filter')}>
            {(['all', ...STATUS_GROUPS] as const).map((g) => (
              <Chip key={g} value={g} size="sm">
                {t(`casework.referrals.groups.${g}`)} ({formatNumber(count(g), lang)})
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}

      {(!cases.data || cases.error != null) && <LoadState loading={cases.loading && !cases.data} error={cases.error} onRetry={cases.reload} />}
      {cases.data && all.length === 0 && <EmptyState title={t('casework.referrals.empty')} description={t('casework.referrals.emptyHint')} />}
      {cases.data && all.length > 0 && items.length === 0 && (
        <Text c="dimmed">{t('casework.referrals.noneIn', { group: t(`casework.referrals.groups.${filter}`) })}</Text>
      )}

      <ResponsiveList
        items={items}
        itemKey={(c) => c.referral.id}
        label={t('casework.referrals.list')}
        minWidth={900}
        columns={[
          {
            header: t('casework.referrals.fields.family'),
            cell: (c) => (
              <Stack gap={2} align="flex-start">
                {familyLink(c)}
                {mine(c)}
              </Stack>
            ),
          },
          { header: t('casework.referrals.fields.member'), cell: forWhom },
          { header: t('casework.referrals.fields.receiver'), cell: receiver },
          { header: t('casework.referrals.fields.urgency'), cell: (c) => <UrgencyBadge urgency={c.referral.urgency} /> },
          { header: t('casework.referrals.fields.referred_on'), cell: date },
          { header: t('casework.referrals.fields.status'), cell: (c) => <ReferralStatusBadge status={c.referral.status} /> },
        ]}
        card={(c) => (
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              {familyLink(c)}
              <ReferralStatusBadge status={c.referral.status} />
            </Group>
            <Group gap="xs">
              <UrgencyBadge urgency={c.referral.urgency} size="sm" />
              {mine(c)}
            </Group>
            <Text size="sm">
              {forWhom(c)}
              {t('common.separator')}
              {t('casework.referrals.toN', { name: receiver(c) })}
            </Text>
            <Text size="sm" lineClamp={2}>
              {digitsFor(c.referral.reason, lang)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('casework.referrals.referredOnN', { date: date(c) })}
            </Text>
          </Stack>
        )}
      />
    </Stack>
  );
}
