import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import type { ProgramRules } from '../api/types';
import { ApiError } from '../api/errors';
import { getProgramRules, setProgramRules } from '../data/helpers';
import { ProgramRulesPage, parseRules, ruleValuesOf } from './ProgramRulesPage';

vi.mock('../data/helpers', async (original) => ({
  ...(await original<typeof import('../data/helpers')>()),
  getProgramRules: vi.fn(),
  setProgramRules: vi.fn(),
}));

const defaults: ProgramRules = { pre_service_hours: 40, in_service_hours: 37.5, caseload_min: 5, caseload_max: 15, assignment_days: 365, offline_lock_days: 14, version: null };

function renderPage() {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ProgramRulesPage />
      </MantineProvider>
    </I18nextProvider>,
  );
}

const input = (label: string) => screen.getByRole('textbox', { name: new RegExp(`^${label}`) }) as HTMLInputElement;

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  vi.mocked(getProgramRules).mockReset();
  vi.mocked(setProgramRules).mockReset();
});

describe('program rules', () => {
  it('reads Persian, Arabic and ASCII digits, and checks the limits the server checks', () => {
    const ok = parseRules({ pre_service_hours: '۳۷٫۵', in_service_hours: '40', caseload_min: '٥', caseload_max: '۱۵', assignment_days: '۳۶۵', offline_lock_days: '۷' });
    expect(ok.rules).toEqual({ pre_service_hours: 37.5, in_service_hours: 40, caseload_min: 5, caseload_max: 15, assignment_days: 365, offline_lock_days: 7 });
    const bad = parseRules({ pre_service_hours: '1.1', in_service_hours: '600', caseload_min: '20', caseload_max: '15', assignment_days: '10', offline_lock_days: '91' });
    expect(bad.rules).toBeNull();
    expect(bad.errors).toEqual({ pre_service_hours: 'hours', in_service_hours: 'hoursMax', caseload_min: 'minAboveMax', assignment_days: 'daysRange', offline_lock_days: 'lockRange' });
    expect(parseRules({ pre_service_hours: '', in_service_hours: '0', caseload_min: '0', caseload_max: '51', assignment_days: 'x', offline_lock_days: '3' }).errors).toEqual({
      pre_service_hours: 'required',
      caseload_max: 'maxRange',
      assignment_days: 'whole',
    });
    expect(ruleValuesOf(defaults, 'fa')).toEqual({ pre_service_hours: '۴۰', in_service_hours: '۳۷٫۵', caseload_min: '۵', caseload_max: '۱۵', assignment_days: '۳۶۵', offline_lock_days: '۱۴' });
  });

  it('says the defaults apply until saved, and sends no version the first time', async () => {
    vi.mocked(getProgramRules).mockResolvedValue(defaults);
    vi.mocked(setProgramRules).mockResolvedValue({ ...defaults, caseload_max: 12, version: 1 });
    renderPage();
    expect(await screen.findByText(fa.programRules.defaults)).toBeTruthy();
    expect(input(fa.programRules.fields.caseload_max).value).toBe('۱۵');
    fireEvent.change(input(fa.programRules.fields.caseload_max), { target: { value: '١٢' } });
    fireEvent.click(screen.getByRole('button', { name: fa.common.save }));
    await waitFor(() =>
      expect(setProgramRules).toHaveBeenCalledWith(
        { pre_service_hours: 40, in_service_hours: 37.5, caseload_min: 5, caseload_max: 12, assignment_days: 365, offline_lock_days: 14 },
        null,
      ),
    );
    // Saved: the version is known from now on.
    await waitFor(() => expect(screen.queryByText(fa.programRules.defaults)).toBeNull());
  });

  it('shows problems beside their fields, and a version conflict with a way to reload', async () => {
    vi.mocked(getProgramRules).mockResolvedValue({ ...defaults, version: 3 });
    vi.mocked(setProgramRules).mockRejectedValue(new ApiError({ status: 409, code: 'version_conflict' }));
    renderPage();
    fireEvent.change(await screen.findByRole('textbox', { name: new RegExp(`^${fa.programRules.fields.caseload_min}`) }), { target: { value: '۲۰' } });
    fireEvent.click(screen.getByRole('button', { name: fa.common.save }));
    expect(await screen.findByText(fa.programRules.errors.minAboveMax)).toBeTruthy();
    expect(setProgramRules).not.toHaveBeenCalled();

    fireEvent.change(input(fa.programRules.fields.caseload_min), { target: { value: '۳' } });
    fireEvent.click(screen.getByRole('button', { name: fa.common.save }));
    expect(await screen.findByText(fa.errors.version_conflict)).toBeTruthy();
    expect(vi.mocked(setProgramRules).mock.calls[0]![1]).toBe(3);
    expect(screen.getByRole('button', { name: fa.programRules.reloadLatest })).toBeTruthy();
  });
});
