import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { ApiError } from '../../api/errors';
import type { InstrumentCheck, InstrumentSummary } from '../../api/types';
import { checkInstrument, publishInstrument } from '../../data/instruments';
import { domainCounts, sortedProblems } from './CheckResult';
import { lineRange, PublishInstrument } from './PublishInstrument';

vi.mock('../../data/instruments', async (original) => ({
  ...(await original<typeof import('../../data/instruments')>()),
  checkInstrument: vi.fn(),
  publishInstrument: vi.fn(),
}));

const check = vi.mocked(checkInstrument);
const publish = vi.mocked(publishInstrument);

const invalid: InstrumentCheck = {
  valid: false,
  code: null,
  instrument_version: null,
  indicators: {},
  problems: [
    { line: 12, message_fa: 'وزن باید بزرگ‌تر از صفر باشد', message_en: 'weight must be above zero' },
    { line: 0, message_fa: 'حوزهٔ فرهنگی نماگری ندارد', message_en: 'the cultural domain has no indicator' },
  ],
};

const valid: InstrumentCheck = {
  valid: true,
  code: 'hamyar-default',
  instrument_version: 2,
  indicators: { cultural: 9, economic: 12, social: 16 },
  problems: [],
};

const summary: InstrumentSummary = {
  id: '0190a3b4-0000-7000-8000-000000000002',
  hq_id: '0190a3b4-0000-7000-8000-000000000001',
  code: 'hamyar-default',
  instrument_version: 2,
  title_fa: 'سطح‌بندی خانواده',
  title_en: 'Family leveling',
  builtin: false,
  published_by: null,
  published_at: '2025-03-01T08:00:00Z',
};

function renderForm(onPublished = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <PublishInstrument onPublished={onPublished} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return onPublished;
}

const sourceBox = () => screen.getByRole('textbox', { name: new RegExp(fa.instruments.publish.source) });

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  check.mockReset();
  publish.mockReset();
});

describe('instrument check view', () => {
  it('asks for a file or text before checking', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    expect(check).not.toHaveBeenCalled();
    expect(screen.getByText(fa.instruments.publish.sourceRequired)).toBeTruthy();
  });

  it('lists every problem with its line, Persian first and English below, and offers no publishing', async () => {
    const user = userEvent.setup();
    check.mockResolvedValueOnce(invalid);
    renderForm();
    await user.click(sourceBox());
    await user.paste('code = "x"\nversion = 0\n');
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    expect(check).toHaveBeenCalledWith('code = "x"\nversion = 0\n');
    const list = await screen.findByRole('list', { name: fa.instruments.publish.problems });
    const items = within(list).getAllByRole('listitem');
    // The whole-file problem first, then by line.
    expect(items[0]!.textContent).toBe(`${fa.instruments.publish.wholeFile}حوزهٔ فرهنگی نماگری نداردthe cultural domain has no indicator`);
    expect(items[1]!.textContent).toBe('سطر ۱۲وزن باید بزرگ‌تر از صفر باشدweight must be above zero');
    expect(within(items[1]!).getByText('weight must be above zero').getAttribute('lang')).toBe('en');
    expect(screen.getByText(fa.instruments.publish.invalidTitle.replace('{{n}}', '۲'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: fa.instruments.publish.publish })).toBeNull();
  });

  it('takes the reader to a line of the text', async () => {
    const user = userEvent.setup();
    check.mockResolvedValueOnce(invalid);
    renderForm();
    const text = Array.from({ length: 14 }, (_, i) => `line${i + 1} = ${i}`).join('\n');
    await user.click(sourceBox());
    await user.paste(text);
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    await user.click(await screen.findByRole('button', { name: 'سطر ۱۲' }));
    const box = sourceBox() as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('line12 = 11');
  });

  it('sums up a valid file and publishes exactly what was checked', async () => {
    const user = userEvent.setup();
    check.mockResolvedValueOnce(valid);
    publish.mockResolvedValueOnce(summary);
    const onPublished = renderForm();
    await user.click(sourceBox());
    await user.paste('version = 2');
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    await screen.findByText(fa.instruments.publish.validTitle);
    const summaryList = screen.getByLabelText(fa.instruments.publish.summary);
    expect(summaryList.textContent).toContain('hamyar-default');
    expect(summaryList.textContent).toContain('۲');
    // Domains in the instrument's order: social, economic, cultural.
    const domainLabels = within(summaryList).getAllByText(/نماگرهای حوزهٔ/).map((e) => e.textContent);
    expect(domainLabels).toEqual(['نماگرهای حوزهٔ اجتماعی', 'نماگرهای حوزهٔ اقتصادی', 'نماگرهای حوزهٔ فرهنگی']);
    expect(summaryList.textContent).toContain('۳۷');

    await user.click(screen.getByRole('button', { name: fa.instruments.publish.publish }));
    expect(publish).toHaveBeenCalledWith('version = 2');
    expect(onPublished).toHaveBeenCalledWith(summary);
  });

  it('asks for a new check after an edit', async () => {
    const user = userEvent.setup();
    check.mockResolvedValueOnce(valid);
    renderForm();
    await user.click(sourceBox());
    await user.paste('version = 2');
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    await screen.findByRole('button', { name: fa.instruments.publish.publish });
    await user.type(sourceBox(), '1');
    expect(screen.queryByRole('button', { name: fa.instruments.publish.publish })).toBeNull();
    expect(screen.queryByText(fa.instruments.publish.validTitle)).toBeNull();
  });

  it('says when the version is taken', async () => {
    const user = userEvent.setup();
    check.mockResolvedValueOnce(valid);
    publish.mockRejectedValueOnce(new ApiError({ status: 409, code: 'instrument_version_taken', field: 'source' }));
    const onPublished = renderForm();
    await user.click(sourceBox());
    await user.paste('version = 1');
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    await user.click(await screen.findByRole('button', { name: fa.instruments.publish.publish }));
    expect((await screen.findAllByRole('alert')).some((a) => a.textContent === fa.errors.instrument_version_taken)).toBe(true);
    expect(onPublished).not.toHaveBeenCalled();
  });

  it('shows the problems when publishing finds the file invalid', async () => {
    const user = userEvent.setup();
    check.mockResolvedValueOnce(valid).mockResolvedValueOnce(invalid);
    publish.mockRejectedValueOnce(new ApiError({ status: 422, code: 'instrument_invalid', field: 'source' }));
    renderForm();
    await user.click(sourceBox());
    await user.paste('version = 3');
    await user.click(screen.getByRole('button', { name: fa.instruments.publish.check }));
    await user.click(await screen.findByRole('button', { name: fa.instruments.publish.publish }));
    await screen.findByRole('list', { name: fa.instruments.publish.problems });
    expect(check).toHaveBeenCalledTimes(2);
  });
});

describe('helpers', () => {
  it('finds a line of the text', () => {
    expect(lineRange('a\nbb\nccc', 1)).toEqual([0, 1]);
    expect(lineRange('a\nbb\nccc', 2)).toEqual([2, 4]);
    expect(lineRange('a\nbb\nccc', 3)).toEqual([5, 8]);
    expect(lineRange('a', 5)).toEqual([1, 1]);
  });

  it('orders domains and problems', () => {
    expect(domainCounts(valid).map((d) => d.domain)).toEqual(['social', 'economic', 'cultural']);
    expect(domainCounts({ ...valid, indicators: { spiritual: 2, social: 1 } }).map((d) => d.domain)).toEqual(['social', 'spiritual']);
    expect(sortedProblems(invalid.problems).map((p) => p.line)).toEqual([0, 12]);
  });
});
