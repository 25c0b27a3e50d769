import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import type { CourseDetail } from '../../api/types';
import { ApiError } from '../../api/errors';
import { saveAttendance } from '../../data/training';
import { AttendanceSheet } from './AttendanceSheet';
import { detail } from './fixtures';

vi.mock('../../data/training', async (original) => ({
  ...(await original<typeof import('../../data/training')>()),
  saveAttendance: vi.fn(),
}));

const save = vi.mocked(saveAttendance);

function renderSheet(d: CourseDetail, canManage = true, onChange = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <AttendanceSheet detail={d} canManage={canManage} onChange={onChange} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return onChange;
}

const hoursOf = (name: string) => screen.getByLabelText(`ساعت حضور «${name}»`) as HTMLInputElement;
const presentOf = (name: string) => screen.getByRole('checkbox', { name: `حضور «${name}»` }) as HTMLInputElement;

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => save.mockReset());

describe('attendance sheet', () => {
  it("opens on the latest session with each trainee's hours, in Persian digits", () => {
    renderSheet(detail());
    // Both sessions are past: the later one (1.5 hours) is shown.
    expect(hoursOf('علی نجفی').value).toBe('۱٫۵');
    expect(presentOf('علی نجفی').checked).toBe(true);
    expect(hoursOf('زهرا موسوی').value).toBe('');
    expect(presentOf('زهرا موسوی').checked).toBe(false);
    // Each trainee's total over the course.
    expect(screen.getByText('جمع در دوره: ۵٫۵ ساعت')).toBeTruthy();
    expect(screen.getByText('جمع در دوره: ۲٫۵ ساعت')).toBeTruthy();
  });

  it("saves every trainee's line: present fills the session, typed Persian hours are rounded to quarters", async () => {
    const user = userEvent.setup();
    const saved = detail({
      attendance: [...detail().attendance.filter((a) => a.session_id !== 's2'), { session_id: 's2', helper_id: 'h1', hours: 1.25 }, { session_id: 's2', helper_id: 'h2', hours: 1.5 }],
    });
    save.mockResolvedValue(saved);
    const onChange = renderSheet(detail());

    await user.click(presentOf('زهرا موسوی'));
    expect(hoursOf('زهرا موسوی').value).toBe('۱٫۵');
    await user.clear(hoursOf('علی نجفی'));
    await user.type(hoursOf('علی نجفی'), '۱٫۳');
    expect(screen.getByText(fa.training.attendance.unsaved)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: fa.training.attendance.save }));

    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save).toHaveBeenCalledWith('s2', [
      { helper_id: 'h1', hours: 1.25 },
      { helper_id: 'h2', hours: 1.5 },
    ]);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(saved));
  });

  it('clearing "present" writes zero hours', async () => {
    const user = userEvent.setup();
    save.mockResolvedValue(detail());
    renderSheet(detail());
    await user.click(presentOf('علی نجفی'));
    expect(hoursOf('علی نجفی').value).toBe('۰');
    await user.click(screen.getByRole('button', { name: fa.training.attendance.save }));
    await waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.calls[0]![1]).toEqual([
      { helper_id: 'h1', hours: 0 },
      { helper_id: 'h2', hours: 0 },
    ]);
  });

  it('refuses more hours than the session, beside the box, and sends nothing', async () => {
    const user = userEvent.setup();
    renderSheet(detail());
    await user.type(hoursOf('زهرا موسوی'), '۲');
    expect(screen.getByText('بیش از ۱٫۵ ساعت نمی‌شود.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: fa.training.attendance.save }));
    expect(screen.getByRole('alert').textContent).toContain(fa.training.attendance.fixErrors);
    expect(save).not.toHaveBeenCalled();
  });

  it("shows the server's refusal in Persian", async () => {
    const user = userEvent.setup();
    save.mockRejectedValue(new ApiError({ status: 404, code: 'not_found' }));
    renderSheet(detail());
    await user.click(screen.getByRole('button', { name: fa.training.attendance.save }));
    expect((await screen.findByRole('alert')).textContent).toContain(fa.errors.not_found);
  });

  it('is read-only for those who do not run the course', () => {
    renderSheet(detail(), false);
    expect(screen.queryByRole('button', { name: fa.training.attendance.save })).toBeNull();
    expect(screen.queryByLabelText('ساعت حضور «علی نجفی»')).toBeNull();
    expect(presentOf('علی نجفی').disabled).toBe(true);
    expect(screen.getByText(fa.training.attendance.readOnly)).toBeTruthy();
  });

  it('asks for sessions and trainees first', () => {
    renderSheet(detail({ sessions: [] }));
    expect(screen.getByText(fa.training.attendance.noSessions)).toBeTruthy();
  });
});
