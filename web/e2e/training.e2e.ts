// Test: the helpers' training on phones. The trainer starts an in-service
// course, adds a session of «۱٫۵» hours, enrolls a helper and ticks them
// present on the attendance sheet; the helper then finds the hours on their
// own home («خانواده‌های من»), in Persian digits.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eEnv, field, latinLeaks, login, openPage, screenshotPath, seriousA11yViolations, toPersian, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };

/** The logged-in helper's in-service hours, from the server. */
function inServiceHours(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/my/families', { credentials: 'same-origin' });
    const body = (await r.json()) as { helper: { in_service_hours: number } | null };
    return body.helper?.in_service_hours ?? 0;
  });
}

/** `16.5` → `۱۶٫۵`, as the screens write hours. */
const hoursFa = (n: number) => toPersian(String(n)).replace('.', '٫');

describe('helper training', () => {
  const env = e2eEnv();
  const helper = { ...env, user: process.env.HAMYAR_E2E_HELPER ?? 'helper.ali' };
  const trainer = { ...env, user: process.env.HAMYAR_E2E_TRAINER ?? 'trainer.sara' };
  const browser = useBrowser();

  it('counts a session the trainer marks toward the helper’s in-service hours', async () => {
    // The helper's home before the course.
    const own = await openPage(browser(), PHONE);
    await own.page.goto(env.url);
    await login(own.page, helper);
    await own.page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await own.page.getByRole('heading', { name: 'خانواده‌های من' }).waitFor();
    const before = await inServiceHours(own.page);
    const helperName = await own.page.evaluate(async () => {
      const r = await fetch('/api/v1/me', { credentials: 'same-origin' });
      return ((await r.json()) as { user: { display_name: string } }).user.display_name;
    });

    // The trainer, on a phone too.
    const { context, page, errors } = await openPage(browser(), PHONE);
    await page.goto(env.url);
    await login(page, trainer);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await page.goto(`${env.url}/courses`);
    await page.getByRole('heading', { level: 1, name: 'دوره‌های آموزشی' }).waitFor();

    // A new in-service course; the title typed with Arabic ي/ك.
    await page.getByRole('button', { name: 'دورهٔ تازه' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'ضمن خدمت' }).check();
    await field(dialog, 'عنوان دوره').fill('آزمون كار با خانواده‌ها');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await page.getByRole('heading', { level: 1, name: 'آزمون کار با خانواده‌ها' }).waitFor();

    // A session of one and a half hours, in Persian digits.
    await page.getByRole('button', { name: 'افزودن جلسه' }).click();
    dialog = page.getByRole('dialog');
    await field(dialog, 'مدت جلسه (ساعت)').fill('۱٫۵');
    await field(dialog, 'موضوع جلسه').fill('گفت‌وگو با خانواده');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('list', { name: 'جلسه‌های دوره' }).getByText('گفت‌وگو با خانواده').waitFor();

    // The helper joins the course.
    await page.getByRole('tab', { name: 'فراگیران' }).click();
    await page.getByRole('combobox', { name: 'همیار' }).click();
    await page.getByRole('option', { name: new RegExp(`^${helperName} `) }).click();
    await page.getByRole('button', { name: 'ثبت‌نام' }).click();
    await page.getByRole('list', { name: 'فراگیران دوره' }).getByText(helperName).waitFor();

    // The attendance sheet: present fills the session's hours.
    await page.getByRole('tab', { name: 'حضور و غیاب' }).click();
    await page.getByRole('checkbox', { name: `حضور «${helperName}»` }).check();
    expect(await page.getByRole('textbox', { name: `ساعت حضور «${helperName}»` }).inputValue()).toBe('۱٫۵');
    await page.screenshot({ path: screenshotPath('attendance-phone.png'), animations: 'disabled' });
    const violations = await seriousA11yViolations(page);
    expect(violations).toEqual([]);
    expect(await latinLeaks(page, ['English'])).toEqual([]);
    await page.getByRole('button', { name: 'ذخیرهٔ حضور و غیاب' }).click();
    await page.getByText('جمع در دوره: ۱٫۵ ساعت').waitFor();

    // The helper's home now counts the hour and a half.
    await own.page.goto(`${env.url}/my-families`);
    const bar = own.page.getByRole('progressbar', { name: 'ساعت‌های آموزش ضمن خدمت' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuetext')).toMatch(new RegExp(`^${hoursFa(before + 1.5)} از `));
    await own.page.screenshot({ path: screenshotPath('my-families-phone.png'), animations: 'disabled', fullPage: true });
    expect(await seriousA11yViolations(own.page)).toEqual([]);
    expect(await latinLeaks(own.page, ['English'])).toEqual([]);

    expect(errors).toEqual([]);
    expect(own.errors).toEqual([]);
    await context.close();
    await own.context.close();
  });
});
