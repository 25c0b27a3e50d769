import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import en from '../i18n/en';
import type { Family, MyFamilies, MyFamily } from '../api/types';
import { myFamilies } from '../data/myFamilies';
import { MyFamiliesPage } from './MyFamiliesPage';
import { helper } from './training/fixtures';

vi.mock('../data/myFamilies', () => ({ myFamilies: vi.fn() }));
const load = vi.mocked(myFamilies);

const ts = '2025-01-01T00:00:00Z';
const rules: MyFamilies['rules'] = {
  pre_service_hours: 40,
  in_service_hours: 40,
  caseload_max: 15,
  caseload_min: 5,
  assignment_days: 365, offline_lock_days: 14,
  version: null,
};

function family(id: string, name: string, over: Partial<Family> = {}): Family {
  return {
    id,
    center_id: 'c1',
    family_name: name,
    head_member_id: `${id}-head`,
    head_name: 'فاطمه رضایی',
    neighborhood: 'گلستان',
    address: '',
    phones: [],
    housing: 'unknown',
    status: 'active',
    status_reason: '',
    consent_on: null,
    consent_recorded_by: null,
    sources: [],
    member_count: 4,
    tier: 'harmed',
    version: 1,
    created_at: ts,
    updated_at: ts,
    ...over,
  };
}

function item(f: Family, over: Partial<MyFamily> = {}): MyFamily {
  return {
    family: f,
    assignment_id: `a-${f.id}`,
    starts_on: '2024-04-01',
    ends_on: '2025-12-31',
    last_assessed_on: null,
    draft_assessment_id: null,
    ...over,
  };
}

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <MyFamiliesPage />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(() => {
  initI18n('fa');
  // 1 Farvardin 1404.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2025, 2, 21, 10, 0));
});

afterAll(() => vi.useRealTimers());

afterEach(() => load.mockReset());

describe('MyFamiliesPage', () => {
  it('shows each family as a card with its assignment, tier and what to do next', async () => {
    await i18n.changeLanguage('fa');
    load.mockResolvedValue({
      items: [
        item(family('f1', 'خانوادهٔ رضایی'), { ends_on: '2025-04-10', draft_assessment_id: 'draft-1' }),
        item(family('f2', 'خانوادهٔ احمدی', { tier: 'stable', member_count: 2 }), { last_assessed_on: '2025-03-01' }),
      ],
      helper: helper('h1', 'علی نجفی', { status: 'active', in_service_hours: 12.5, pre_service_hours: 40, caseload: 2 }),
      rules,
    });
    renderPage();

    const list = await screen.findByRole('list', { name: fa.myFamilies.list });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);

    const first = within(cards[0]!);
    expect(first.getByRole('heading', { name: 'خانوادهٔ رضایی' })).toBeTruthy();
    expect(first.getByText(fa.assessment.tier.harmed)).toBeTruthy();
    expect(first.getByText('سرپرست: فاطمه رضایی، ۴ نفر')).toBeTruthy();
    expect(first.getByText('دورهٔ همراهی: ۱۳ فروردین ۱۴۰۳ تا ۲۱ فروردین ۱۴۰۴')).toBeTruthy();
    expect(first.getByText('۲۰ روز تا پایان دورهٔ همراهی')).toBeTruthy();
    expect(first.getByText(fa.myFamilies.notAssessed)).toBeTruthy();
    expect(first.getByRole('link', { name: 'پروندهٔ خانواده، خانوادهٔ رضایی' }).getAttribute('href')).toBe('/families/f1');
    expect(first.getByRole('link', { name: 'ادامهٔ سطح‌بندی، خانوادهٔ رضایی' }).getAttribute('href')).toBe('/assessments/draft-1');

    const second = within(cards[1]!);
    expect(second.getByText('آخرین سطح‌بندی: ۱۱ اسفند ۱۴۰۳')).toBeTruthy();
    // Far from its end: no warning; no draft: no "continue".
    expect(second.queryByText(/روز تا پایان/)).toBeNull();
    expect(second.queryByRole('link', { name: /ادامهٔ سطح‌بندی/ })).toBeNull();

    // The helper's own training.
    const bar = screen.getByRole('progressbar', { name: fa.myFamilies.training.inServiceBar });
    expect(bar.getAttribute('aria-valuetext')).toBe('۱۲٫۵ از ۴۰ ساعت');
    expect(screen.getByText('گذرانده‌اید (۴۰ ساعت)')).toBeTruthy();
    expect(screen.getByText('۲ از حداکثر ۱۵ خانواده')).toBeTruthy();
  });

  it('says when nothing is assigned yet', async () => {
    await i18n.changeLanguage('fa');
    load.mockResolvedValue({ items: [], helper: helper('h1', 'علی نجفی', { pre_service_hours: 12 }), rules });
    renderPage();
    expect(await screen.findByText(fa.myFamilies.empty)).toBeTruthy();
    expect(screen.getByText('۱۲ از ۴۰ ساعت؛ هنوز کامل نشده')).toBeTruthy();
  });

  it('speaks English on request, with Solar Hijri dates', async () => {
    await i18n.changeLanguage('en');
    load.mockResolvedValue({ items: [item(family('f1', 'خانوادهٔ رضایی'), { ends_on: '2025-03-21' })], helper: null, rules });
    renderPage();
    expect(await screen.findByText(en.myFamilies.endsToday)).toBeTruthy();
    expect(screen.getByText('Assignment: 13 Farvardin 1403 to 1 Farvardin 1404')).toBeTruthy();
    expect(screen.getByText(en.myFamilies.training.noHelper)).toBeTruthy();
    await i18n.changeLanguage('fa');
  });
});
