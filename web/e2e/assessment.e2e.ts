// Test: leveling a family (سطح‌بندی) on a phone. The center manager opens a
// family with two school-age children, starts a baseline assessment, answers
// every question by tapping the answer cards (member questions once per
// child), watches progress reach 100% and the tier computed on the device,
// finalizes, reads the result (chart, tier), and finds the family in the
// list by its new tier.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { e2eEnv, field, latinLeaks, login, openPage, screenshotPath, seriousA11yViolations, uniqueSurname, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };
const TIER_WORDS: Record<string, string> = { stable: 'ایمن / پایدار', at_risk: 'در معرض آسیب', harmed: 'آسیب‌دیده' };

/** An ISO date `years` years (and a few days) before today. */
function yearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - 20);
  return d.toISOString().slice(0, 10);
}

/** A family of four through the API: two parents, children of 15 and 10. Returns its id. */
async function seedFamily(page: Page, surname: string): Promise<string> {
  const members = [
    { first_name: 'مریم', relation: 'spouse', sex: 'female', birth_date: yearsAgo(37) },
    { first_name: 'سینا', relation: 'child', sex: 'male', birth_date: yearsAgo(15) },
    { first_name: 'ستایش', relation: 'child', sex: 'female', birth_date: yearsAgo(10) },
  ];
  return page.evaluate(
    async ({ surname, head, members }) => {
      const post = async (url: string, body: unknown) => {
        const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
        return r.json();
      };
      const family = (await post('/api/v1/families', {
        neighborhood: 'گلستان',
        head: { ...head, last_name: surname },
      })) as { id: string };
      for (const m of members) await post(`/api/v1/families/${family.id}/members`, { ...m, last_name: surname });
      return family.id;
    },
    { surname, head: { first_name: 'حمید', relation: 'head', sex: 'male', birth_date: yearsAgo(40) }, members },
  );
}

/** Answers every question of the open domain tab: a scale's 4th card, otherwise the first; numbers typed in Persian digits. */
async function answerPanel(panel: Locator): Promise<number> {
  const groups = panel.locator('fieldset[data-question]');
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const radios = group.getByRole('radio');
    const n = await radios.count();
    if (n === 0) {
      await group.getByRole('textbox').fill('۸۰');
      continue;
    }
    // Tap the card (the label), not the small radio: that is what a thumb does.
    await group.locator('label').nth(n === 5 ? 3 : 0).click();
    expect(await radios.nth(n === 5 ? 3 : 0).isChecked()).toBe(true);
  }
  return count;
}

describe('assessment', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('levels a family on a phone: answers, device tier, finalize, result, list by tier', async () => {
    const { context, page, errors } = await openPage(browser(), PHONE);
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('button', { name: 'خروج' }).waitFor();
    const surname = uniqueSurname();
    const familyName = `خانوادهٔ ${surname}`;
    const familyId = await seedFamily(page, surname);

    // Open the family from the list (on a phone: the menu, then a card).
    await page.getByRole('button', { name: 'باز و بسته کردن منو' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'خانواده‌ها' }).click();
    await page.getByRole('heading', { level: 1, name: 'خانواده‌ها' }).waitFor();
    await page.getByRole('searchbox', { name: 'جستجو' }).fill(surname);
    const cards = page.getByRole('list', { name: 'فهرست خانواده‌ها' });
    const card = cards.getByRole('listitem').filter({ hasText: familyName });
    await card.getByText('سطح‌بندی نشده').waitFor();
    await card.getByRole('link', { name: familyName }).click();
    await page.getByRole('heading', { level: 1, name: familyName }).waitFor();

    // The assessments section: no tier yet; start a baseline assessment.
    const section = page.getByRole('region', { name: 'سطح‌بندی', exact: true });
    await section.getByText('این خانواده هنوز سطح‌بندی نشده است.').waitFor();
    await section.getByRole('button', { name: 'سطح‌بندی جدید' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const baseline = dialog.getByRole('radio', { name: 'سطح‌بندی آغازین' });
    expect(await baseline.isChecked()).toBe(true);
    await expect.poll(() => dialog.getByRole('combobox', { name: 'سطح‌بندی‌کننده' }).inputValue()).toContain('فاطمه کاظمی');
    await dialog.getByRole('button', { name: 'شروع سطح‌بندی' }).click();
    await page.getByRole('heading', { level: 1, name: `سطح‌بندی آغازین «${familyName}»` }).waitFor();
    expect(page.url()).toMatch(/\/assessments\/[0-9a-f-]{36}$/);
    const assessmentId = page.url().split('/').pop()!;

    const progressbar = page.getByRole('progressbar', { name: 'پیشرفت پاسخ‌ها' });
    expect(await progressbar.getAttribute('aria-valuenow')).toBe('0');
    const finalize = page.getByRole('button', { name: 'نهایی کردن' });
    expect(await finalize.isDisabled()).toBe(true);

    // Member questions are asked once per member of the right age: the 15-year-old about risky company, nobody else.
    await page.getByRole('tab', { name: /^اجتماعی/ }).click();
    const youth = page.locator('fieldset[data-question="social.youth_risk"]');
    await expect.poll(() => youth.count()).toBe(1);
    expect(await youth.textContent()).toContain(`سینا ${surname}`);
    expect(await page.locator('fieldset[data-question="social.schooling"]').count()).toBe(2);

    let asked = 0;
    for (const [i, domain] of ['اجتماعی', 'اقتصادی', 'فرهنگی'].entries()) {
      await page.getByRole('tab', { name: new RegExp(`^${domain}`) }).click();
      const panel = page.getByRole('tabpanel');
      await panel.locator('fieldset[data-question]').first().waitFor();
      if (i === 0) {
        // Half way through the first domain: the form on a phone, with the sticky progress bar.
        await page.screenshot({ path: screenshotPath('assessment-form-phone.png'), animations: 'disabled' });
        const violations = await seriousA11yViolations(page);
        expect(violations, violations.join('\n')).toEqual([]);
        expect(await latinLeaks(page, ['English'])).toEqual([]);
      }
      asked += await answerPanel(panel);
      // Each tab counts its own questions as answered.
      const tabText = () => page.getByRole('tab', { name: new RegExp(`^${domain}`) }).textContent();
      await expect.poll(tabText).toMatch(/([۰-۹]+) از \1$/);
    }
    expect(asked).toBeGreaterThan(30);

    // Everything answered: 100%, a tier computed on the device, saved automatically.
    await expect.poll(() => progressbar.getAttribute('aria-valuenow')).toBe('100');
    await page.getByTestId('progress-percent').filter({ hasText: '۱۰۰٪' }).waitFor();
    const sticky = page.getByText('سطح محاسبه‌شده:').first().locator('xpath=..');
    const deviceTier = (await sticky.locator('[data-tier]').getAttribute('data-tier'))!;
    expect(Object.keys(TIER_WORDS)).toContain(deviceTier);
    await page.getByRole('status').filter({ hasText: 'ذخیره شد' }).waitFor();
    expect(await finalize.isDisabled()).toBe(false);
    // The device's result under the questions, with the progress bar still on top.
    await page.getByRole('region', { name: 'نتیجه تا این لحظه' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('assessment-complete-phone.png'), animations: 'disabled' });

    // The server saved what the screen shows.
    const saved = await page.evaluate(async (id) => (await (await fetch(`/api/v1/assessments/${id}`)).json()) as { missing: unknown[]; status: string }, assessmentId);
    expect(saved.missing).toEqual([]);
    expect(saved.status).toBe('draft');

    // Finalize (confirmed in a dialog): the result view.
    await finalize.click();
    await dialog.getByText(`سطح محاسبه‌شده «${TIER_WORDS[deviceTier]}» است.`).waitFor();
    await dialog.getByRole('button', { name: 'نهایی کردن' }).click();
    await page.getByText(`سطح‌بندی «${familyName}» نهایی شد.`).waitFor();
    const scores = page.getByRole('region', { name: 'امتیاز حوزه‌ها' });
    await scores.waitFor();
    const chart = scores.getByRole('img', { name: /^نمودار امتیاز حوزه‌ها/ });
    await chart.waitFor();
    // Chart.js (its own lazily loaded chunk) has drawn on the canvas.
    await expect
      .poll(() =>
        chart.evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
          let painted = 0;
          for (let i = 3; data && i < data.length; i += 4) if (data[i]! > 0) painted++;
          return painted;
        }),
      )
      .toBeGreaterThan(500);
    const tierRegion = page.getByRole('region', { name: 'سطح', exact: true });
    expect(await tierRegion.locator('[data-tier]').first().getAttribute('data-tier')).toBe(deviceTier);
    await page.getByRole('region', { name: 'آسیب‌ها' }).waitFor();
    await page.getByRole('region', { name: 'توانمندی‌ها' }).waitFor();
    // The device and the server scored alike.
    const final = await page.evaluate(
      async (id) => (await (await fetch(`/api/v1/assessments/${id}`)).json()) as { status: string; computed_tier: string; tier: string },
      assessmentId,
    );
    expect(final).toMatchObject({ status: 'final', computed_tier: deviceTier, tier: deviceTier });
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('assessment-result-phone.png'), animations: 'disabled' });
    await page.getByRole('region', { name: 'آسیب‌ها' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('assessment-result-findings-phone.png'), animations: 'disabled' });
    const resultViolations = await seriousA11yViolations(page);
    expect(resultViolations, resultViolations.join('\n')).toEqual([]);
    expect(await latinLeaks(page, ['English'])).toEqual([]);

    // The family page: the tier, the final assessment marked current, the timeline.
    await page.getByRole('link', { name: `بازگشت به «${familyName}»` }).click();
    await page.getByRole('heading', { level: 1, name: familyName }).waitFor();
    const list = section.getByRole('list', { name: 'سطح‌بندی‌های خانواده' });
    await list.getByText('سطح فعلی خانواده').waitFor();
    await section.getByRole('region', { name: 'روند سطح خانواده' }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('family-assessments-phone.png'), animations: 'disabled' });

    // The list shows the tier and filters by it.
    await page.goto(`${env.url}/families?tier=${deviceTier}&q=${encodeURIComponent(surname)}`);
    await cards.getByRole('link', { name: familyName }).waitFor();
    await cards.getByRole('listitem').filter({ hasText: familyName }).getByText(TIER_WORDS[deviceTier]!).waitFor();
    expect(await page.getByRole('combobox', { name: 'سطح', exact: true }).inputValue()).toBe(TIER_WORDS[deviceTier]);
    await page.screenshot({ path: screenshotPath('families-tier-phone.png'), animations: 'disabled' });
    await page.getByRole('combobox', { name: 'سطح', exact: true }).click();
    await page.getByRole('option', { name: 'سطح‌بندی نشده', exact: true }).click();
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get('tier') === 'unassessed');
    await page.getByText('خانواده‌ای با این مشخصات پیدا نشد.').waitFor();
    expect(await cards.getByRole('link', { name: familyName }).count()).toBe(0);

    // The manager overrides the computed tier, with a reason: both are shown, side by side.
    await page.goto(`${env.url}/assessments/${assessmentId}`);
    await page.getByRole('button', { name: 'تغییر سطح' }).click();
    await dialog.waitFor();
    const other = deviceTier === 'at_risk' ? 'harmed' : 'at_risk';
    await dialog.getByRole('radio', { name: TIER_WORDS[other] }).check();
    await field(dialog, 'چرا سطح محاسبه‌شده با وضع این خانواده نمی‌خواند؟').fill('پدر خانواده هفتهٔ پیش کارش را از دست داد.');
    await dialog.getByRole('button', { name: 'تغییر سطح' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const override = page.getByTestId('tier-override');
    await override.getByText(TIER_WORDS[other]!).waitFor();
    await override.getByText('پدر خانواده هفتهٔ پیش کارش را از دست داد.').waitFor();
    expect(await tierRegion.locator('[data-tier]').first().getAttribute('data-tier')).toBe(deviceTier);

    // The result on a wide screen, in English: Latin digits, Solar Hijri dates.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${env.url}/assessments/${assessmentId}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Baseline assessment: “${familyName}”` }).waitFor();
    await page.getByRole('img', { name: /^Chart of domain scores/ }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('assessment-result-en.png'), animations: 'disabled', fullPage: true });
    await page.getByRole('button', { name: 'فارسی' }).click();

    expect(familyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
