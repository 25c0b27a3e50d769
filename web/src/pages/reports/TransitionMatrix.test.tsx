import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import type { TransitionMatrix } from '../../api/types';
import { TransitionMatrixView } from './TransitionMatrix';

const matrix: TransitionMatrix = {
  tiers: ['stable', 'at_risk', 'harmed'],
  cells: [
    [8, 2, 0],
    [12, 15, 3],
    [0, 0, 0],
  ],
  row_percentages: [
    [80, 20, 0],
    [40, 50, 10],
    [0, 0, 0],
  ],
  row_totals: [10, 30, 0],
  families: 40,
  improved: 12,
  unchanged: 23,
  worsened: 5,
  without_baseline: 3,
};

function renderMatrix() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <TransitionMatrixView matrix={matrix} caption="ماتریس گذار: مرکز گلستان" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

describe('TransitionMatrixView', () => {
  it('is a table named by its caption, with column and row headers', () => {
    renderMatrix();
    const table = screen.getByRole('table', { name: 'ماتریس گذار: مرکز گلستان' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.getAttribute('scope'))).toEqual(['col', 'colgroup', 'col', 'col', 'col', 'col']);
    expect(headers[0]!.textContent).toBe(fa.reports.transitions.baseline);
    expect(headers[1]!.textContent).toBe(fa.reports.transitions.end);
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((h) => h.textContent)).toEqual([fa.assessment.tier.stable, fa.assessment.tier.at_risk, fa.assessment.tier.harmed]);
    expect(rowHeaders.every((h) => h.getAttribute('scope') === 'row')).toBe(true);
  });

  it('shows each cell as count and row percentage in Persian digits, colored by movement', () => {
    renderMatrix();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(2);
    const atRisk = within(rows[1]!).getAllByRole('cell');
    // Improved (to stable), unchanged, worsened (to harmed), then the row total.
    expect(atRisk[0]!.textContent).toContain('۱۲ (۴۰٪)');
    expect(atRisk.slice(0, 3).map((c) => c.dataset.movement)).toEqual(['improved', 'unchanged', 'worsened']);
    expect(atRisk[0]!.textContent).toContain(fa.reports.movement.improved);
    expect(atRisk[3]!.textContent).toBe('۳۰');
    const stable = within(rows[0]!).getAllByRole('cell');
    expect(stable.slice(0, 3).map((c) => c.dataset.movement)).toEqual(['unchanged', 'worsened', 'worsened']);
    expect(stable[1]!.textContent).toContain('۲ (۲۰٪)');
    const harmed = within(rows[2]!).getAllByRole('cell');
    expect(harmed.slice(0, 3).map((c) => c.dataset.movement)).toEqual(['improved', 'improved', 'unchanged']);
    // An empty row has counts but no percentages.
    expect(harmed[0]!.textContent).not.toContain('٪');
    expect(harmed[3]!.textContent).toBe('۰');
  });

  it('sums up who improved, stayed and worsened, and counts those without a baseline apart', () => {
    renderMatrix();
    const summary = screen.getByRole('list', { name: fa.reports.transitions.summary });
    const items = within(summary).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      `${fa.reports.movement.improved}: ۱۲ (۳۰٪)`,
      `${fa.reports.movement.unchanged}: ۲۳ (۵۷٫۵٪)`,
      `${fa.reports.movement.worsened}: ۵ (۱۲٫۵٪)`,
    ]);
    expect(screen.getByText(fa.reports.transitions.withoutBaseline.replace('{{n}}', '۳'))).toBeTruthy();
    expect(screen.getByText(fa.reports.transitions.withoutBaselineHint)).toBeTruthy();
  });
});
