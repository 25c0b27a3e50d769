import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import type { Member } from '../../api/types';

vi.mock('../../data', async (orig) => ({ ...(await orig<typeof import('../../data')>()), familyPrograms: vi.fn() }));
import { familyPrograms } from '../../data';
import { FamilyPrograms } from './FamilyPrograms';

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

const members = [
  { id: 'm1', first_name: 'مریم', last_name: 'اکبری' },
  { id: 'm2', first_name: 'آرش', last_name: 'اکبری' },
] as Member[];

function renderIt() {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <FamilyPrograms familyId="f1" members={members} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('FamilyPrograms', () => {
  it('lists each member’s sessions attended of those held, and who completed', async () => {
    vi.mocked(familyPrograms).mockResolvedValueOnce([
      {
        program: { id: 'p1', topic: 'مهارت‌های زندگی 2', kind: 'class' } as never,
        member_ids: ['m1', 'm2'],
        sessions_held: 1,
        attended: { m1: 1 },
        completed: ['m1'],
      },
    ]);
    renderIt();
    const m1 = await screen.findByRole('group', { name: 'مریم اکبری: حضور در ۱ جلسه از ۱ جلسهٔ برگزارشده' });
    expect(within(m1).getByText('۱ از ۱')).toBeTruthy();
    expect(within(m1).getByText(/پایان دوره/)).toBeTruthy();
    const m2 = screen.getByRole('group', { name: 'آرش اکبری: حضور در ۰ جلسه از ۱ جلسهٔ برگزارشده' });
    expect(within(m2).queryByText(/پایان دوره/)).toBeNull();
    // Stored with ASCII digits, shown with Persian ones.
    expect(screen.getByRole('link', { name: 'مهارت‌های زندگی ۲' }).getAttribute('href')).toBe('/programs/p1');
    expect(vi.mocked(familyPrograms)).toHaveBeenCalledWith('f1');
  });

  it('says when the family took part in nothing', async () => {
    vi.mocked(familyPrograms).mockResolvedValueOnce([]);
    renderIt();
    expect(await screen.findByText(/هنوز در برنامهٔ گروهی‌ای شرکت نکرده‌اند/)).toBeTruthy();
  });
});
