// One instrument version: what it asks (indicators by domain, answers,
// scores, marks), its tier rules and TOML source, and reclassifying the
// headquarters' families with it.
import { useState } from 'react';
import { Anchor, Button, Card, Code, DataList, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, getInstrument, listInstruments, listReclassifications, useResource, type InstrumentDocument, type Me } from '../data';
import { DOMAINS } from '../assessment/instrument';
import { saveBlob } from '../lib/download';
import { formatInstantDate } from '../lib/jalali';
import { formatDigits, formatNumber } from '../lib/locale';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { LoadState } from '../components/LoadState';
import { Indicators } from './instruments/Indicators';
import { ReclassificationHistory, ReclassificationPanel } from './instruments/Reclassification';
import { useUserNames } from './instruments/names';
import { instrumentTitle, VersionBadges } from './InstrumentsPage';

export function InstrumentPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const doc = useResource(() => getInstrument(id), [id]);
  const list = useResource(listInstruments, []);
  const runs = useResource(listReclassifications, []);
  const names = useUserNames(me);
  const d = doc.data;
  usePageTitle(d ? `${instrumentTitle(d, lang)} (${t('instruments.versionN', { n: formatDigits(d.instrument_version, lang) })})` : t('instruments.title'));

  return (
    <Stack gap="lg">
      <Anchor {...linkProps('/instruments')} size="sm">
        {t('instruments.back')}
      </Anchor>
      {(!d || doc.error != null) && <LoadState loading={doc.loading && !d} error={doc.error} onRetry={doc.reload} />}
      {d && (
        <>
          <Stack gap={4}>
            <Title order={1} size="h2">
              {instrumentTitle(d, lang)}
            </Title>
            <Group gap="xs">
              <Text fw={600}>{t('instruments.versionN', { n: formatDigits(d.instrument_version, lang) })}</Text>
              <VersionBadges instrument={d} list={list.data} />
            </Group>
          </Stack>
          <Summary doc={d} publishedBy={d.published_by ? (names.get(d.published_by) ?? null) : t('instruments.system')} />
          {can(me, 'instruments.manage') && (
            <>
              <ReclassificationPanel instrument={d} onApplied={runs.reload} />
              {runs.data && runs.data.some((r) => r.instrument_id === d.id) && (
                <Stack gap="sm" component="section" aria-labelledby="version-history-title">
                  <Title order={2} size="h3" id="version-history-title">
                    {t('instruments.history.ofVersion')}
                  </Title>
                  <ReclassificationHistory runs={runs.data.filter((r) => r.instrument_id === d.id)} versions={list.data?.items ?? []} names={names} />
                </Stack>
              )}
            </>
          )}
          <Contents doc={d} />
        </>
      )}
    </Stack>
  );
}

function Summary({ doc, publishedBy }: { doc: InstrumentDocument; publishedBy: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rules = doc.instrument.tiers;
  const count = (domain: string) => doc.instrument.indicators.filter((i) => i.domain === domain).length;
  return (
    <Card withBorder padding="md">
      <DataList labelWidth="14rem" withDivider aria-label={t('instruments.summary')}>
        <DataList.Item>
          <DataList.ItemLabel>{t('instruments.code')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <span className="ltr">{doc.code}</span>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('instruments.publishedOn')}</DataList.ItemLabel>
          <DataList.ItemValue>{formatInstantDate(doc.published_at, lang)}</DataList.ItemValue>
        </DataList.Item>
        {publishedBy && (
          <DataList.Item>
            <DataList.ItemLabel>{t('instruments.publishedBy')}</DataList.ItemLabel>
            <DataList.ItemValue>{publishedBy}</DataList.ItemValue>
          </DataList.Item>
        )}
        <DataList.Item>
          <DataList.ItemLabel>{t('instruments.rules.title')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <Stack gap={2}>
              <Text size="sm">{t('instruments.rules.harmed', { n: formatNumber(rules.harmed_below, lang) })}</Text>
              <Text size="sm">{t('instruments.rules.atRisk', { n: formatNumber(rules.at_risk_below, lang) })}</Text>
              <Text size="sm">{t('instruments.rules.critical')}</Text>
              <Text size="sm">{t('instruments.rules.stable')}</Text>
            </Stack>
          </DataList.ItemValue>
        </DataList.Item>
        {DOMAINS.map((domain) => (
          <DataList.Item key={domain}>
            <DataList.ItemLabel>{t('instruments.domainIndicators', { domain: t(`instruments.domains.${domain}`) })}</DataList.ItemLabel>
            <DataList.ItemValue>{formatNumber(count(domain), lang)}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Card>
  );
}

function Contents({ doc }: { doc: InstrumentDocument }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('indicators');
  const fileName = `${doc.code}-v${doc.instrument_version}.toml`;
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="indicators">{t('instruments.indicators')}</Tabs.Tab>
        <Tabs.Tab value="source">{t('instruments.source')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="indicators" pt="md">
        <Indicators instrument={doc.instrument} />
      </Tabs.Panel>
      <Tabs.Panel value="source" pt="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('instruments.sourceHint')}
            </Text>
            <Button variant="default" size="compact-sm" onClick={() => saveBlob(new Blob([doc.source], { type: 'application/toml;charset=utf-8' }), fileName)}>
              {t('instruments.download')}
            </Button>
          </Group>
          {/* Scrolls on its own, so it takes keyboard focus (arrow keys scroll it). */}
          <Code block dir="ltr" role="region" aria-label={t('instruments.sourceLabel')} tabIndex={0} style={{ textAlign: 'left', maxHeight: '37.5rem', overflow: 'auto' }}>
            {doc.source}
          </Code>
        </Stack>
      </Tabs.Panel>
    </Tabs>
  );
}
