import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import { ApiError } from '../../api/errors';
import type { ProgramDetail } from '../../api/types';

vi.mock('../../data', () => ({ saveProgramAttendance: vi.fn() }));
import { saveProgramAttendance } from '../../data';
import { ProgramAttendance } from './ProgramAttendance';

const reg = (id: string) => ({ id, program_id: 'p', member_id: `m-${id}`, family_id: 'f', walk_in_id: null, partner_id: null, version: 1 });
const detail: ProgramDetail = {
  program: {
    id: 'p',
    sessions: [
      { id: 's1', program_id: 'p', held_on: '2025-03-01', starts_at: '17:00', ends_at: '19:00', title: '', version: 1 },
      { id: 's2', program_id: 'p', held_on: '2025-04-01', starts_at: '17:00', ends_at: '19:00', title: '', version: 1 },
    ],
  } as ProgramDetail['program'],
  participants: [
    { registration: reg('r1'), name: 'مریم اکبری', attended: 0, completed: false, family_name: 'اکبری', mobile: '', neighborhood: '', tier: 'at_risk', walk_in: null },
    { registration: reg('r2'), name: 'آرش اکبری', attended: 0, completed: false, family_name: 'اکبری', mobile: '', neighborhood: '', tier: 'at_risk', walk_in: null },
  ],
  attendance: [],
  report: null,
  can_manage: true,
  organizer_name: null,
  today: '2025-03-12',
};

function renderIt(onChange = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ProgramAttendance detail={detail} onChange={onChange} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return onChange;
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

beforeEach(() => vi.mocked(saveProgramAttendance).mockReset());

describe('ProgramAttendance', () => {
  it('offers only held sessions and sends a line for every participant', async () => {
    vi.mocked(saveProgramAttendance).mockResolvedValueOnce({ ...detail, attendance: [{ session_id: 's1', registration_id: 'r1', present: true }] });
    const onChange = renderIt();
    expect((screen.getAllByLabelText('جلسه')[0] as HTMLInputElement).value).toContain('۱۱ اسفند ۱۴۰۳');
    fireEvent.click(screen.getByRole('switch', { name: /مریم اکبری/ }));
    expect(screen.getByText('۱ از ۲ نفر حاضر')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'ذخیرهٔ حضور و غیاب' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(vi.mocked(saveProgramAttendance)).toHaveBeenCalledWith('s1', [
      { registration_id: 'r1', present: true },
      { registration_id: 'r2', present: false },
    ]);
  });

  it('shows why the server refused the sheet', async () => {
    vi.mocked(saveProgramAttendance).mockRejectedValueOnce(new ApiError({ status: 422, code: 'validation', message: 'جلسه هنوز برگزار نشده است / not held yet' }));
    renderIt();
    fireEvent.click(screen.getByRole('button', { name: 'ذخیرهٔ حضور و غیاب' }));
    await waitFor(() => expect(document.body.textContent).toContain('جلسه هنوز برگزار نشده است'));
    expect(vi.mocked(saveProgramAttendance)).toHaveBeenCalledTimes(1);
  });

  it('says so when no session has been held', () => {
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <ProgramAttendance detail={{ ...detail, today: '2025-02-01' }} onChange={vi.fn()} />
        </MantineProvider>
      </I18nextProvider>,
    );
    expect(screen.getByText(/هنوز جلسه‌ای برگزار نشده است/)).toBeTruthy();
  });
});
