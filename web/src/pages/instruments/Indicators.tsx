// An instrument's indicators grouped by domain, each with its answers,
// their scores and the capacity or harm an answer names.
import { Accordion, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DOMAINS, type AnswerOption, type Indicator, type Instrument, type Mark } from '../../assessment/instrument';
import { formatDigits, formatNumber, type Lang } from '../../lib/locale';
import { useLang } from '../../lib/useLang';

/** Indicators per domain, in the instrument's domain order; unknown domains last. */
export function byDomain(indicators: readonly Indicator[]): { domain: string; indicators: Indicator[] }[] {
  const order = [...DOMAINS, ...indicators.map((i) => i.domain).filter((d) => !DOMAINS.includes(d))];
  return [...new Set<string>(order)]
    .map((domain) => ({ domain, indicators: indicators.filter((i) => i.domain === domain) }))
    .filter((g) => g.indicators.length > 0);
}

const textOf = (x: { fa: string; en: string }, lang: Lang) => (lang === 'en' && x.en ? x.en : x.fa);

function answerValue(option: AnswerOption, indicator: Indicator, lang: Lang, t: TFunction): string {
  if ('min' in option) return t('instruments.range', { min: formatDigits(option.min, lang), max: formatDigits(option.max, lang) });
  if (indicator.kind === 'scale' && /^\d+$/.test(option.value)) return formatDigits(Number(option.value), lang);
  if (indicator.kind === 'yes_no') return t(`instruments.yesNo.${option.value}`, { defaultValue: option.value });
  return option.value;
}

// Text dark enough on the tinted backgrounds for AA contrast (as TierBadge does).
const MARK_BADGE = {
  capacity: { color: 'teal', variant: 'light' },
  harm: { color: 'orange', variant: 'light', c: '#8f3604' },
  critical: { color: 'red.9', variant: 'filled' },
} as const;

function MarkText({ mark }: { mark: Mark | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!mark) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  const kind = mark.kind === 'capacity' ? 'capacity' : mark.critical ? 'critical' : 'harm';
  return (
    <Stack gap={2} align="flex-start">
      <Badge {...MARK_BADGE[kind]} size="sm">
        {t(`instruments.marks.${kind}`)}
      </Badge>
      <Text size="sm">{textOf(mark.name, lang)}</Text>
    </Stack>
  );
}

function subjectText(i: Indicator, lang: Lang, t: TFunction): string {
  if (i.subject.about === 'family') return t('instruments.about.family');
  const { min_age: min, max_age: max } = i.subject;
  const n = (v: number) => formatDigits(v, lang);
  if (min != null && max != null) return t('instruments.about.memberAges', { min: n(min), max: n(max) });
  if (min != null) return t('instruments.about.memberFrom', { min: n(min) });
  if (max != null) return t('instruments.about.memberTo', { max: n(max) });
  return t('instruments.about.member');
}

function IndicatorOptions({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={6} striped fz="sm" aria-label={t('instruments.optionsOf', { name: textOf(indicator.text, lang) })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('instruments.answer')}</Table.Th>
            <Table.Th scope="col">{t('instruments.score')}</Table.Th>
            <Table.Th scope="col">{t('instruments.mark')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicator.options.map((o, k) => (
            <Table.Tr key={k}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge variant="outline" color="gray" size="sm" style={{ flexShrink: 0 }}>
                    <bdi>{answerValue(o, indicator, lang, t)}</bdi>
                  </Badge>
                  <Text size="sm">{textOf(o.text, lang)}</Text>
                </Group>
              </Table.Td>
              <Table.Td fw={700}>{formatNumber(o.score, lang)}</Table.Td>
              <Table.Td>
                <MarkText mark={o.mark} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function Indicators({ instrument }: { instrument: Instrument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const meta = (i: Indicator) =>
    [
      subjectText(i, lang, t),
      t('instruments.weight', { n: formatNumber(i.weight, lang) }),
      t(`instruments.kinds.${i.kind}`, { defaultValue: i.kind }),
    ].join(t('common.separator'));

  return (
    <Stack gap="lg">
      {byDomain(instrument.indicators).map((g) => (
        <Stack key={g.domain} gap="xs" component="section" aria-labelledby={`domain-${g.domain}`}>
          <Title order={3} size="h4" id={`domain-${g.domain}`}>
            {t('instruments.domainTitle', {
              domain: t(`instruments.domains.${g.domain}`, { defaultValue: g.domain }),
              n: formatNumber(g.indicators.length, lang),
            })}
          </Title>
          <Accordion multiple variant="separated" chevronPosition="left">
            {g.indicators.map((i) => (
              <Accordion.Item key={i.id} value={i.id}>
                <Accordion.Control>
                  <Stack gap={0}>
                    <Text fw={600}>{textOf(i.text, lang)}</Text>
                    <Text size="xs" c="dimmed">
                      {meta(i)}
                    </Text>
                  </Stack>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="xs">
                    <Text size="xs" c="dimmed">
                      {t('instruments.indicatorId')}: <span className="ltr">{i.id}</span>
                    </Text>
                    <IndicatorOptions indicator={i} />
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      ))}
    </Stack>
  );
}
