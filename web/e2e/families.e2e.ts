// Test 4: the family registry. A center manager finds a demo family by a
// search typed with an Arabic yeh, registers a family with its head, edits
// it, adds a member whose national ID is typed in Persian digits, and reads
// the change in the family's history.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { e2eEnv, field, latinLeaks, login, openPage, randomNationalId, screenshotPath, seriousA11yViolations, toPersian, uniqueSurname, useBrowser } from './support';

/** Picks an option of a Mantine Select by its visible text. */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('family registry', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('finds, registers, edits a family, adds a member and shows the history', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'خانواده‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();
    const list = page.getByRole('table', { name: 'فهرست خانواده‌ها' });
    await list.waitFor();
    const total = page.getByRole('status').filter({ hasText: 'خانواده' });
    const unfiltered = await total.textContent();

    // «علي» with an Arabic yeh finds the family whose head is «علی رضایی».
    await page.getByRole('searchbox', { name: 'جستجو' }).fill('علي');
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get('q') === 'علي');
    await expect.poll(() => total.textContent()).not.toBe(unfiltered);
    await list.getByRole('link', { name: 'خانوادهٔ رضایی' }).waitFor();
    expect(await list.getByRole('link', { name: 'خانوادهٔ محمدی' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('families-search.png'), animations: 'disabled' });
    expect(await latinLeaks(page, ['English'])).toEqual([]);
    const listViolations = await seriousA11yViolations(page);
    expect(listViolations, listViolations.join('\n')).toEqual([]);

    // A new family with its head.
    const surname = uniqueSurname();
    const headId = randomNationalId();
    await page.getByRole('button', { name: 'خانواده جدید' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await field(dialog, 'نام').fill('حسن');
    await field(dialog, 'نام خانوادگی').fill(surname);
    await field(dialog, 'کد ملی').fill(headId);
    await choose(page, dialog, 'جنسیت', 'مرد');
    await field(dialog, 'محله').fill('گلستان');
    await field(dialog, 'نشانی').fill('کوچهٔ آزمون، پلاک ۵');
    await field(dialog, 'تلفن ۱').fill('۰۹۱۲۳۴۵۶۷۸۹');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const familyName = `خانوادهٔ ${surname}`;
    await page.getByRole('heading', { level: 1, name: familyName }).waitFor();
    expect(page.url()).toMatch(/\/families\/[0-9a-f-]{36}$/);
    // The phone was sent in ASCII digits and is shown in Persian ones.
    await page.getByText('۰۹۱۲۳۴۵۶۷۸۹').waitFor();
    const members = page.getByRole('table', { name: 'اعضای خانواده' });
    await members.getByRole('row').filter({ hasText: `حسن ${surname}` }).waitFor();

    // Edit the family: another neighborhood.
    await page.getByRole('button', { name: 'ویرایش خانواده' }).click();
    await dialog.waitFor();
    await field(dialog, 'محله').fill('باغ فیض');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('definition').filter({ hasText: 'باغ فیض' }).waitFor();

    // Add a member whose national ID is typed in Persian digits.
    const memberId = randomNationalId();
    await page.getByRole('button', { name: 'افزودن عضو' }).click();
    await dialog.waitFor();
    await field(dialog, 'نام').fill('زهرا');
    await field(dialog, 'نام خانوادگی').fill(surname);
    await field(dialog, 'کد ملی').fill(toPersian(memberId));
    await choose(page, dialog, 'جنسیت', 'زن');
    await choose(page, dialog, 'نسبت با سرپرست', 'همسر');
    await field(dialog, 'تاریخ تولد').fill('۱۳۶۵/۰۴/۱۲');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = members.getByRole('row').filter({ hasText: `زهرا ${surname}` });
    await row.waitFor();
    // Masked but for the last four digits, until asked; then whole.
    expect(await row.textContent()).toContain(`******${toPersian(memberId.slice(-4))}`);
    expect(await row.textContent()).not.toContain(toPersian(memberId));
    await row.getByRole('button', { name: `نمایش کامل کد ملی «زهرا ${surname}»` }).click();
    expect(await row.textContent()).toContain(toPersian(memberId));
    expect(await row.textContent()).toContain('همسر');
    await page.screenshot({ path: screenshotPath('family-page.png'), animations: 'disabled', fullPage: true });
    const pageViolations = await seriousA11yViolations(page);
    expect(pageViolations, pageViolations.join('\n')).toEqual([]);

    // The history: newest first, who and what.
    await page.getByRole('tab', { name: 'تاریخچه' }).click();
    const history = page.getByRole('list', { name: 'تاریخچه' });
    await history.getByText(`عضو افزوده شد: زهرا ${surname}`).waitFor();
    await history.getByText('مشخصات خانواده ویرایش شد').waitFor();
    await history.getByText('محله: گلستان ← باغ فیض').waitFor();
    await history.getByText('خانواده ثبت شد').waitFor();
    await page.screenshot({ path: screenshotPath('family-history.png'), animations: 'disabled', fullPage: true });
    expect(await latinLeaks(page, ['English'])).toEqual([]);

    // Who looked: at least this manager, just now.
    await page.getByRole('tab', { name: 'بازدیدها' }).click();
    await page.getByRole('table', { name: 'بازدیدها' }).getByRole('row').nth(1).waitFor();

    // The new family is found by its member's national ID, typed in Persian digits.
    await page.getByRole('link', { name: 'بازگشت به فهرست خانواده‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();
    await page.getByRole('searchbox', { name: 'جستجو' }).fill(toPersian(memberId));
    await list.getByRole('link', { name: familyName }).waitFor();

    // A phone shows the list as cards.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('list', { name: 'فهرست خانواده‌ها' }).getByRole('link', { name: familyName }).waitFor();
    await page.getByRole('button', { name: 'باز و بسته کردن منو' }).waitFor();
    await page.waitForTimeout(1000); // AppShell's resize transition
    await page.screenshot({ path: screenshotPath('families-phone.png'), animations: 'disabled' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a duplicate national ID, changes the head, removes and moves members, and offers to reload on a conflict', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'خانواده‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();
    const dialog = page.getByRole('dialog');

    async function newFamily(first: string, surname: string, nationalId: string) {
      await page.getByRole('button', { name: 'خانواده جدید' }).click();
      await dialog.waitFor();
      await field(dialog, 'نام').fill(first);
      await field(dialog, 'نام خانوادگی').fill(surname);
      await field(dialog, 'کد ملی').fill(nationalId);
      await choose(page, dialog, 'جنسیت', 'مرد');
      await dialog.getByRole('button', { name: 'ذخیره' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: `خانوادهٔ ${surname}` }).waitFor();
    }
    async function addMember(first: string, surname: string, sex: string, relation: string, nationalId = '') {
      await page.getByRole('button', { name: 'افزودن عضو' }).click();
      await dialog.waitFor();
      await field(dialog, 'نام').fill(first);
      await field(dialog, 'نام خانوادگی').fill(surname);
      if (nationalId) await field(dialog, 'کد ملی').fill(nationalId);
      await choose(page, dialog, 'جنسیت', sex);
      await choose(page, dialog, 'نسبت با سرپرست', relation);
      await dialog.getByRole('button', { name: 'ذخیره' }).click();
    }
    const members = page.getByRole('table', { name: 'اعضای خانواده' });
    const memberRow = (name: string) => members.getByRole('row').filter({ hasText: name });
    async function act(name: string, action: string) {
      await memberRow(name).getByRole('button', { name: `عملیات برای «${name}»` }).click();
      await page.getByRole('menuitem', { name: action }).click();
      await dialog.waitFor();
    }

    // The family members will move to.
    const target = uniqueSurname();
    await newFamily('کاظم', target, randomNationalId());
    await page.getByRole('link', { name: 'بازگشت به فهرست خانواده‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();

    const surname = uniqueSurname();
    const headId = randomNationalId();
    await newFamily('حسن', surname, headId);
    await addMember('مریم', surname, 'زن', 'فرزند');
    await dialog.waitFor({ state: 'hidden' });
    await memberRow(`مریم ${surname}`).waitFor();
    await addMember('رضا', surname, 'مرد', 'فرزند');
    await dialog.waitFor({ state: 'hidden' });
    await memberRow(`رضا ${surname}`).waitFor();

    // The head's national ID again: the server says where it is registered, beside the field.
    await addMember('نرگس', surname, 'زن', 'فرزند', toPersian(headId));
    const nationalId = field(dialog, 'کد ملی');
    await expect.poll(() => nationalId.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText(`این کد ملی پیش‌تر برای «حسن ${surname}» در «خانوادهٔ ${surname}»`).waitFor();
    await dialog.getByRole('button', { name: 'انصراف' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Make the daughter head: the former head becomes "other".
    await act(`مریم ${surname}`, 'سرپرست کردن');
    await dialog.getByRole('button', { name: 'سرپرست کردن' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`سرپرست: مریم ${surname}`).waitFor();
    await memberRow(`حسن ${surname}`).filter({ hasText: 'سایر' }).waitFor();

    // Remove the son.
    await act(`رضا ${surname}`, 'حذف از خانواده');
    await dialog.getByRole('button', { name: 'حذف از خانواده' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => memberRow(`رضا ${surname}`).count()).toBe(0);

    // Move the former head to the other family, found by searching.
    await act(`حسن ${surname}`, 'انتقال به خانوادهٔ دیگر');
    await field(dialog, 'جستجوی خانوادهٔ مقصد').fill(target);
    await dialog.getByRole('radio', { name: `خانوادهٔ ${target}` }).check();
    await dialog.getByRole('button', { name: 'انتقال به خانوادهٔ دیگر' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => memberRow(`حسن ${surname}`).count()).toBe(0);

    // The history names every step, removed and moved members included.
    await page.getByRole('tab', { name: 'تاریخچه' }).click();
    const history = page.getByRole('list', { name: 'تاریخچه' });
    await history.getByText(`عضو منتقل شد: حسن ${surname}`).waitFor();
    await history.getByText(`عضو حذف شد: رضا ${surname}`).waitFor();
    await history.getByText(`سرپرست: حسن ${surname} ← مریم ${surname}`).waitFor();
    await page.getByRole('tab', { name: 'اعضا' }).click();

    // Someone else saves the family while the form is open: the form offers the latest version.
    await page.getByRole('button', { name: 'ویرایش خانواده' }).click();
    await dialog.waitFor();
    await page.evaluate(async () => {
      const id = window.location.pathname.split('/').pop();
      const current = (await (await fetch(`/api/v1/families/${id}`)).json()) as { version: number };
      await fetch(`/api/v1/families/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: current.version, address: 'نشانی از جای دیگر' }),
      });
    });
    await field(dialog, 'محله').fill('گلستان');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.getByRole('button', { name: 'بارگذاری آخرین نسخه' }).click();
    await expect.poll(() => field(dialog, 'نشانی').inputValue()).toBe('نشانی از جای دیگر');
    await field(dialog, 'محله').fill('گلستان');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('definition').filter({ hasText: 'نشانی از جای دیگر' }).waitFor();

    // The family page on a phone, in English.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Members' }).waitFor();
    await page.waitForTimeout(400); // AppShell's resize transition
    await page.screenshot({ path: screenshotPath('family-phone-en.png'), animations: 'disabled', fullPage: true });
    await page.getByRole('button', { name: 'فارسی' }).click();

    expect(errors).toEqual([]);
    await context.close();
  });
});
