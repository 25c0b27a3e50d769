// The assessment instrument (ابزار سطح‌بندی) of my headquarters: its
// published versions, publishing a new one, and the reclassifications applied.
import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { listInstruments, listReclassifications, useResource, type InstrumentList, type InstrumentSummary, type Me } from '../data';
import { formatInstantDate } from '../lib/jalali';
import { formatDigits } from '../lib/locale';
import { notify } from '../lib/notify';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps, navigate } from '../router';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';
import { PublishInstrument } from './instruments/PublishInstrument';
import { ReclassificationHistory } from './instruments/Reclassification';
import { useUserNames } from './instruments/names';
import type { Lang } from '../lib/locale';

export const instrumentPath = (id: string) => `/instruments/${id}`;

/** The instrument's title in the UI language (Persian when the English one is blank). */
export function instrumentTitle(i: Pick<InstrumentSummary, 'title_fa' | 'title_en'>, lang: Lang): string {
  return lang === 'en' && i.title_en ? i.title_en : i.title_fa;
}

/** The version's badges: the current one, Hamyar's own. */
export function VersionBadges({ instrument, list }: { instrument: InstrumentSummary; list: InstrumentList | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {list?.current_id === instrument.id && (
        <Badge color="teal" variant="filled" size="sm">
          {t('instruments.current')}
        </Badge>
      )}
      {instrument.builtin && (
        <Badge color="gray" variant="light" size="sm">
          {t('instruments.builtin')}
        </Badge>
      )}
    </>
  );
}

export function InstrumentsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('instruments.title'));
  const list = useResource(listInstruments, []);
  const runs = useResource(listReclassifications, []);
  const names = useUserNames(me);

  // Newest first: the one people look for is the latest.
  const items = [...(list.data?.items ?? [])].reverse();
  const version = (i: InstrumentSummary) => formatDigits(i.instrument_version, lang);
  const by = (i: InstrumentSummary) => (i.published_by ? (names.get(i.published_by) ?? t('common.none')) : t('instruments.system'));
  const titleLink = (i: InstrumentSummary) => (
    <Anchor {...linkProps(instrumentPath(i.id))} fw={700}>
      {instrumentTitle(i, lang)}
    </Anchor>
  );

  function published(p: InstrumentSummary) {
    notify({ color: 'teal', message: t('instruments.publish.published', { n: version(p), title: instrumentTitle(p, lang) }) });
    navigate(instrumentPath(p.id));
  }

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('instruments.title')}
        </Title>
        <Text c="dimmed">{t('instruments.intro')}</Text>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="versions-title">
        <Title order={2} size="h3" id="versions-title">
          {t('instruments.versions')}
        </Title>
        {(!list.data || list.error != null) && <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />}
        <ResponsiveList
          items={items}
          itemKey={(i) => i.id}
          label={t('instruments.list')}
          minWidth={760}
          columns={[
            {
              header: t('instruments.titleColumn'),
              cell: (i) => (
                <Group gap="xs">
                  {titleLink(i)}
                  <VersionBadges instrument={i} list={list.data} />
                </Group>
              ),
            },
            { header: t('instruments.version'), cell: version },
            { header: t('instruments.code'), cell: (i) => <span className="ltr">{i.code}</span> },
            { header: t('instruments.publishedOn'), cell: (i) => formatInstantDate(i.published_at, lang) },
            { header: t('instruments.publishedBy'), cell: by },
            {
              header: t('common.actions'),
              cell: (i) => (
                <Button
                  component="a"
                  size="compact-sm"
                  variant="light"
                  {...linkProps(instrumentPath(i.id))}
                  aria-label={t('instruments.viewOf', { title: instrumentTitle(i, lang), n: version(i) })}
                >
                  {t('instruments.view')}
                </Button>
              ),
            },
          ]}
          card={(i) => (
            <Stack gap={4}>
              {titleLink(i)}
              <Group gap="xs">
                <Text size="sm">{t('instruments.versionN', { n: version(i) })}</Text>
                <VersionBadges instrument={i} list={list.data} />
              </Group>
              <Text size="sm" c="dimmed">
                <span className="ltr">{i.code}</span>
                {t('common.separator')}
                {formatInstantDate(i.published_at, lang)}
                {t('common.separator')}
                {by(i)}
              </Text>
            </Stack>
          )}
        />
      </Stack>

      <PublishInstrument onPublished={published} />

      <Stack gap="sm" component="section" aria-labelledby="history-title">
        <Title order={2} size="h3" id="history-title">
          {t('instruments.history.title')}
        </Title>
        {(!runs.data || runs.error != null) && <LoadState loading={runs.loading && !runs.data} error={runs.error} onRetry={runs.reload} />}
        {runs.data && <ReclassificationHistory runs={runs.data} versions={list.data?.items ?? []} names={names} />}
      </Stack>
    </Stack>
  );
}
