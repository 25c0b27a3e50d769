// One transition matrix: baseline tier (rows) × end-of-plan tier (columns),
// each cell with its count and row percentage, colored by which way the
// families moved, then how many improved, stayed and worsened.
import { Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TransitionMatrix } from '../../api/types';
import { TierBadge } from '../../components/TierBadge';
import { formatNumber } from '../../lib/locale';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { countWithPercent, formatPercent, matrixRows, movementSummary } from './matrix';
import classes from './TransitionMatrix.module.css';

export function TransitionMatrixView({ matrix, caption }: { matrix: TransitionMatrix; caption: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const rows = matrixRows(matrix);
  const tiers = rows.map((r) => r.tier);
  const n = (v: number) => formatNumber(v, lang);
  const badgeSize = phone ? 'xs' : 'sm';

  return (
    <Stack gap="sm">
      <div className={classes.wrap}>
        <table className={classes.matrix}>
          <caption>{caption}</caption>
          <colgroup>
            <col />
          </colgroup>
          <colgroup span={tiers.length} />
          <colgroup>
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('reports.transitions.baseline')}
              </th>
              <th scope="colgroup" colSpan={tiers.length}>
                {t('reports.transitions.end')}
              </th>
              <th scope="col" rowSpan={2}>
                {t('reports.transitions.rowTotal')}
              </th>
            </tr>
            <tr>
              {tiers.map((tier) => (
                <th key={tier} scope="col">
                  <TierBadge tier={tier} size={badgeSize} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.tier}>
                <th scope="row">
                  <TierBadge tier={row.tier} size={badgeSize} />
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.to}
                    className={classes.cell}
                    data-movement={cell.movement}
                    data-empty={cell.count === 0 || undefined}
                  >
                    <span className={classes.count}>{n(cell.count)}</span>
                    {/* An empty row has no percentages to give. */}
                    {row.total > 0 && <span className={classes.pct}> ({formatPercent(cell.percent, lang)})</span>}
                    <VisuallyHidden>
                      {t('common.separator')}
                      {t(`reports.movement.${cell.movement}`)}
                    </VisuallyHidden>
                  </td>
                ))}
                <td className={classes.total}>{n(row.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Group gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('reports.transitions.summary')}>
        {movementSummary(matrix).map((s) => (
          <Group component="li" key={s.movement} gap={6} wrap="nowrap" data-movement={s.movement}>
            <span className={classes.swatch} data-movement={s.movement} aria-hidden />
            <Text size="sm">
              {t(`reports.movement.${s.movement}`)}: <Text span fw={700} size="sm">{countWithPercent(s.count, s.percent, lang)}</Text>
            </Text>
          </Group>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {matrix.families > 0
          ? t('reports.transitions.families', { n: n(matrix.families) })
          : t('reports.transitions.noFamilies')}
      </Text>
      <Text size="sm">
        <Text span fw={600} size="sm">
          {t('reports.transitions.withoutBaseline', { n: n(matrix.without_baseline) })}
        </Text>{' '}
        <Text span c="dimmed" size="sm">
          {t('reports.transitions.withoutBaselineHint')}
        </Text>
      </Text>
    </Stack>
  );
}
