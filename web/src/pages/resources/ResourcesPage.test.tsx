import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { ApiError } from '../../api/errors';
import type { Me, User } from '../../api/types';
import { createResource, removeResource, searchResources, updateResource } from '../../data/resources';
import { listUsers } from '../../data/users';
import { meOf } from '../training/fixtures';
import { resource } from './fixtures';
import { ResourcesPage } from './ResourcesPage';

vi.mock('../../data/resources', async (original) => ({
  ...(await original<typeof import('../../data/resources')>()),
  searchResources: vi.fn(),
  createResource: vi.fn(),
  updateResource: vi.fn(),
  removeResource: vi.fn(),
}));
vi.mock('../../data/users', async (original) => ({
  ...(await original<typeof import('../../data/users')>()),
  listUsers: vi.fn(),
}));

// Forms with many fields: slow under a full, parallel run.
vi.setConfig({ testTimeout: 20_000 });

const search = vi.mocked(searchResources);
const create = vi.mocked(createResource);
const update = vi.mocked(updateResource);
const remove = vi.mocked(removeResource);
const users = vi.mocked(listUsers);
const r = fa.casework.resources;

const manager = meOf('center_manager', 'center-1', ['resources.read', 'resources.manage', 'users.read']);
const reader = meOf('specialist', 'center-1', ['resources.read', 'referrals.read']);

const ts = '2025-01-01T00:00:00Z';
function user(id: string, display_name: string, role: User['role']): User {
  return { id, username: id, display_name, role, hq_id: null, center_id: 'center-1', disabled: false, version: 1, created_at: ts, updated_at: ts };
}

function renderPage(me: Me = manager) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ResourcesPage me={me} />
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

const omid = resource('r1', {
  name: 'مرکز مشاوره امید',
  domains: ['social', 'cultural'],
  offers: 'مشاورهٔ خانواده',
  capacity: 12,
  contact_name: 'خانم رحیمی',
  phone: '02122334455',
  area: 'گلستان',
  user_id: 'u-reza',
  user_name: 'دکتر رضا فرهمند',
});
const shared = resource('r2', { name: 'کمیتهٔ امداد', kind: 'organization', level: 'national', center_id: null, can_manage: false, domains: ['economic'] });

describe('ResourcesPage', () => {
  it('lists each resource with its kind, level, domains, capacity and a phone to tap, in Persian', async () => {
    search.mockResolvedValue([omid, shared]);
    renderPage();
    const table = await screen.findByRole('table', { name: r.list });
    const rows = within(table).getAllByRole('row');
    const first = rows[1]!;
    expect(within(first).getByText('مرکز مشاوره امید')).toBeTruthy();
    expect(within(first).getByText(r.kind.counselor)).toBeTruthy();
    expect(within(first).getByText(r.level.local)).toBeTruthy();
    expect(within(first).getByText(fa.assessment.domain.cultural)).toBeTruthy();
    expect(within(first).getByText('۱۲')).toBeTruthy();
    expect(within(first).getByText(/پاسخ در همیار: دکتر رضا فرهمند/)).toBeTruthy();
    const call = within(first).getByRole('link', { name: 'تماس با خانم رحیمی' });
    expect(call.getAttribute('href')).toBe('tel:02122334455');
    expect(call.textContent).toBe('۰۲۱۲۲۳۳۴۴۵۵');
    // The headquarters' shared resource is not the manager's to change.
    expect(within(rows[2]!).getByText(r.shared)).toBeTruthy();
    expect(within(rows[2]!).queryByRole('button')).toBeNull();
    expect(within(first).getByRole('button', { name: 'ویرایش «مرکز مشاوره امید»' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('۲ منبع');
  });

  it('offers no adding, editing or removing to someone who only reads', async () => {
    search.mockResolvedValue([{ ...omid, can_manage: false }]);
    renderPage(reader);
    await screen.findByRole('table', { name: r.list });
    expect(screen.queryByRole('button', { name: r.new })).toBeNull();
    expect(screen.queryByRole('button', { name: /ویرایش/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /حذف/ })).toBeNull();
  });

  it('asks the server with the words typed (after a pause) and the chosen kind', async () => {
    search.mockResolvedValue([]);
    renderPage();
    expect(await screen.findByText(r.empty)).toBeTruthy();
    expect(search).toHaveBeenLastCalledWith({ q: '', kind: null, domain: null });
    fireEvent.change(screen.getByRole('searchbox', { name: r.search }), { target: { value: 'امید' } });
    // Not at once: the list waits for the typing to stop.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(search).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(search).toHaveBeenLastCalledWith({ q: 'امید', kind: null, domain: null }));
    fireEvent.click(screen.getByRole('combobox', { name: r.fields.kind }));
    fireEvent.click(await screen.findByRole('option', { name: r.kind.employer }));
    await waitFor(() => expect(search).toHaveBeenLastCalledWith({ q: 'امید', kind: 'employer', domain: null }));
    expect(await screen.findByText(r.noMatch)).toBeTruthy();
  });

  it('adds a resource from Persian digits and letters, linked to a specialist’s account', async () => {
    const user_ = userEvent.setup();
    search.mockResolvedValue([]);
    users.mockResolvedValue([user('u-reza', 'دکتر رضا فرهمند', 'specialist'), user('u-ali', 'علی نجفی', 'helper')]);
    create.mockResolvedValue(omid);
    renderPage();
    await user_.click(await screen.findByRole('button', { name: r.new }));
    const dialog = await screen.findByRole('dialog', { name: r.newTitle });
    await user_.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${r.fields.name}`) }), 'مرکز مشاوره اميد');
    // An organization answers through the center: no account to link.
    expect(within(dialog).queryByRole('combobox', { name: new RegExp(r.fields.user_id) })).toBeNull();
    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(`^${r.fields.kind}`) }));
    fireEvent.click(await screen.findByRole('option', { name: r.kind.counselor }));
    await user_.click(within(dialog).getByRole('checkbox', { name: fa.assessment.domain.cultural }));
    await user_.click(within(dialog).getByRole('checkbox', { name: fa.assessment.domain.social }));
    await user_.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${r.fields.capacity}`) }), '۱۲');
    await user_.type(within(dialog).getByRole('textbox', { name: r.fields.phone }), '۰۲۱-۲۲۳۳۴۴۵۵');
    // Only specialists' accounts are offered.
    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(r.fields.user_id) }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['دکتر رضا فرهمند']);
    fireEvent.click(screen.getByRole('option', { name: 'دکتر رضا فرهمند' }));
    await user_.click(within(dialog).getByRole('button', { name: fa.common.save }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create).toHaveBeenCalledWith({
      kind: 'counselor',
      level: 'local',
      // Arabic ي became Persian ی.
      name: 'مرکز مشاوره امید',
      // In the schema's order, whatever the order of the clicks.
      domains: ['social', 'cultural'],
      offers: '',
      capacity: 12,
      contact_name: '',
      phone: '021-22334455',
      address: '',
      area: '',
      notes: '',
      user_id: 'u-reza',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('says what is missing before asking the server, and puts the server’s refusal beside its field', async () => {
    const user_ = userEvent.setup();
    search.mockResolvedValue([]);
    users.mockResolvedValue([]);
    create.mockRejectedValue(
      new ApiError({ status: 422, code: 'validation', field: 'phone', reason: 'length', message: 'phone: شماره تلفن ۴ تا ۱۵ رقم است / A phone number has 4–15 digits' }),
    );
    renderPage();
    await user_.click(await screen.findByRole('button', { name: r.new }));
    const dialog = await screen.findByRole('dialog');
    await user_.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${r.fields.capacity}`) }), 'ده');
    await user_.click(within(dialog).getByRole('button', { name: fa.common.save }));
    expect(within(dialog).getByText(fa.common.required)).toBeTruthy();
    expect(within(dialog).getByText(r.domainsRequired)).toBeTruthy();
    expect(within(dialog).getByText(r.capacityFormat)).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    await user_.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${r.fields.name}`) }), 'خیریه');
    await user_.click(within(dialog).getByRole('checkbox', { name: fa.assessment.domain.economic }));
    await user_.clear(within(dialog).getByRole('textbox', { name: new RegExp(`^${r.fields.capacity}`) }));
    await user_.type(within(dialog).getByRole('textbox', { name: r.fields.phone }), '12');
    await user_.click(within(dialog).getByRole('button', { name: fa.common.save }));
    expect(await within(dialog).findByText('شماره تلفن ۴ تا ۱۵ رقم است')).toBeTruthy();
    expect(create.mock.calls[0]![0]).toMatchObject({ name: 'خیریه', domains: ['economic'], capacity: null, phone: '12' });
  });

  it('edits with the version it was loaded with', async () => {
    const user_ = userEvent.setup();
    search.mockResolvedValue([{ ...omid, version: 4 }]);
    users.mockResolvedValue([user('u-reza', 'دکتر رضا فرهمند', 'specialist')]);
    update.mockResolvedValue({ ...omid, capacity: 20, version: 5 });
    renderPage();
    await user_.click(await screen.findByRole('button', { name: 'ویرایش «مرکز مشاوره امید»' }));
    const dialog = await screen.findByRole('dialog');
    const capacity = within(dialog).getByRole('textbox', { name: new RegExp(`^${r.fields.capacity}`) });
    await user_.clear(capacity);
    await user_.type(capacity, '۲۰');
    await user_.click(within(dialog).getByRole('button', { name: fa.common.save }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect(update.mock.calls[0]![0]).toBe('r1');
    expect(update.mock.calls[0]![1]).toMatchObject({ version: 4, capacity: 20, user_id: 'u-reza', domains: ['social', 'cultural'], phone: '02122334455' });
  });

  it('removes only after a confirmation, and says when someone changed it meanwhile', async () => {
    const user_ = userEvent.setup();
    search.mockResolvedValueOnce([{ ...omid, version: 3 }]).mockResolvedValue([{ ...omid, version: 4 }]);
    remove.mockRejectedValueOnce(new ApiError({ status: 409, code: 'version_conflict' })).mockResolvedValueOnce(undefined);
    renderPage();
    await user_.click(await screen.findByRole('button', { name: 'حذف «مرکز مشاوره امید»' }));
    const dialog = await screen.findByRole('dialog', { name: 'حذف «مرکز مشاوره امید» از فهرست' });
    expect(within(dialog).getByText(/نام آن را نگه می‌دارند/)).toBeTruthy();
    expect(remove).not.toHaveBeenCalled();
    await user_.click(within(dialog).getByRole('button', { name: fa.casework.remove }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toBe(fa.errors.version_conflict);
    expect(remove).toHaveBeenCalledWith('r1', 3);
    // The list came again: a second try uses the new version.
    await waitFor(() => expect(search).toHaveBeenCalledTimes(2));
    await user_.click(within(dialog).getByRole('button', { name: fa.casework.remove }));
    await waitFor(() => expect(remove).toHaveBeenLastCalledWith('r1', 4));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
