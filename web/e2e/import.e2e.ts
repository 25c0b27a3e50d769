// Test 5: lists in and out of the registry. A center manager checks a small
// CSV list without saving (one household to create, one refused for a bad
// national ID), imports it, finds the family, and downloads an export; then
// merges a person registered twice by two lists.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eEnv, latinLeaks, login, openPage, randomNationalId, screenshotPath, seriousA11yViolations, uniqueSurname, useBrowser } from './support';

const HEADER = 'شناسه خانوار,نام,نام خانوادگی,نام پدر,کد ملی,تاریخ تولد,جنسیت,نسبت,محله';
/** Column codes, "CSV", "XLSX": names of file formats and headers, the same in both languages. */
const FORMAT_WORDS = ['English', 'CSV', 'XLSX', 'household_ref', 'first_name', 'last_name', 'father_name', 'national_id', 'birth_date', 'sex', 'relation', 'mobile', 'neighborhood', 'address', 'family_name', 'marital_status', 'education', 'occupation', 'health', 'disability', 'insurance'];

/** The value beside a label of the import summary. */
function count(page: Page, label: string) {
  return page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
}

async function openImport(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'خانواده‌ها' }).click();
  await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();
  await page.getByRole('link', { name: 'ورود از فایل' }).click();
  await page.getByRole('heading', { level: 1, name: 'ورود خانواده‌ها از فایل' }).waitFor();
}

describe('family import and export', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('checks a list without saving, imports it, finds the family and exports the registry', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await openImport(page);

    const surname = uniqueSurname();
    const other = uniqueSurname();
    const source = `فهرست آزمون ${surname}`;
    const csv = [
      HEADER,
      `1,حسین,${surname},علی,${randomNationalId()},۱۳۶۰/۰۷/۱۲,مرد,سرپرست,گلستان`,
      `1,مریم,${surname},رضا,${randomNationalId()},1365/4/12,زن,همسر,`,
      // 1234567890 fails the check digit: this household is refused whole.
      `2,رضا,${other},کاظم,1234567890,۱۳۷۰/۰۱/۰۱,مرد,سرپرست,گلستان`,
    ].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: `${source}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // The source is named after the file.
    expect(await page.getByRole('textbox', { name: /^منبع فهرست/ }).inputValue()).toBe(source);

    await page.getByRole('button', { name: 'بررسی بدون ثبت' }).click();
    await page.getByRole('heading', { name: 'نتیجهٔ بررسی: هنوز چیزی ثبت نشده است' }).waitFor();
    expect(await count(page, 'خانوادهٔ جدید').textContent()).toBe('۱');
    expect(await count(page, 'خانوادهٔ ردشده').textContent()).toBe('۱');
    expect(await count(page, 'ردیف ردشده').textContent()).toBe('۱');
    expect(await count(page, 'عضو جدید').textContent()).toBe('۲');
    const report = page.getByRole('table', { name: 'گزارش خطاها' });
    const rows = report.getByRole('row');
    expect(await rows.count()).toBe(2);
    const bad = rows.nth(1);
    // Row 4 of the file (the header is row 1), the national ID column, in Persian.
    expect(await bad.getByRole('cell').nth(0).textContent()).toBe('۴');
    expect(await bad.getByRole('cell').nth(1).textContent()).toBe('کد ملی');
    expect(await bad.getByRole('cell').nth(2).textContent()).toBe('1234567890');
    await page.screenshot({ path: screenshotPath('import-dry-run.png'), animations: 'disabled', fullPage: true });
    const violations = await seriousA11yViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    // The chosen file's name is the person's own text.
    expect(await latinLeaks(page, [...FORMAT_WORDS, `${source}.csv`])).toEqual([]);

    // The report downloads as CSV.
    const reportDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'دریافت گزارش (CSV)' }).click();
    expect((await reportDownload).suggestedFilename()).toMatch(/\.csv$/);

    await page.getByRole('button', { name: 'اکنون ثبت شود' }).click();
    await page.getByRole('heading', { name: 'نتیجهٔ ثبت' }).waitFor();
    expect(await count(page, 'خانوادهٔ جدید').textContent()).toBe('۱');

    // The family is in the registry, found by its head's name.
    await page.getByRole('link', { name: 'مشاهدهٔ خانواده‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();
    await page.getByRole('searchbox', { name: 'جستجو' }).fill(`حسین ${surname}`);
    const list = page.getByRole('table', { name: 'فهرست خانواده‌ها' });
    await list.getByRole('link', { name: `خانوادهٔ ${surname}` }).waitFor();
    expect(await list.getByRole('row').filter({ hasText: `خانوادهٔ ${surname}` }).textContent()).toContain('۲');
    await page.getByRole('searchbox', { name: 'جستجو' }).fill(other);
    await page.getByText('خانواده‌ای با این مشخصات پیدا نشد.').waitFor();

    // Export: a menu of two formats that says the export is logged; a download starts.
    await page.getByRole('button', { name: 'خروجی' }).click();
    await page.getByText('هر خروجی در سابقهٔ بازدید همهٔ خانواده‌های آن ثبت می‌شود.').waitFor();
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'فایل CSV' }).click();
    expect((await csvDownload).suggestedFilename()).toMatch(/^families-.+\.csv$/);
    await page.getByRole('button', { name: 'خروجی' }).click();
    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'فایل اکسل (XLSX)' }).click();
    expect((await xlsxDownload).suggestedFilename()).toMatch(/^families-.+\.xlsx$/);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('merges a person two lists registered twice', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'خانواده‌ها' }).waitFor();
    const surname = uniqueSurname();
    // The same household as two organizations listed it: the second without national IDs, with a child,
    // the name typed with Arabic letters, the birth date another day of the same year.
    const first = [HEADER, `7,کریم,${surname},جواد,${randomNationalId()},۱۳۵۸/۰۲/۰۲,مرد,سرپرست,گلستان`].join('\n');
    const second = [HEADER, `x-1,كريم,${surname},جواد,,1358/3/15,مرد,سرپرست,`, `x-1,سارا,${surname},کریم,,۱۳۸۸/۰۱/۰۱,زن,فرزند,`].join('\n');
    const statuses = await page.evaluate(
      async ([a, b, source]) => {
        const send = async (body: string, name: string) =>
          (await fetch(`/api/v1/families/import?source=${encodeURIComponent(name)}`, { method: 'POST', body, headers: { 'Content-Type': 'text/csv' } })).status;
        return [await send(a!, `${source} الف`), await send(b!, `${source} ب`)];
      },
      [first, second, `آزمون تکراری ${surname}`],
    );
    expect(statuses).toEqual([200, 200]);

    await page.getByRole('navigation').getByRole('link', { name: 'خانواده‌ها' }).click();
    await page.getByRole('link', { name: 'تکراری‌های احتمالی' }).click();
    await page.getByRole('heading', { level: 1, name: 'تکراری‌های احتمالی' }).waitFor();
    const name = `کریم ${surname}`;
    const group = page.getByRole('region').filter({ hasText: name });
    await group.waitFor();
    // Side by side: both records, the ID masked but for its last four digits.
    expect(await group.getByText(name, { exact: true }).count()).toBe(2);
    expect(await group.textContent()).toMatch(/\*{6}[۰-۹]{4}/);
    await page.screenshot({ path: screenshotPath('duplicates.png'), animations: 'disabled', fullPage: true });
    const violations = await seriousA11yViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    await group.getByRole('button', { name: `یکی کردن «${name}» و «${name}»` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Keep the record with the national ID (the first list's): its description shows the masked ID.
    expect(await dialog.getByRole('radio').count()).toBe(2);
    await dialog.locator('.mantine-Radio-root').filter({ hasText: /\*{6}/ }).getByRole('radio').check();
    await page.screenshot({ path: screenshotPath('duplicates-merge.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'یکی کن' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await group.waitFor({ state: 'detached' });

    // The child of the second registration moved to the kept family.
    await page.getByRole('link', { name: 'بازگشت به فهرست خانواده‌ها' }).click();
    await page.getByRole('searchbox', { name: 'جستجو' }).fill(`سارا ${surname}`);
    await page.waitForFunction((q) => new URLSearchParams(window.location.search).get('q') === q, `سارا ${surname}`);
    const list = page.getByRole('table', { name: 'فهرست خانواده‌ها' });
    // One family (a header row and one row), of two people.
    await expect.poll(() => list.getByRole('row').count()).toBe(2);
    await list.getByRole('row').filter({ hasText: `خانوادهٔ ${surname}` }).filter({ hasText: '۲' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
