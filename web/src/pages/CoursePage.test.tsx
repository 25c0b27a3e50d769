import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { ApiError } from '../api/errors';
import { addSession, deleteSession, getCourse } from '../data/training';
import { listHelpers } from '../data/helpers';
import { CoursePage } from './CoursePage';
import { course, detail, helper, meOf, session } from './training/fixtures';

vi.mock('../data/training', async (original) => ({
  ...(await original<typeof import('../data/training')>()),
  getCourse: vi.fn(),
  addSession: vi.fn(),
  deleteSession: vi.fn(),
}));
vi.mock('../data/helpers', async (original) => ({
  ...(await original<typeof import('../data/helpers')>()),
  listHelpers: vi.fn(),
}));

const get = vi.mocked(getCourse);
const add = vi.mocked(addSession);
const remove = vi.mocked(deleteSession);
const helpers = vi.mocked(listHelpers);
// The label has parentheses: matched as a prefix, not a pattern.
const hoursLabel = (name: string) => name.startsWith(fa.training.fields.session_hours);

function renderPage(me = meOf('trainer')) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <CoursePage me={me} id="course-1" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  vi.clearAllMocks();
});

describe('CoursePage', () => {
  it('shows the course and its sessions by date, in Persian', async () => {
    get.mockResolvedValue(detail());
    helpers.mockResolvedValue({ items: [], rules: { pre_service_hours: 40, in_service_hours: 40, caseload_max: 15, caseload_min: 5, assignment_days: 365, offline_lock_days: 14, version: null } });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'دورهٔ پیش از خدمت' })).toBeTruthy();
    expect(screen.getByText(fa.training.allCenters)).toBeTruthy();
    expect(screen.getByText('سارا مربی')).toBeTruthy();
    const table = screen.getByRole('table', { name: fa.training.sessions.list });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByText('۱۱ اسفند ۱۴۰۳')).toBeTruthy();
    expect(within(rows[1]!).getByText('۴')).toBeTruthy();
    expect(within(rows[2]!).getByText('۱٫۵')).toBeTruthy();
    expect(within(rows[2]!).getByText(fa.training.mode.in_person)).toBeTruthy();
  });

  it('adds a session with Persian digits, and shows the answer', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(detail({ sessions: [] }));
    helpers.mockResolvedValue({ items: [helper('h9', 'مریم عباسی')], rules: { pre_service_hours: 40, in_service_hours: 40, caseload_max: 15, caseload_min: 5, assignment_days: 365, offline_lock_days: 14, version: null } });
    add.mockResolvedValue(detail({ sessions: [session('s9', '2025-03-15', 2.5, { topic: 'آشنایی با خانواده' })] }));
    renderPage();
    await user.click(await screen.findByRole('button', { name: fa.training.sessions.add }));
    const dialog = await screen.findByRole('dialog', { name: fa.training.sessions.addTitle });
    const date = within(dialog).getByRole('textbox', { name: new RegExp(fa.training.fields.held_on) });
    await user.clear(date);
    await user.type(date, '۱۴۰۳/۱۲/۲۵');
    await user.type(within(dialog).getByRole('textbox', { name: hoursLabel }), '۲٫۵');
    await user.click(within(dialog).getByRole('radio', { name: fa.training.mode.online }));
    await user.type(within(dialog).getByRole('textbox', { name: new RegExp(fa.training.fields.topic) }), 'آشنايي با خانواده');
    await user.click(within(dialog).getByRole('button', { name: fa.common.save }));
    await waitFor(() => expect(add).toHaveBeenCalledTimes(1));
    expect(add).toHaveBeenCalledWith('course-1', {
      held_on: '2025-03-15',
      hours: 2.5,
      mode: 'online',
      trainer_id: 'trainer-1',
      // Arabic ي became Persian ی.
      topic: 'آشنایی با خانواده',
    });
    expect(await screen.findByText('آشنایی با خانواده')).toBeTruthy();
  });

  it('puts the server’s field error beside the field', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(detail({ sessions: [] }));
    helpers.mockResolvedValue({ items: [], rules: { pre_service_hours: 40, in_service_hours: 40, caseload_max: 15, caseload_min: 5, assignment_days: 365, offline_lock_days: 14, version: null } });
    add.mockRejectedValue(
      new ApiError({ status: 422, code: 'validation', field: 'held_on', reason: 'date', message: 'held_on: تاریخ جلسه باید در سه سال گذشته یا سال آینده باشد / A session is within the last three years or the next' }),
    );
    renderPage();
    await user.click(await screen.findByRole('button', { name: fa.training.sessions.add }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: hoursLabel }), '2');
    await user.type(within(dialog).getByRole('textbox', { name: new RegExp(fa.training.fields.topic) }), 'موضوع');
    await user.click(within(dialog).getByRole('button', { name: fa.common.save }));
    expect(await within(dialog).findByText('تاریخ جلسه باید در سه سال گذشته یا سال آینده باشد')).toBeTruthy();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('warns that deleting a session removes its attendance', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(detail());
    helpers.mockResolvedValue({ items: [], rules: { pre_service_hours: 40, in_service_hours: 40, caseload_max: 15, caseload_min: 5, assignment_days: 365, offline_lock_days: 14, version: null } });
    remove.mockResolvedValue(detail({ sessions: [session('s1', '2025-03-01', 4)] }));
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'حذف جلسهٔ ۱۸ اسفند ۱۴۰۳' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/حضور و غیاب این جلسه هم پاک می‌شود/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: fa.training.sessions.delete }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith('s2', 1));
  });

  it('is read-only for a manager looking at the headquarters’ course', async () => {
    get.mockResolvedValue(detail({ course: course({ center_id: null, can_manage: false }) }));
    renderPage(meOf('center_manager', 'center-1'));
    expect(await screen.findByText(fa.training.readOnly)).toBeTruthy();
    expect(screen.queryByRole('button', { name: fa.training.edit })).toBeNull();
    expect(screen.queryByRole('button', { name: fa.training.sessions.add })).toBeNull();
    expect(helpers).not.toHaveBeenCalled();
  });
});
