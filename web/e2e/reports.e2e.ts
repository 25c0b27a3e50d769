// Test: outcome reports and instrument versions. A center manager leveles two
// families (through the API: one moves from harmed at baseline to stable at
// the end of its plan, one has an end-of-plan assessment only) and reads the
// transition matrix, on a desktop and on a 360 px phone. A headquarters
// admin reads the reports of every center, checks a broken instrument file
// (problems by line), publishes a new version and previews a reclassification.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { displayName, e2eEnv, field, latinLeaks, login, openPage, screenshotPath, seriousA11yViolations, toPersian, uniqueSurname, useBrowser } from './support';

const DEFAULT_INSTRUMENT = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../instruments/default.toml'), 'utf8');

/** Baseline and end-of-plan days of the families this test levels: a period no other test uses. */
const BASELINE_ON = '2024-01-10';
const END_ON = '2024-03-05'; // ۱۵ اسفند ۱۴۰۲
const END_NO_BASELINE_ON = '2024-03-10'; // ۲۰ اسفند ۱۴۰۲
const PERIOD = { from: '۱۴۰۲/۱۲/۰۱', to: '۱۴۰۲/۱۲/۲۹' };

/**
 * As the logged-in center manager: two new families, leveled with the current
 * instrument. Answers are the worst (harmed) or best (stable) option of every
 * question the draft says is unanswered. Answers the tiers given.
 */
async function levelFamilies(page: Page, surname: string): Promise<(string | null)[]> {
  return page.evaluate(
    async ({ surname, days }) => {
      type Option = { value?: string; min?: number; score: number };
      type Detail = { id: string; version: number; tier: string | null; missing: { indicator: string; member: string | null }[] };
      const send = async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
        const r = await fetch(url, {
          method,
          credentials: 'same-origin',
          headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const data = r.status === 204 ? null : await r.json();
        if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(data)}`);
        return data as T;
      };
      const current = await send<{ instrument: { indicators: { id: string; options: Option[] }[] } }>('GET', '/api/v1/instruments/current');
      const options = new Map(current.instrument.indicators.map((i) => [i.id, [...i.options].sort((a, b) => a.score - b.score)]));
      const answer = (indicator: string, best: boolean) => {
        const sorted = options.get(indicator)!;
        const o = best ? sorted[sorted.length - 1]! : sorted[0]!;
        return o.value ?? String(o.min);
      };
      const assess = async (familyId: string, kind: string, on: string, best: boolean) => {
        let a = await send<Detail>('POST', `/api/v1/families/${familyId}/assessments`, { kind, assessed_on: on });
        const answers: { family: Record<string, string>; members: Record<string, Record<string, string>> } = { family: {}, members: {} };
        for (const m of a.missing) {
          if (m.member) (answers.members[m.member] ??= {})[m.indicator] = answer(m.indicator, best);
          else answers.family[m.indicator] = answer(m.indicator, best);
        }
        a = await send<Detail>('PATCH', `/api/v1/assessments/${a.id}`, { version: a.version, answers });
        if (a.missing.length > 0) throw new Error(`still unanswered: ${JSON.stringify(a.missing)}`);
        a = await send<Detail>('POST', `/api/v1/assessments/${a.id}/finalize`, { version: a.version });
        return a.tier;
      };
      const family = (first: string) =>
        send<{ id: string }>('POST', '/api/v1/families', {
          head: { first_name: first, last_name: surname, relation: 'head', sex: 'female', birth_date: '1980-05-01', marital_status: 'married' },
        });
      const moved = await family('مریم');
      const tiers = [await assess(moved.id, 'baseline', days.baseline, false), await assess(moved.id, 'end_of_plan', days.end, true)];
      const late = await family('زهرا');
      tiers.push(await assess(late.id, 'end_of_plan', days.endNoBaseline, true));
      return tiers;
    },
    { surname, days: { baseline: BASELINE_ON, end: END_ON, endNoBaseline: END_NO_BASELINE_ON } },
  );
}

/** The matrix whose caption starts with `caption`. */
const matrix = (page: Page, caption: string | RegExp) => page.getByRole('table', { name: caption });

describe('outcome reports and instruments', () => {
  const env = e2eEnv();
  const admin = { ...env, user: process.env.HAMYAR_E2E_ADMIN ?? 'admin.tehran' };
  const browser = useBrowser();

  it('shows a center manager the transition matrix of their center, also on a phone', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'گزارش پیامد' }).waitFor();
    // Reports are for managers; instruments are the headquarters'.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'ابزار سطح‌بندی' }).count()).toBe(0);
    expect(await levelFamilies(page, uniqueSurname())).toEqual(['harmed', 'stable', 'stable']);
    const name = await displayName(page);

    await page.getByRole('navigation').getByRole('link', { name: 'گزارش پیامد' }).click();
    await page.getByRole('heading', { level: 1, name: 'گزارش پیامد' }).waitFor();
    const distribution = page.getByRole('table', { name: 'توزیع سطح خانواده‌های فعال به تفکیک مرکز' });
    await distribution.waitFor();
    // One center: no total row; the two families just leveled are stable.
    expect(await distribution.locator('tfoot').count()).toBe(0);
    expect(await distribution.getByRole('row').nth(1).getByRole('cell').first().textContent()).toMatch(/^[۱-۹][۰-۹]* \([۰-۹٫]+٪\)$/);

    // The matrix of every end-of-plan assessment so far, then of the period of this test's families.
    await matrix(page, /^ماتریس گذار: /).waitFor();
    // A center manager has no center to choose.
    expect(await page.getByRole('combobox', { name: 'مرکز' }).count()).toBe(0);
    await field(page, 'پایان برنامه از تاریخ').fill(PERIOD.from);
    await field(page, 'تا تاریخ').fill(PERIOD.to);
    const total = matrix(page, /^ماتریس گذار: .*از ۱ اسفند ۱۴۰۲ تا ۲۹ اسفند ۱۴۰۲$/);
    await total.waitFor();
    // Harmed at baseline, stable at the end: below the diagonal, an improvement.
    const harmedRow = total.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'آسیب‌دیده' }) });
    const toStable = harmedRow.getByRole('cell').first();
    expect(await toStable.textContent()).toContain('۱ (۱۰۰٪)');
    expect(await toStable.getAttribute('data-movement')).toBe('improved');
    expect(await harmedRow.getByRole('cell').nth(2).getAttribute('data-movement')).toBe('unchanged');
    expect(await harmedRow.getByRole('cell').last().textContent()).toBe('۱');
    const summary = page.getByRole('list', { name: 'خلاصهٔ جابه‌جایی خانواده‌ها' }).first();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual(['بهتر شده: ۱ (۱۰۰٪)', 'بدون تغییر: ۰ (۰٪)', 'بدتر شده: ۰ (۰٪)']);
    // The family with no baseline is counted apart, and the page says why.
    await page.getByText('بدون سنجش پایه: ۱ خانواده.').waitFor();

    await page.screenshot({ path: screenshotPath('reports-manager.png'), animations: 'disabled', fullPage: true });
    const violations = await seriousA11yViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    expect(await latinLeaks(page, ['English'])).toEqual([]);

    // English: the same matrix, left to right.
    await page.getByRole('button', { name: 'English' }).click();
    await matrix(page, /^Transition matrix: .* to 29 Esfand 1402$/).waitFor();
    await page.screenshot({ path: screenshotPath('reports-en.png'), animations: 'disabled', fullPage: true });
    await page.getByRole('button', { name: 'فارسی' }).click();
    await total.waitFor();

    // A matrix per assessor: this manager leveled them.
    await page.getByRole('combobox', { name: 'تفکیک' }).click();
    await page.getByRole('option', { name: 'به تفکیک سطح‌بندی‌کننده' }).click();
    await matrix(page, new RegExp(`^ماتریس گذار، سطح‌بندی‌کننده: .?${name}`)).waitFor();

    // A 360 px phone: the matrix fits without sideways scrolling.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForTimeout(400); // AppShell's resize transition
    await total.scrollIntoViewIfNeeded();
    const fits = await total.evaluate((table) => {
      const wrap = table.parentElement!;
      return { table: table.getBoundingClientRect().width, wrap: wrap.clientWidth, scroll: wrap.scrollWidth, viewport: window.innerWidth };
    });
    expect(fits.scroll).toBeLessThanOrEqual(fits.wrap);
    expect(fits.table).toBeLessThanOrEqual(fits.viewport);
    await total.screenshot({ path: screenshotPath('reports-matrix-phone.png'), animations: 'disabled' });
    await page.screenshot({ path: screenshotPath('reports-phone.png'), animations: 'disabled', fullPage: true });
    const phoneViolations = await seriousA11yViolations(page);
    expect(phoneViolations, phoneViolations.join('\n')).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a headquarters admin read every center, check and publish an instrument version and preview a reclassification', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, admin);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'گزارش پیامد' }).click();
    await page.getByRole('heading', { level: 1, name: 'گزارش پیامد' }).waitFor();
    // Every center of the headquarters, and their total.
    const distribution = page.getByRole('table', { name: 'توزیع سطح خانواده‌های فعال به تفکیک مرکز' });
    await distribution.waitFor();
    expect(await distribution.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await distribution.locator('tfoot').getByRole('rowheader').textContent()).toBe('همهٔ مراکز');
    await page.getByRole('combobox', { name: 'مرکز' }).waitFor();
    await page.getByRole('combobox', { name: 'تفکیک' }).click();
    await page.getByRole('option', { name: 'به تفکیک مرکز' }).click();
    await matrix(page, /^ماتریس گذار: .?همهٔ مراکز/).waitFor();
    await page.screenshot({ path: screenshotPath('reports-hq.png'), animations: 'disabled', fullPage: true });
    const reportViolations = await seriousA11yViolations(page);
    expect(reportViolations, reportViolations.join('\n')).toEqual([]);

    await nav.getByRole('link', { name: 'ابزار سطح‌بندی' }).click();
    await page.getByRole('heading', { level: 1, name: 'ابزار سطح‌بندی' }).waitFor();
    const versions = page.getByRole('table', { name: 'فهرست نسخه‌های ابزار' });
    await versions.getByText('نسخهٔ جاری').waitFor();
    expect(await latinLeaks(page, ['English', 'hamyar-default', 'TOML', 'version'])).toEqual([]);

    // A broken file: two weights below zero, each problem named by its line.
    const lines = DEFAULT_INSTRUMENT.split('\n');
    const weightLines = lines.flatMap((l, i) => (l.startsWith('weight = ') ? [i + 1] : [])).slice(0, 2);
    const broken = lines.map((l, i) => (weightLines.includes(i + 1) ? 'weight = -1' : l)).join('\n');
    const source = page.getByRole('textbox', { name: /^متن ابزار/ });
    await source.fill(broken);
    await page.getByRole('button', { name: 'بررسی', exact: true }).click();
    const problems = page.getByRole('list', { name: 'ایرادهای فایل' });
    await problems.waitFor();
    const items = await problems.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(2);
    weightLines.forEach((line, i) => {
      expect(items[i]).toMatch(new RegExp(`^سطر ${toPersian(String(line))}`));
      expect(items[i]).toContain('The weight must be above zero');
    });
    expect(await page.getByRole('button', { name: 'انتشار', exact: true }).count()).toBe(0);
    await problems.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('instrument-check-problems.png'), animations: 'disabled', fullPage: true });
    const checkViolations = await seriousA11yViolations(page);
    expect(checkViolations, checkViolations.join('\n')).toEqual([]);
    // The line's label takes the reader to it.
    await problems.getByRole('button', { name: `سطر ${toPersian(String(weightLines[0]))}` }).click();
    expect(await source.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe('weight = -1');

    // The shipped file with the next version number, chosen as a file.
    const published = await page.evaluate(async () => {
      const r = await fetch('/api/v1/instruments', { credentials: 'same-origin' });
      const list = (await r.json()) as { items: { code: string; instrument_version: number }[] };
      return list.items.filter((i) => i.code === 'hamyar-default').map((i) => i.instrument_version);
    });
    const next = Math.max(...published) + 1;
    const valid = DEFAULT_INSTRUMENT.replace(/^version = \d+$/m, `version = ${next}`);
    await page.locator('input[type=file]').setInputFiles({ name: `hamyar-default-v${next}.toml`, mimeType: 'application/toml', buffer: Buffer.from(valid, 'utf8') });
    await page.waitForFunction((n) => (document.querySelector('textarea') as HTMLTextAreaElement | null)?.value.includes(`version = ${n}`), next);
    await page.getByRole('button', { name: 'بررسی', exact: true }).click();
    await page.getByText('فایل درست است و آمادهٔ انتشار').waitFor();
    const fileSummary = page.getByLabel('خلاصهٔ فایل');
    expect(await fileSummary.textContent()).toContain('hamyar-default');
    expect(await fileSummary.textContent()).toContain(`نسخه${toPersian(String(next))}`);
    await page.screenshot({ path: screenshotPath('instrument-check-valid.png'), animations: 'disabled', fullPage: true });
    await page.getByRole('button', { name: 'انتشار', exact: true }).click();

    // The new version's page: current now, with its reclassification panel.
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'سطح‌بندی خانواده' }).waitFor();
    await page.getByText(`نسخهٔ ${toPersian(String(next))}`, { exact: true }).first().waitFor();
    await page.getByText('نسخهٔ جاری', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'پیش‌نمایش' }).click();
    await page.getByRole('heading', { name: 'پیش‌نمایش: هنوز چیزی تغییر نکرده است' }).waitFor();
    const scored = page.locator('dt', { hasText: /^خانوادهٔ امتیازدهی‌شده$/ }).locator('xpath=following-sibling::dd[1]');
    // At least the two families the manager leveled above.
    expect(Number((await scored.textContent())!.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))))).toBeGreaterThanOrEqual(2);
    await page.getByRole('list', { name: 'به تفکیک مرکز' }).or(page.getByRole('table', { name: 'به تفکیک مرکز' })).waitFor();
    await page.screenshot({ path: screenshotPath('instrument-preview.png'), animations: 'disabled', fullPage: true });
    const previewViolations = await seriousA11yViolations(page);
    expect(previewViolations, previewViolations.join('\n')).toEqual([]);

    // Applying asks first; this test leaves the families as they are.
    await page.getByRole('button', { name: 'اعمال', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`اعمال بازسطح‌بندی با نسخهٔ ${toPersian(String(next))}`).waitFor();
    await page.screenshot({ path: screenshotPath('instrument-apply-confirm.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'انصراف' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // What the version asks: indicators by domain with their answers, and the file.
    await page.getByRole('heading', { name: /^حوزهٔ اجتماعی/ }).waitFor();
    await page.getByRole('button', { name: /انسجام و همبستگی خانواده/ }).click();
    await page.getByRole('table', { name: /^پاسخ‌های «انسجام و همبستگی خانواده/ }).waitFor();
    await page.screenshot({ path: screenshotPath('instrument-indicators.png'), animations: 'disabled', fullPage: true });
    const indicatorViolations = await seriousA11yViolations(page);
    expect(indicatorViolations, indicatorViolations.join('\n')).toEqual([]);
    await page.getByRole('tab', { name: 'متن فایل' }).click();
    expect(await page.getByRole('region', { name: 'متن فایل ابزار' }).textContent()).toContain(`version = ${next}`);

    // On a phone: the versions as cards, the publishing form and the history.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForTimeout(400); // AppShell's resize transition
    await page.getByRole('link', { name: 'بازگشت به ابزار سطح‌بندی' }).click();
    await page.getByRole('heading', { level: 1, name: 'ابزار سطح‌بندی' }).waitFor();
    await page.getByRole('list', { name: 'فهرست نسخه‌های ابزار' }).getByText(`نسخهٔ ${toPersian(String(next))}`).waitFor();
    await page.screenshot({ path: screenshotPath('instruments-phone.png'), animations: 'disabled', fullPage: true });
    const phoneViolations = await seriousA11yViolations(page);
    expect(phoneViolations, phoneViolations.join('\n')).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  });
});
