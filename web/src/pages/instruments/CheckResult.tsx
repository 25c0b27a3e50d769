// What checking an instrument file found: every problem with its line
// (Persian first, the English below it), or what a valid file holds.
import { Alert, Anchor, DataList, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InstrumentCheck, InstrumentProblem } from '../../api/types';
import { DOMAINS } from '../../assessment/instrument';
import { formatDigits, formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';

/** Indicators per domain in the instrument's domain order, then any domain this build does not know. */
export function domainCounts(check: InstrumentCheck): { domain: string; count: number }[] {
  const known = DOMAINS.filter((d) => d in check.indicators).map((d) => ({ domain: d as string, count: check.indicators[d]! }));
  const other = Object.keys(check.indicators)
    .filter((d) => !(DOMAINS as readonly string[]).includes(d))
    .map((d) => ({ domain: d, count: check.indicators[d]! }));
  return [...known, ...other];
}

/** Problems in file order, the whole-file ones (line 0) first. */
export function sortedProblems(problems: readonly InstrumentProblem[]): InstrumentProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

export function CheckResult({ check, onLine }: { check: InstrumentCheck; onLine?: (line: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();

  if (check.valid) {
    const counts = domainCounts(check);
    const total = counts.reduce((s, c) => s + c.count, 0);
    return (
      <Alert color="teal" variant="light" title={t('instruments.publish.validTitle')} role="status">
        <Stack gap="sm">
          <DataList labelWidth="10rem" withDivider aria-label={t('instruments.publish.summary')}>
            <DataList.Item>
              <DataList.ItemLabel>{t('instruments.code')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <span className="ltr">{check.code}</span>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('instruments.version')}</DataList.ItemLabel>
              <DataList.ItemValue fw={700}>{check.instrument_version !== null ? formatDigits(check.instrument_version, lang) : t('common.none')}</DataList.ItemValue>
            </DataList.Item>
            {counts.map((c) => (
              <DataList.Item key={c.domain}>
                <DataList.ItemLabel>{t('instruments.domainIndicators', { domain: t(`instruments.domains.${c.domain}`, { defaultValue: c.domain }) })}</DataList.ItemLabel>
                <DataList.ItemValue>{formatNumber(c.count, lang)}</DataList.ItemValue>
              </DataList.Item>
            ))}
            <DataList.Item>
              <DataList.ItemLabel>{t('instruments.allIndicators')}</DataList.ItemLabel>
              <DataList.ItemValue fw={700}>{formatNumber(total, lang)}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
          <Text size="sm">{t('instruments.publish.validHint')}</Text>
        </Stack>
      </Alert>
    );
  }

  const problems = sortedProblems(check.problems);
  return (
    <Alert color="red" variant="light" role="alert" title={t('instruments.publish.invalidTitle', { n: formatNumber(problems.length, lang) })}>
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('instruments.publish.problems')}>
        {problems.map((p, i) => {
          const where = p.line > 0 ? t('instruments.publish.line', { n: formatDigits(p.line, lang) }) : t('instruments.publish.wholeFile');
          return (
            <li key={i}>
              <Text size="sm" fw={700} c="red.9">
                {p.line > 0 && onLine ? (
                  <Anchor component="button" type="button" size="sm" fw={700} c="red.9" onClick={() => onLine(p.line)}>
                    {where}
                  </Anchor>
                ) : (
                  where
                )}
              </Text>
              <Text size="sm" lang="fa" dir="rtl">
                {p.message_fa}
              </Text>
              {/* Left to right, on the side the Persian line starts: the two read as one problem. */}
              <Text size="sm" c="dimmed" lang="en" dir="ltr" ta={lang === 'fa' ? 'right' : 'left'}>
                {p.message_en}
              </Text>
            </li>
          );
        })}
      </Stack>
    </Alert>
  );
}
