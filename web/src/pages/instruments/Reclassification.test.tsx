import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import type { InstrumentSummary, Reclassification } from '../../api/types';
import { applyReclassification, previewReclassification } from '../../data/instruments';
import { ReclassificationPanel } from './Reclassification';

vi.mock('../../data/instruments', async (original) => ({
  ...(await original<typeof import('../../data/instruments')>()),
  previewReclassification: vi.fn(),
  applyReclassification: vi.fn(),
}));

const preview = vi.mocked(previewReclassification);
const apply = vi.mocked(applyReclassification);

const instrument: InstrumentSummary = {
  id: 'i2',
  hq_id: 'hq',
  code: 'hamyar-default',
  instrument_version: 2,
  title_fa: 'سطح‌بندی خانواده',
  title_en: 'Family leveling',
  builtin: false,
  published_by: null,
  published_at: '2025-03-01T08:00:00Z',
};

const result: Reclassification = {
  run_id: null,
  instrument_id: 'i2',
  families_scored: 40,
  families_changed: 6,
  families_unscorable: 2,
  kept_by_override: 1,
  transitions: [
    { from: 'at_risk', to: 'stable', families: 4 },
    { from: 'stable', to: 'harmed', families: 2 },
  ],
  by_center: [
    { center_id: 'c1', center_name: 'مرکز گلستان', scored: 25, changed: 5 },
    { center_id: 'c2', center_name: 'مرکز نور', scored: 15, changed: 1 },
  ],
};

function renderPanel(onApplied = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <Notifications />
        <ReclassificationPanel instrument={instrument} onApplied={onApplied} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return onApplied;
}

/** The value beside a label of the counts (a <dt>, its <dd>). */
const value = (label: string) => screen.getByText(label).closest('dt')!.nextElementSibling;

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  preview.mockReset();
  apply.mockReset();
});

describe('ReclassificationPanel', () => {
  it('previews what would change, with no family named, and applies it after a confirmation', async () => {
    const user = userEvent.setup();
    preview.mockResolvedValueOnce(result);
    apply.mockResolvedValueOnce({ ...result, run_id: 'run-1' });
    const onApplied = renderPanel();
    expect(screen.queryByRole('button', { name: fa.instruments.reclassify.apply })).toBeNull();

    await user.click(screen.getByRole('button', { name: fa.instruments.reclassify.preview }));
    expect(preview).toHaveBeenCalledWith('i2');
    const heading = await screen.findByRole('heading', { name: fa.instruments.reclassify.previewTitle });
    expect(document.activeElement).toBe(heading);
    expect(value(fa.instruments.reclassify.counts.families_scored)?.textContent).toBe('۴۰');
    expect(value(fa.instruments.reclassify.counts.families_changed)?.textContent).toBe('۶');
    expect(value(fa.instruments.reclassify.counts.families_unscorable)?.textContent).toBe('۲');
    expect(value(fa.instruments.reclassify.counts.kept_by_override)?.textContent).toBe('۱');
    const moves = screen.getByRole('table', { name: fa.instruments.reclassify.transitionsTable });
    const rows = within(moves).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual([`${fa.assessment.tier.at_risk}${fa.assessment.tier.stable}۴`, `${fa.assessment.tier.stable}${fa.assessment.tier.harmed}۲`]);
    const centers = screen.getByRole('table', { name: fa.instruments.reclassify.byCenter });
    expect(within(centers).getAllByRole('row')[1]!.textContent).toBe('مرکز گلستان۲۵۵');

    // Applying asks first; cancelling writes nothing.
    await user.click(screen.getByRole('button', { name: fa.instruments.reclassify.apply }));
    let dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('سطح ۶ خانواده با نسخهٔ ۲ تغییر می‌کند');
    await user.click(within(dialog).getByRole('button', { name: fa.common.cancel }));
    expect(apply).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: fa.instruments.reclassify.apply }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: fa.instruments.reclassify.apply }));
    expect(apply).toHaveBeenCalledWith('i2');
    await screen.findByRole('heading', { name: fa.instruments.reclassify.appliedTitle });
    expect(onApplied).toHaveBeenCalled();
    // Applied: nothing more to apply from this result.
    expect(screen.queryByRole('button', { name: fa.instruments.reclassify.apply })).toBeNull();
  });
});
