// Outcome reports (aggregates only, no family named): how the families of the
// centers I see are leveled now, and how they moved from their baseline to
// the end of their plan.
import { useEffect, useState } from 'react';
import { Card, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { listCenters, tierDistribution, transitionReport, useResource, type Me, type TransitionGrouping, type TransitionQuery } from '../data';
import { formatDate } from '../lib/jalali';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { JalaliDateInput } from '../components/JalaliDateInput';
import { LoadState } from '../components/LoadState';
import { TierDistributionView } from './reports/TierDistributionView';
import { TransitionMatrixView } from './reports/TransitionMatrix';

interface DateValue {
  value: string | null;
  valid: boolean;
}

const NO_DATE: DateValue = { value: null, valid: true };

/** Text of either direction inside a sentence, kept in one piece (Unicode first-strong isolate). */
const isolate = (s: string) => `\u2068${s}\u2069`;

export function ReportsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  const distribution = useResource(tierDistribution, []);

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('reports.title')}
        </Title>
        <Text c="dimmed">{t('reports.intro')}</Text>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="reports-distribution">
        <Title order={2} size="h3" id="reports-distribution">
          {t('reports.distribution.title')}
        </Title>
        <Text size="sm">{t('reports.distribution.intro')}</Text>
        {(!distribution.data || distribution.error != null) && (
          <LoadState loading={distribution.loading && !distribution.data} error={distribution.error} onRetry={distribution.reload} />
        )}
        {distribution.data && distribution.data.centers.length === 0 && <Text c="dimmed">{t('reports.distribution.empty')}</Text>}
        {distribution.data && distribution.data.centers.length > 0 && <TierDistributionView data={distribution.data} />}
      </Stack>

      <Transitions me={me} />
    </Stack>
  );
}

function Transitions({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Headquarters see every center of theirs and may pick one; a center's people see their own.
  const seesHeadquarters = me.user.role === 'hq_admin';
  const centers = useResource(() => (seesHeadquarters ? listCenters() : Promise.resolve([])), [seesHeadquarters]);
  const [centerId, setCenterId] = useState<string | null>(null);
  const [from, setFrom] = useState<DateValue>(NO_DATE);
  const [to, setTo] = useState<DateValue>(NO_DATE);
  const [by, setBy] = useState<TransitionGrouping | null>(null);

  const reversed = from.value !== null && to.value !== null && from.value > to.value;
  const ready = from.valid && to.valid && !reversed;
  // The report follows the filters once they make sense; a date being typed does not clear it.
  const [applied, setApplied] = useState<TransitionQuery>({});
  useEffect(() => {
    if (ready) setApplied({ centerId, from: from.value, to: to.value, by });
  }, [ready, centerId, from.value, to.value, by]);
  // The answer keeps the query it answers: the captions name what the numbers are of, also while the next loads.
  const report = useResource(
    async () => ({ query: applied, report: await transitionReport(applied) }),
    [applied.centerId, applied.from, applied.to, applied.by],
  );
  const shown = report.data?.query ?? applied;

  const groupings: { value: string; label: string }[] = [
    { value: '', label: t('reports.transitions.byNone') },
    ...(seesHeadquarters ? [{ value: 'center', label: t('reports.transitions.byCenter') }] : []),
    { value: 'assessor', label: t('reports.transitions.byAssessor') },
  ];
  const centerName = centers.data?.find((c) => c.id === shown.centerId)?.name;
  const scope = centerName ?? (seesHeadquarters ? t('reports.transitions.allCenters') : (me.center?.name ?? ''));
  const period =
    shown.from || shown.to
      ? t('reports.transitions.period', {
          from: shown.from ? formatDate(shown.from, lang) : '…',
          to: shown.to ? formatDate(shown.to, lang) : '…',
        })
      : null;
  // Names are Persian in both languages: isolated, so an English caption keeps its order.
  const totalCaption = [isolate(scope), period].filter(Boolean).join(t('common.separator'));
  const data = report.data?.report;

  return (
    <Stack gap="sm" component="section" aria-labelledby="reports-transitions">
      <Title order={2} size="h3" id="reports-transitions">
        {t('reports.transitions.title')}
      </Title>
      <Text size="sm">{t('reports.transitions.intro')}</Text>

      <Card withBorder padding="md" component="form" role="search" aria-label={t('reports.transitions.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: seesHeadquarters ? 4 : 3 }} spacing="md" verticalSpacing="sm">
          {seesHeadquarters && (
            <Select
              label={t('reports.transitions.center')}
              data={[{ value: '', label: t('reports.transitions.allCenters') }, ...(centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
              value={centerId ?? ''}
              onChange={(v) => setCenterId(v ? v : null)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <JalaliDateInput label={t('reports.transitions.from')} value={from.value} onChange={(value, valid) => setFrom({ value, valid })} />
          <JalaliDateInput
            label={t('reports.transitions.to')}
            value={to.value}
            onChange={(value, valid) => setTo({ value, valid })}
            error={reversed ? t('reports.transitions.reversed') : null}
          />
          <Select
            label={t('reports.transitions.grouping')}
            data={groupings}
            value={by ?? ''}
            onChange={(v) => setBy(v === 'center' || v === 'assessor' ? v : null)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
      </Card>

      {(!data || report.error != null) && <LoadState loading={report.loading && !data} error={report.error} onRetry={report.reload} />}
      {data && (
        <Stack gap="lg" aria-busy={report.loading}>
          <TransitionMatrixView matrix={data.total} caption={t('reports.transitions.caption', { name: totalCaption })} />
          {shown.by && data.groups.length === 0 && <Text c="dimmed">{t('reports.transitions.noGroups')}</Text>}
          {data.groups.map((g) => (
            <Card key={g.id} withBorder padding="sm" component="section" aria-label={g.name}>
              <TransitionMatrixView
                matrix={g.matrix}
                caption={t(shown.by === 'assessor' ? 'reports.transitions.captionAssessor' : 'reports.transitions.caption', { name: isolate(g.name) })}
              />
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
