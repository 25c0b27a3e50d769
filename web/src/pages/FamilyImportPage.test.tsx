import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { ApiError } from '../api/errors';
import type { ImportSummary } from '../api/types';
import { importFamilies } from '../data/registry';
import { FamilyImportPage } from './FamilyImportPage';

vi.mock('../data/registry', async (original) => ({
  ...(await original<typeof import('../data/registry')>()),
  importFamilies: vi.fn(),
}));

const mocked = vi.mocked(importFamilies);

function summary(dryRun: boolean): ImportSummary {
  return {
    dry_run: dryRun,
    rows: 3,
    families_created: 1,
    families_updated: 0,
    families_unchanged: 0,
    families_rejected: 1,
    members_created: 2,
    members_updated: 0,
    rows_rejected: 1,
    errors: [{ row: 4, column: 'national_id', value: '1234567890', reason_fa: 'رقم کنترل درست نیست', reason_en: 'Invalid check digit' }],
  };
}

function renderPage() {
  const view = render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <FamilyImportPage />
      </MantineProvider>
    </I18nextProvider>,
  );
  const fileInput = view.container.querySelector('input[type=file]') as HTMLInputElement;
  return { ...view, fileInput };
}

const csvFile = (name = 'بهزیستی منطقه ۴.csv', size?: number) => {
  const file = new File(['شناسه خانوار,نام\n1,علی\n'], name, { type: 'text/csv' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
};

const sourceInput = () => screen.getByRole('textbox', { name: new RegExp(fa.import.source) }) as HTMLInputElement;

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => mocked.mockReset());

describe('FamilyImportPage', () => {
  it('checks a file without saving, shows the summary and report, then imports it', async () => {
    const user = userEvent.setup();
    mocked.mockResolvedValueOnce(summary(true)).mockResolvedValueOnce({ ...summary(false), errors: [] });
    const { fileInput } = renderPage();
    const file = csvFile();
    await user.upload(fileInput, file);
    // The source is named after the file.
    expect(sourceInput().value).toBe('بهزیستی منطقه ۴');

    await user.click(screen.getByRole('button', { name: fa.import.dryRun }));
    // Sent as every input is: ASCII digits, Persian letters.
    expect(mocked).toHaveBeenCalledWith(file, { source: 'بهزیستی منطقه 4', dryRun: true });
    const heading = await screen.findByRole('heading', { name: fa.import.dryRunTitle });
    expect(document.activeElement).toBe(heading);
    const created = screen.getByText(fa.import.counts.families_created).closest('div')!;
    expect(within(created).getByText('۱')).toBeTruthy();

    const report = screen.getByRole('table', { name: fa.import.report });
    const row = within(report).getAllByRole('row')[1]!;
    expect(within(row).getByText('۴')).toBeTruthy();
    expect(within(row).getByText('کد ملی')).toBeTruthy();
    expect(within(row).getByText('1234567890')).toBeTruthy();
    expect(within(row).getByText('رقم کنترل درست نیست')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'دریافت گزارش (CSV)' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: fa.import.runNow }));
    expect(mocked).toHaveBeenLastCalledWith(file, { source: 'بهزیستی منطقه 4', dryRun: false });
    expect(await screen.findByRole('heading', { name: fa.import.doneTitle })).toBeTruthy();
    expect(screen.queryByRole('button', { name: fa.import.runNow })).toBeNull();
    expect(screen.queryByRole('table', { name: fa.import.report })).toBeNull();
  });

  it('keeps a source the person typed when another file is chosen', async () => {
    const user = userEvent.setup();
    const { fileInput } = renderPage();
    await user.upload(fileInput, csvFile('a.csv'));
    fireEvent.change(sourceInput(), { target: { value: 'کمیته امداد' } });
    await user.upload(fileInput, csvFile('b.csv'));
    expect(sourceInput().value).toBe('کمیته امداد');
  });

  it('asks for a file and a source before sending anything', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('button', { name: fa.import.run }));
    expect(screen.getByText(fa.import.fileRequired)).toBeTruthy();
    expect(screen.getByText(fa.common.required)).toBeTruthy();
    expect(mocked).not.toHaveBeenCalled();
  });

  it('refuses a file over 32 MB at once', async () => {
    const user = userEvent.setup();
    const { fileInput } = renderPage();
    await user.upload(fileInput, csvFile('big.csv', 33 * 1024 * 1024));
    expect(screen.getByText(fa.import.tooLarge)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: fa.import.dryRun }));
    expect(mocked).not.toHaveBeenCalled();
  });

  it('shows missing columns beside the file input', async () => {
    const user = userEvent.setup();
    mocked.mockRejectedValueOnce(
      new ApiError({
        status: 422,
        code: 'validation',
        field: 'file',
        reason: 'format',
        message: 'file: ستون‌های لازم در فایل نیست: جنسیت (sex) / Required columns are missing: جنسیت (sex)',
      }),
    );
    const { fileInput } = renderPage();
    await user.upload(fileInput, csvFile());
    await user.click(screen.getByRole('button', { name: fa.import.dryRun }));
    await waitFor(() => expect(screen.getByText('ستون‌های لازم در فایل نیست: جنسیت (sex)')).toBeTruthy());
    expect(screen.queryByRole('heading', { name: fa.import.dryRunTitle })).toBeNull();
    // Beside the file input: its error names it.
    const message = screen.getByText('ستون‌های لازم در فایل نیست: جنسیت (sex)');
    expect(document.querySelector(`[aria-describedby~="${message.id}"]`)).not.toBeNull();
  });
});
