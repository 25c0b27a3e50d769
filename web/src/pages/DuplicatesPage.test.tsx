import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { ApiError } from '../api/errors';
import type { DuplicateGroup, FamilyDetail, Member } from '../api/types';
import { dismissDuplicate, listDuplicates, mergeDuplicates } from '../data/registry';
import { DuplicatesPage } from './DuplicatesPage';

vi.mock('../data/registry', async (original) => ({
  ...(await original<typeof import('../data/registry')>()),
  listDuplicates: vi.fn(),
  mergeDuplicates: vi.fn(),
  dismissDuplicate: vi.fn(),
}));

const ts = '2025-01-01T00:00:00Z';

function member(id: string, familyId: string, national_id: string | null, mobile = ''): Member {
  return {
    id,
    family_id: familyId,
    first_name: 'علی',
    last_name: 'رضایی',
    father_name: 'حسن',
    national_id,
    birth_date: '1981-10-04',
    sex: 'male',
    relation: 'head',
    marital_status: 'married',
    education: '',
    occupation: '',
    health: '',
    disability: '',
    insurance: '',
    mobile,
    extra: {},
    version: 1,
    created_at: ts,
    updated_at: ts,
  };
}

const group: DuplicateGroup = {
  members: [
    { member: member('m1', 'f1', '0499370899', '09121234567'), family: { id: 'f1', family_name: 'خانوادهٔ رضایی' } },
    { member: member('m2', 'f2', null), family: { id: 'f2', family_name: 'خانوادهٔ رضائی' } },
  ],
};

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <DuplicatesPage />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => vi.mocked(listDuplicates).mockReset());

describe('DuplicatesPage', () => {
  it('says when there is nothing to check', async () => {
    vi.mocked(listDuplicates).mockResolvedValue([]);
    renderPage();
    expect(await screen.findByText('تکراری احتمالی پیدا نشد')).toBeTruthy();
  });

  it('shows the two records side by side: Solar Hijri birth date, masked ID, family link', async () => {
    vi.mocked(listDuplicates).mockResolvedValue([group]);
    renderPage();
    const section = await screen.findByRole('region', { name: 'گروه ۱' });
    expect(within(section).getAllByText('۱۲ مهر ۱۳۶۰')).toHaveLength(2);
    expect(within(section).getByText('******۰۸۹۹')).toBeTruthy();
    expect(section.textContent).not.toContain('۰۴۹۹۳۷۰۸۹۹');
    expect(within(section).getByText('۰۹۱۲۱۲۳۴۵۶۷')).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'خانوادهٔ رضائی' }).getAttribute('href')).toBe('/families/f2');
  });

  it('merges the pair keeping the chosen record', async () => {
    const user = userEvent.setup();
    vi.mocked(listDuplicates).mockResolvedValueOnce([group]).mockResolvedValueOnce([]);
    vi.mocked(mergeDuplicates).mockResolvedValue({ id: 'f2', family_name: 'خانوادهٔ رضائی' } as FamilyDetail);
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'یکی کردن «علی رضایی» و «علی رضایی»' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(fa.duplicates.mergeExplain)).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: fa.duplicates.mergeConfirm });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('radio', { name: 'علی رضایی در «خانوادهٔ رضائی»' }));
    await user.click(confirm);
    expect(mergeDuplicates).toHaveBeenCalledWith('m2', 'm1');
    expect(await screen.findByText('تکراری احتمالی پیدا نشد')).toBeTruthy();
  });

  it('shows why a merge was refused', async () => {
    const user = userEvent.setup();
    vi.mocked(listDuplicates).mockResolvedValue([group]);
    vi.mocked(mergeDuplicates).mockRejectedValue(
      new ApiError({
        status: 422,
        code: 'validation',
        field: 'drop_member_id',
        reason: 'different_national_ids',
        message: 'drop_member_id: کد ملی این دو نفر متفاوت است؛ یک نفر نیستند / Their national IDs differ: they are not one person',
      }),
    );
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'یکی کردن «علی رضایی» و «علی رضایی»' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'علی رضایی در «خانوادهٔ رضایی»' }));
    await user.click(within(dialog).getByRole('button', { name: fa.duplicates.mergeConfirm }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'کد ملی این دو نفر متفاوت است؛ یک نفر نیستند');
  });

  it('says two records are different people', async () => {
    const user = userEvent.setup();
    vi.mocked(listDuplicates).mockResolvedValueOnce([group]).mockResolvedValueOnce([]);
    vi.mocked(dismissDuplicate).mockResolvedValue();
    renderPage();
    await user.click(await screen.findByRole('button', { name: '«علی رضایی» و «علی رضایی» یک نفر نیستند' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: fa.duplicates.dismiss }));
    expect(dismissDuplicate).toHaveBeenCalledWith('m1', 'm2');
    await waitFor(() => expect(screen.getByText('تکراری احتمالی پیدا نشد')).toBeTruthy());
  });
});
