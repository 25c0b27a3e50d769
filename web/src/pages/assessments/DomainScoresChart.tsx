// Domain scores as a bar chart. Chart.js is loaded with import() here, the
// first time a chart is drawn: it stays out of the bundle every page loads.
import { useEffect, useRef } from 'react';
import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DOMAINS, type Domain, type TierRules } from '../../assessment/instrument';
import { tierFor } from '../../assessment/scoring';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { formatScore } from './labels';

// The tier colors of TierBadge (teal-7, orange-7, red-8): a bar shows the tier its score alone would give.
const BAR_COLOR = { stable: '#0f7f74', at_risk: '#e8590c', harmed: '#c92a2a' } as const;
const FONT = "'Vazirmatn Variable', Tahoma, sans-serif";

export interface DomainScoresChartProps {
  scores: Partial<Record<Domain, number>>;
  rules: TierRules;
}

export function DomainScoresChart({ scores, rules }: DomainScoresChartProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const canvas = useRef<HTMLCanvasElement>(null);
  const labels = DOMAINS.map((d) => t(`assessment.domain.${d}`));
  const values = DOMAINS.map((d) => scores[d] ?? 0);
  const summary = DOMAINS.map((d) =>
    t('assessment.result.scoreOf', { domain: t(`assessment.domain.${d}`), score: scores[d] === undefined ? t('common.none') : formatScore(scores[d]!, lang) }),
  ).join(t('common.separator'));
  const key = `${lang}|${labels.join(',')}|${values.join(',')}|${rules.harmed_below}|${rules.at_risk_below}`;

  useEffect(() => {
    let cancelled = false;
    let chart: { destroy: () => void } | undefined;
    const rtl = lang === 'fa';
    void import('chart.js')
      .then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip }) => {
        const el = canvas.current;
        if (cancelled || !el) return;
        Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
        chart = new Chart(el, {
          type: 'bar',
          data: {
            labels,
            datasets: [
              {
                data: values,
                backgroundColor: values.map((v) => BAR_COLOR[tierFor(rules, { social: v }, false)]),
                borderRadius: 4,
                barThickness: 28,
              },
            ],
          },
          options: {
            indexAxis: 'y',
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            locale: lang === 'fa' ? 'fa-IR' : 'en-US',
            scales: {
              x: {
                min: 0,
                max: 100,
                // Bars grow from the reading side.
                reverse: rtl,
                ticks: { stepSize: 20, callback: (v) => formatNumber(Number(v), lang), font: { family: FONT } },
              },
              y: { position: rtl ? 'right' : 'left', ticks: { font: { family: FONT, size: 14, weight: 'bold' } } },
            },
            plugins: {
              legend: { display: false },
              tooltip: {
                rtl,
                titleFont: { family: FONT },
                bodyFont: { family: FONT },
                callbacks: { label: (item) => formatScore(Number(item.raw), lang) },
              },
            },
          },
        });
      })
      .catch(() => {
        // No chart (an old browser, a failed chunk): the scores are written out beside it anyway.
      });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // `key` names everything the chart shows.
  }, [key]);

  return (
    <Box pos="relative" h={180} data-testid="domain-chart">
      <canvas ref={canvas} role="img" aria-label={t('assessment.result.chartLabel', { summary })}>
        {summary}
      </canvas>
    </Box>
  );
}
