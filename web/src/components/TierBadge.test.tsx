import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import { TierBadge } from './TierBadge';

beforeAll(() => {
  initI18n('fa');
});

function show(tier: Parameters<typeof TierBadge>[0]['tier']) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <TierBadge tier={tier} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('TierBadge', () => {
  it.each([
    ['stable', 'ایمن / پایدار'],
    ['at_risk', 'در معرض آسیب'],
    ['harmed', 'آسیب‌دیده'],
  ] as const)('names %s in Persian', async (tier, words) => {
    await i18n.changeLanguage('fa');
    show(tier);
    expect(screen.getByText(words).closest('[data-tier]')?.getAttribute('data-tier')).toBe(tier);
  });

  it('says a family with no tier is not assessed yet, in either language', async () => {
    await i18n.changeLanguage('fa');
    const { unmount } = show(null);
    expect(screen.getByText('سطح‌بندی نشده')).toBeTruthy();
    unmount();
    await i18n.changeLanguage('en');
    show(undefined);
    expect(screen.getByText('Not assessed')).toBeTruthy();
  });
});
