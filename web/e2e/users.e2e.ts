// Test 2: a center manager creates a helper, then fails a password change on purpose.
import { describe, expect, it } from 'vitest';
import { e2eEnv, field, login, openPage, uniqueName, useBrowser } from './support';

describe('manager work', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('creates a helper through the form and sees it in the list', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'کاربران' }).click();
    await page.getByRole('heading', { level: 1, name: 'کاربران' }).waitFor();

    const username = uniqueName('e2ehelper');
    const fullName = `همیار آزمایشی ${username.slice(-4)}`;
    await page.getByRole('button', { name: 'کاربر جدید' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await field(dialog, 'نام کاربری').fill(username);
    await field(dialog, 'نام و نام خانوادگی').fill(fullName);
    await dialog.getByRole('combobox', { name: 'نقش' }).click();
    await page.getByRole('option', { name: 'همیار خانواده' }).click();
    // Persian digits in the password are sent as ASCII.
    await field(dialog, 'گذرواژه').fill('helper-pass-۱۲۳۴');
    await field(dialog, 'تکرار گذرواژه').fill('helper-pass-1234');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: username });
    await row.waitFor();
    expect(await row.textContent()).toContain(fullName);
    expect(await row.textContent()).toContain('همیار خانواده');
    expect(await row.textContent()).toContain('فعال');

    // The same username again: the server's duplicate_username shows by the field.
    await page.getByRole('button', { name: 'کاربر جدید' }).click();
    await dialog.waitFor();
    await field(dialog, 'نام کاربری').fill(username);
    await field(dialog, 'نام و نام خانوادگی').fill(fullName);
    await dialog.getByRole('combobox', { name: 'نقش' }).click();
    await page.getByRole('option', { name: 'همیار خانواده' }).click();
    await field(dialog, 'گذرواژه').fill('helper-pass-1234');
    await field(dialog, 'تکرار گذرواژه').fill('helper-pass-1234');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.getByText('این نام کاربری قبلاً گرفته شده است').waitFor();
    expect(await field(dialog, 'نام کاربری').getAttribute('aria-invalid')).toBe('true');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a wrong current password beside its field', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'حساب کاربری' }).click();
    await page.getByRole('heading', { level: 1, name: 'حساب کاربری' }).waitFor();
    expect(await page.getByText(env.user, { exact: true }).count()).toBeGreaterThan(0);

    const current = field(page, 'گذرواژه فعلی');
    await current.fill(`not-${env.password}`);
    await field(page, 'گذرواژه جدید').fill('a-new-password-2');
    await field(page, 'تکرار گذرواژه جدید').fill('a-new-password-2');
    await page.getByRole('button', { name: 'تغییر گذرواژه' }).click();

    await page.getByText('گذرواژه فعلی درست نیست.').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');

    // Client-side checks come first: a mismatched repeat never reaches the server.
    await field(page, 'تکرار گذرواژه جدید').fill('something-else-3');
    await page.getByRole('button', { name: 'تغییر گذرواژه' }).click();
    await page.getByText('تکرار گذرواژه با گذرواژه یکسان نیست.').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
