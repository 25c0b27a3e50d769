import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import { JalaliDateInput } from './JalaliDateInput';

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

function Harness({ initial, onChange }: { initial: string | null; onChange: (v: string | null, valid: boolean) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <JalaliDateInput
          label="تاریخ راه‌اندازی"
          value={value}
          onChange={(v, valid) => {
            setValue(v);
            onChange(v, valid);
          }}
        />
      </MantineProvider>
    </I18nextProvider>
  );
}

const input = () => screen.getByLabelText('تاریخ راه‌اندازی') as HTMLInputElement;

describe('JalaliDateInput', () => {
  it('shows an ISO value as a Solar Hijri date in Persian digits', () => {
    render(<Harness initial="2025-03-20" onChange={() => {}} />);
    expect(input().value).toBe('۱۴۰۳/۱۲/۳۰');
  });

  it('turns typed Persian digits into ISO', () => {
    const onChange = vi.fn();
    render(<Harness initial={null} onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '۱۴۰۳/۱۲/۳۰' } });
    expect(onChange).toHaveBeenLastCalledWith('2025-03-20', true);
  });

  it('rejects 30 Esfand of a common year with a clear message after leaving the field', () => {
    const onChange = vi.fn();
    render(<Harness initial={null} onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '1404/12/30' } });
    expect(onChange).toHaveBeenLastCalledWith(null, false);
    fireEvent.blur(input());
    expect(screen.getByText('در سال ۱۴۰۴، اسفند فقط ۲۹ روز دارد.')).toBeTruthy();
    expect(input().getAttribute('aria-invalid')).toBe('true');
  });

  it('treats an emptied field as no date', () => {
    const onChange = vi.fn();
    render(<Harness initial="2025-03-20" onChange={onChange} />);
    fireEvent.change(input(), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(null, true);
  });

  it('picks a day from the month grid', () => {
    const onChange = vi.fn();
    render(<Harness initial="2025-03-20" onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'انتخاب از تقویم' }));
    const grid = screen.getByRole('table', { name: 'تقویم اسفند ۱۴۰۳' });
    // Saturday first.
    expect(within(grid).getAllByRole('columnheader')[0]?.getAttribute('abbr')).toBe('شنبه');
    fireEvent.click(within(grid).getByRole('button', { name: '۲۹ اسفند ۱۴۰۳' }));
    expect(onChange).toHaveBeenLastCalledWith('2025-03-19', true);
    expect(input().value).toBe('۱۴۰۳/۱۲/۲۹');
  });
});
