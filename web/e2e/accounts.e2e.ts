// Test 3: what a person sees when their account is disabled or their session
// is ended from elsewhere — on the demo's own data (scripts/e2e.sh starts
// `hamyar demo`).
import { describe, expect, it } from 'vitest';
import { e2eEnv, field, login, openPage, screenshotPath, useBrowser } from './support';

describe('disabled accounts and ended sessions', () => {
  const env = e2eEnv();
  const helper = { ...env, user: process.env.HAMYAR_E2E_HELPER ?? 'helper.ali' };
  const browser = useBrowser();

  it('ends a disabled helper’s open session and refuses their login, in Persian', async () => {
    // The helper is at work on their phone.
    const phone = await openPage(browser(), { width: 390, height: 844 });
    await phone.page.goto(env.url);
    await login(phone.page, helper);
    await phone.page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();

    // Their manager disables the account.
    const desk = await openPage(browser());
    await desk.page.goto(env.url);
    await login(desk.page, env);
    await desk.page.getByRole('navigation').getByRole('link', { name: 'کاربران' }).click();
    const row = desk.page.getByRole('row').filter({ hasText: helper.user });
    await row.getByRole('button', { name: 'غیرفعال کردن' }).click();
    const dialog = desk.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'غیرفعال کردن' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('غیرفعال', { exact: true }).waitFor();

    // The helper's next step lands on the login page with the reason.
    await phone.page.reload();
    await phone.page.getByRole('heading', { name: 'ورود به همیار' }).waitFor();
    await phone.page.getByText('نشست شما پایان یافته است؛ دوباره وارد شوید.').first().waitFor();
    // Logging in again says the account is disabled.
    await login(phone.page, helper);
    await phone.page.getByText('حساب کاربری شما غیرفعال است. با مدیر مرکز تماس بگیرید.').waitFor();
    await phone.page.screenshot({ path: screenshotPath('login-disabled-phone.png'), animations: 'disabled' });
    expect(await field(phone.page, 'نام کاربری').inputValue()).toBe(helper.user);

    // Enabled again, the helper is back at work.
    await row.getByRole('button', { name: 'فعال کردن' }).click();
    await row.getByText('فعال', { exact: true }).waitFor();
    await login(phone.page, helper);
    await phone.page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();

    expect(phone.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await phone.context.close();
    await desk.context.close();
  });
});
