// Test: a center manager's helpers, on a phone. The manager registers an
// applicant (Arabic letters, Persian digits), starts their training and
// reads why they cannot be accepted yet; then gives a new family to a
// suggested helper (a reason, since the family is not harmed), finds it
// under the helper filter of the families list, and ends the assignment.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eEnv, field, latinLeaks, login, openPage, randomNationalId, screenshotPath, seriousA11yViolations, uniqueSurname, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** A family of my center made through the API (its head only): the demo's families stay as they are. */
function newFamily(page: Page, surname: string): Promise<{ id: string; family_name: string }> {
  return page.evaluate(
    async ([surname, nationalId]) => {
      const r = await fetch('/api/v1/families', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ neighborhood: 'گلستان', head: { first_name: 'حسین', last_name: surname, sex: 'male', national_id: nationalId } }),
      });
      if (!r.ok) throw new Error(`family: ${r.status} ${await r.text()}`);
      return (await r.json()) as { id: string; family_name: string };
    },
    [surname, randomNationalId()] as const,
  );
}

describe('helpers and caseloads', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('registers an applicant, starts their training and says what acceptance still needs', async () => {
    const { context, page, errors } = await openPage(browser(), PHONE);
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await page.getByRole('button', { name: 'باز و بسته کردن منو' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'همیاران' }).click();
    await page.getByRole('heading', { level: 1, name: 'همیاران' }).waitFor();
    await page.getByRole('list', { name: 'فهرست همیاران' }).waitFor();
    expect(await noSideScroll(page)).toBe(true);
    expect(await latinLeaks(page, ['English'])).toEqual([]);
    const listViolations = await seriousA11yViolations(page);
    expect(listViolations, listViolations.join('\n')).toEqual([]);
    await page.screenshot({ path: screenshotPath('helpers-phone.png'), fullPage: true, animations: 'disabled' });

    const surname = uniqueSurname();
    await page.getByRole('button', { name: 'متقاضی جدید' }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'نام').fill('علي');
    await field(dialog, 'نام خانوادگی').fill(surname);
    await field(dialog, 'تلفن همراه').fill('۰۹۱۲۱۱۱۲۲۳۳');
    await dialog.getByRole('combobox', { name: 'پیشینه' }).click();
    await page.getByRole('option', { name: 'دانش‌آموختهٔ حوزه', exact: true }).click();
    await dialog.getByRole('checkbox', { name: 'راهنمایی دینی' }).check();
    await dialog.getByRole('button', { name: 'ثبت متقاضی' }).click();

    // Arabic yeh typed, Persian stored.
    const name = `علی ${surname}`;
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('۰۹۱۲۱۱۱۲۲۳۳').waitFor();
    expect(page.url()).toMatch(/\/helpers\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: 'شروع آموزش' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'شروع آموزش' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    // Acceptance is not offered before the pre-service hours, and the page says why.
    const accept = page.getByRole('button', { name: 'پذیرش' });
    expect(await accept.isDisabled()).toBe(true);
    const why = page.locator(`#${await accept.getAttribute('aria-describedby')}`);
    expect(await why.textContent()).toMatch(/^برای پذیرش، [۰-۹٫]+ ساعت دیگر آموزش پیش از خدمت لازم است/);
    await page.getByRole('region', { name: 'سابقهٔ وضعیت' }).getByText('«متقاضی» ← «در حال آموزش»').waitFor();
    expect(await noSideScroll(page)).toBe(true);
    const violations = await seriousA11yViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    await page.screenshot({ path: screenshotPath('helper-phone.png'), fullPage: true, animations: 'disabled' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a family to a suggested helper, filters the list by helper and ends the assignment', async () => {
    const { context, page, errors } = await openPage(browser(), PHONE);
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    const family = await newFamily(page, uniqueSurname());

    await page.goto(`${env.url}/families/${family.id}`);
    const section = page.getByRole('region', { name: 'همیار خانواده' });
    await section.getByText('هنوز همیاری برای این خانواده تعیین نشده است.').waitFor();
    await section.getByRole('button', { name: 'واگذاری به همیار' }).click();
    const dialog = page.getByRole('dialog');
    // The first helper who has room: the best suggestion.
    const radio = dialog.getByRole('radio', { disabled: false }).first();
    await radio.waitFor();
    const helperName = await radio.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '');
    expect(helperName).not.toBe('');
    expect(await noSideScroll(page)).toBe(true);
    const dialogViolations = await seriousA11yViolations(page);
    expect(dialogViolations, dialogViolations.join('\n')).toEqual([]);
    await page.screenshot({ path: screenshotPath('assign-phone.png'), animations: 'disabled' });
    await radio.check();
    // A new family has no tier: the reason is asked, and refused when empty.
    await dialog.getByRole('button', { name: 'واگذاری به همیار' }).click();
    await dialog.getByText('این خانواده در سطح آسیب‌دیده نیست؛ دلیل واگذاری را بنویسید.').waitFor();
    await field(dialog, 'دلیل واگذاری').fill('معرفی مسجد محله');
    await dialog.getByRole('button', { name: 'واگذاری به همیار' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByRole('link', { name: helperName }).waitFor();

    // The families list, filtered by that helper, has the family.
    const helperId = (await section.getByRole('link', { name: helperName }).getAttribute('href'))!.split('/').pop()!;
    await page.goto(`${env.url}/families?helper=${helperId}`);
    await page.getByRole('list', { name: 'فهرست خانواده‌ها' }).getByRole('link', { name: family.family_name }).waitFor();
    expect(await page.getByRole('combobox', { name: 'همیار' }).inputValue()).toBe(helperName);

    // Ending it: the helper loses the family at once.
    await page.goto(`${env.url}/families/${family.id}`);
    await section.getByRole('button', { name: 'پایان واگذاری' }).click();
    await dialog.getByText(`با پایان واگذاری، «${helperName}» از همین لحظه به پروندهٔ «${family.family_name}» دسترسی ندارد.`).waitFor();
    await field(dialog, 'دلیل پایان').fill('پایان آزمون');
    await dialog.getByRole('button', { name: 'پایان واگذاری' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByText('هنوز همیاری برای این خانواده تعیین نشده است.').waitFor();
    await section.getByRole('list', { name: 'همیاران پیشین' }).getByText(/دلیل: پایان آزمون/).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
