// Test 1: language, direction, login and the home page, with screenshots and an axe check.
import { describe, expect, it } from 'vitest';
import {
  displayName,
  e2eEnv,
  htmlAttrs,
  latinLeaks,
  login,
  openPage,
  screenshotPath,
  seriousA11yViolations,
  uniqueName,
  useBrowser,
} from './support';

describe('login and home', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('is Persian and RTL, logs in, switches language and remembers it', async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto(env.url);

    await page.getByRole('heading', { name: 'ورود به همیار' }).waitFor();
    expect(await htmlAttrs(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    await page.screenshot({ path: screenshotPath('login.png'), animations: 'disabled' });
    expect(await latinLeaks(page, ['English'])).toEqual([]);

    // Wrong password: the Persian message, not a crash or English.
    await login(page, env, `${env.password}-${uniqueName('wrong')}`);
    await page.getByText('نام کاربری یا گذرواژه نادرست است.').waitFor();

    await login(page, env);
    await page.getByRole('navigation').getByRole('link', { name: 'داشبورد' }).waitFor();
    const name = await displayName(page);
    await page.getByRole('heading', { level: 1, name: `سلام، ${name}` }).waitFor();
    await page.screenshot({ path: screenshotPath('home-fa.png'), animations: 'disabled' });

    expect(await latinLeaks(page, ['English', name])).toEqual([]);
    const violations = await seriousA11yViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    // English: labels change and the page turns LTR…
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${name}` }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).waitFor();
    expect(await htmlAttrs(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await page.screenshot({ path: screenshotPath('home-en.png'), animations: 'disabled' });
    const violationsEn = await seriousA11yViolations(page);
    expect(violationsEn, violationsEn.join('\n')).toEqual([]);

    // …and stay English after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Hello, ${name}` }).waitFor();
    expect(await htmlAttrs(page)).toEqual({ lang: 'en', dir: 'ltr' });

    await page.getByRole('button', { name: 'فارسی' }).click();
    await page.getByRole('heading', { level: 1, name: `سلام، ${name}` }).waitFor();
    expect(await htmlAttrs(page)).toEqual({ lang: 'fa', dir: 'rtl' });

    // Phone size: the navbar hides behind the burger.
    await page.setViewportSize({ width: 390, height: 844 });
    const burger = page.getByRole('button', { name: 'باز و بسته کردن منو' });
    await burger.waitFor();
    await page.waitForTimeout(400); // AppShell's resize transition
    await page.screenshot({ path: screenshotPath('home-phone.png'), animations: 'disabled' });
    await burger.click();
    await page.getByRole('navigation').getByRole('link', { name: 'حساب کاربری' }).click();
    await page.getByRole('heading', { level: 1, name: 'حساب کاربری' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
