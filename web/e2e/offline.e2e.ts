// Test: a helper's day without a connection, on a cheap phone. The helper
// logs in and the phone syncs; the connection drops and the page is
// reloaded (the service worker serves the app; the password opens the
// phone's data); the helper opens their family from the phone's list, edits
// a member's mobile and fills and records an assessment, and sees both
// waiting. Meanwhile the manager edits the same member's mobile online.
// Back online, the phone syncs: the conflict is shown to the helper and to
// the manager, the server has the helper's mobile (the later write) and the
// new final assessment, and the history marks the edit as made offline.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { e2eEnv, field, latinLeaks, login, openPage, screenshotPath, seriousA11yViolations, toPersian, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

interface Member {
  id: string;
  first_name: string;
  last_name: string;
  relation: string;
  mobile: string;
}
interface FamilyDetail {
  id: string;
  family_name: string;
  members: Member[];
}
interface AssessmentList {
  items: { id: string; status: string; kind: string; assessed_on: string }[];
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }, url);
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
    await group.locator('label').nth(n === 5 ? 3 : 0).click();
  }
  return count;
}

/** Waits for the toasts to go (they cover the header in screenshots). */
async function closeToasts(page: Page) {
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
}

async function expectAccessible(page: Page, what: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
  expect(await noSideScroll(page), `${what}: no sideways scrolling at 360 px`).toBe(true);
}

describe('offline work on a phone', () => {
  const env = e2eEnv();
  const helper = { ...env, user: process.env.HAMYAR_E2E_HELPER ?? 'helper.ali' };
  const browser = useBrowser();

  it('edits and assesses offline, syncs, and keeps both values of a field edited on both sides', async () => {
    // The helper logs in on a phone; the first sync fills the phone.
    const phone = await openPage(browser(), PHONE);
    const h = phone.page;
    await h.goto(env.url);
    await login(h, helper);
    await h.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await h.getByRole('button', { name: /^وضعیت همگام‌سازی: همگام$/ }).waitFor({ timeout: 60_000 });
    // The app is cached by the service worker: it starts without a connection.
    await h.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    const mine = await getJson<{ items: { family: { id: string; family_name: string } }[] }>(h, '/api/v1/my/families');
    expect(mine.items.length).toBeGreaterThan(0);
    const familyId = mine.items[0]!.family.id;
    const before = await getJson<FamilyDetail>(h, `/api/v1/families/${familyId}`);
    const familyName = before.family_name;
    const target = before.members.find((m) => m.relation === 'head') ?? before.members[0]!;
    const targetName = `${target.first_name} ${target.last_name}`.trim();
    const finalsBefore = (await getJson<AssessmentList>(h, `/api/v1/families/${familyId}/assessments`)).items.filter((a) => a.status === 'final').length;
    const helperMobile = `0912${String(Date.now()).slice(-7)}`;
    const managerMobile = `0935${String(Date.now() + 1).slice(-7)}`;

    // The connection drops; the helper reloads the app.
    await phone.context.setOffline(true);
    await h.reload();
    await h.getByRole('heading', { level: 2, name: 'کار بی‌اینترنت' }).waitFor();
    await field(h, 'گذرواژه').fill(helper.password);
    await h.getByRole('button', { name: 'ادامه بی‌اینترنت' }).click();
    await h.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();

    // From here on only in-app navigation: a reload would ask for the password again.
    await h.getByRole('link', { name: 'رفتن به خانواده‌های من' }).click();
    await h.getByRole('heading', { level: 1, name: 'خانواده‌های من' }).waitFor();
    await h.getByText('بی‌اینترنت: این فهرست از داده‌های این گوشی است.').waitFor();
    const list = h.getByRole('list', { name: 'خانواده‌های سپرده‌شده به شما' });
    const card = list.getByRole('listitem').filter({ hasText: familyName });
    await card.getByText(/^محله: /).waitFor();
    await card.locator('[data-tier]').waitFor();
    await expectAccessible(h, 'my families, offline');
    expect(await latinLeaks(h, ['English'])).toEqual([]);
    await h.screenshot({ path: screenshotPath('offline-my-families-phone.png'), animations: 'disabled' });
    await card.getByRole('link', { name: `پروندهٔ خانواده، ${familyName}` }).click();

    // The family page, from the phone.
    await h.getByRole('heading', { level: 1, name: familyName }).waitFor();
    await h.getByText(/^بی‌اینترنت: آنچه می‌بینید از داده‌های این گوشی است/).waitFor();
    await h.getByRole('tab', { name: 'تاریخچه' }).click();
    await h.getByText('این بخش به اینترنت نیاز دارد و با وصل شدن نشان داده می‌شود.').waitFor();
    await h.getByRole('tab', { name: 'اعضا' }).click();

    // Edit the member's mobile (Persian digits typed).
    await h.getByRole('button', { name: `ویرایش «${targetName}»` }).click();
    let dialog = h.getByRole('dialog');
    await field(dialog, 'تلفن همراه').fill(toPersian(helperMobile));
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const members = h.getByRole('list', { name: 'اعضای خانواده' });
    const row = members.getByRole('listitem').filter({ hasText: targetName });
    await row.getByText(toPersian(helperMobile)).waitFor();
    await row.getByText('فرستاده‌نشده').waitFor();
    await h.getByText('۱ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor();

    // A new assessment on the phone: half of it, then a reload, and the answers are still there.
    const assessments = h.getByRole('region', { name: 'سطح‌بندی', exact: true });
    await assessments.getByRole('link', { name: 'سطح‌بندی تازه' }).click();
    await h.getByRole('heading', { level: 1, name: new RegExp(`«${familyName}»$`) }).waitFor();
    const kind = (await h.getByRole('radio', { name: 'سطح‌بندی پیگیری' }).isChecked()) ? 'follow_up' : 'baseline';
    if (finalsBefore > 0) expect(kind).toBe('follow_up');
    await h.getByRole('tab', { name: /^اجتماعی/ }).click();
    let panel = h.getByRole('tabpanel');
    await panel.locator('fieldset[data-question]').first().waitFor();
    let asked = await answerPanel(panel);
    await h.getByRole('status').filter({ hasText: 'روی گوشی ذخیره شد' }).waitFor();
    await expectAccessible(h, 'assessment on the phone');
    expect(await latinLeaks(h, ['English'])).toEqual([]);
    await closeToasts(h);
    await h.screenshot({ path: screenshotPath('offline-assessment-phone.png'), animations: 'disabled' });
    // A reload (offline: the password again) loses none of it.
    await h.reload();
    await field(h, 'گذرواژه').fill(helper.password);
    await h.getByRole('button', { name: 'ادامه بی‌اینترنت' }).click();
    // Back on the questionnaire, the first domain answered.
    await h.getByRole('heading', { level: 1, name: new RegExp(`«${familyName}»$`) }).waitFor();
    await expect.poll(() => h.getByRole('tab', { name: /^اجتماعی/ }).textContent()).toMatch(/([۰-۹]+) از \1$/);
    await h.getByRole('link', { name: `بازگشت به «${familyName}»` }).click();
    await h.getByText(/^سطح‌بندی نیمه‌تمام روی این گوشی/).waitFor();
    await h.getByText('۱ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor();
    await assessments.getByRole('link', { name: 'ادامهٔ سطح‌بندی نیمه‌تمام' }).click();
    await h.getByRole('tab', { name: /^اجتماعی/ }).click();
    await expect.poll(() => h.getByRole('tab', { name: /^اجتماعی/ }).textContent()).toMatch(/([۰-۹]+) از \1$/);
    for (const domain of ['اقتصادی', 'فرهنگی']) {
      await h.getByRole('tab', { name: new RegExp(`^${domain}`) }).click();
      panel = h.getByRole('tabpanel');
      await panel.locator('fieldset[data-question]').first().waitFor();
      asked += await answerPanel(panel);
    }
    expect(asked).toBeGreaterThan(10);
    const progressbar = h.getByRole('progressbar', { name: 'پیشرفت پاسخ‌ها' });
    await expect.poll(() => progressbar.getAttribute('aria-valuenow')).toBe('100');
    await h.getByRole('button', { name: 'ثبت نهایی' }).click();
    dialog = h.getByRole('dialog');
    await dialog.getByText(/^سطح محاسبه‌شده «.+» است/).waitFor();
    await dialog.getByRole('button', { name: 'ثبت نهایی' }).click();

    // Back on the family page: two changes wait, the assessment with the tier computed on the phone.
    await h.getByRole('heading', { level: 1, name: familyName }).waitFor();
    await h.getByText('۲ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor();
    await assessments.getByText('محاسبه روی گوشی').waitFor();
    // The header: two queued (a phone shows the count alone).
    expect(await h.getByRole('button', { name: /^وضعیت همگام‌سازی/ }).textContent()).toContain('۲');
    await expectAccessible(h, 'family page, offline');
    expect(await latinLeaks(h, ['English'])).toEqual([]);
    await closeToasts(h);
    await h.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot({ path: screenshotPath('offline-family-phone-top.png'), animations: 'disabled' });
    await h.screenshot({ path: screenshotPath('offline-family-phone.png'), fullPage: true, animations: 'disabled' });

    // Meanwhile the manager, online, changes the same member's mobile.
    const desk = await openPage(browser());
    const m = desk.page;
    await m.goto(env.url);
    await login(m, env);
    await m.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await m.goto(`${env.url}/families/${familyId}`);
    await m.getByRole('heading', { level: 1, name: familyName }).waitFor();
    await m.getByRole('button', { name: `عملیات برای «${targetName}»` }).click();
    await m.getByRole('menuitem', { name: 'ویرایش' }).click();
    const managerDialog = m.getByRole('dialog');
    await field(managerDialog, 'تلفن همراه').fill(managerMobile);
    await managerDialog.getByRole('button', { name: 'ذخیره' }).click();
    await managerDialog.waitFor({ state: 'hidden' });

    // The connection is back: the phone syncs by itself.
    await phone.context.setOffline(false);
    await h.getByRole('button', { name: /^وضعیت همگام‌سازی: همگام/ }).waitFor({ timeout: 60_000 });
    await h.getByText('۲ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor({ state: 'hidden' });

    // The helper sees the conflict: their value stands, the manager's is kept beside it.
    const conflicts = h.getByRole('region', { name: 'ناسازگاری تغییرهای بی‌اینترنت' });
    await conflicts.waitFor({ timeout: 30_000 });
    await conflicts.getByText(`مقدار ثبت‌شده: ${toPersian(helperMobile)}`).waitFor();
    await conflicts.getByText(`مقدار دیگر: ${toPersian(managerMobile)}`).waitFor();
    await conflicts.getByText(/^زمان تغییر روی گوشی: .*[۰-۹]{4}/).waitFor();
    await expectAccessible(h, 'family page with a conflict');
    await closeToasts(h);
    await h.screenshot({ path: screenshotPath('offline-conflict-phone.png'), fullPage: true, animations: 'disabled' });

    // The server has the helper's mobile (the later write) and the new final assessment.
    const after = await getJson<FamilyDetail>(m, `/api/v1/families/${familyId}`);
    expect(after.members.find((x) => x.id === target.id)?.mobile).toBe(helperMobile);
    const finals = (await getJson<AssessmentList>(m, `/api/v1/families/${familyId}/assessments`)).items.filter((a) => a.status === 'final');
    expect(finals.length).toBe(finalsBefore + 1);
    expect(finals.some((a) => a.kind === kind)).toBe(true);
    // The phone took the family's new tier from the server (it changes without a new version of the family).
    const serverTier = (await getJson<{ tier: string | null }>(m, `/api/v1/families/${familyId}`)).tier ?? 'none';
    await expect.poll(() => h.locator('[data-tier]').first().getAttribute('data-tier')).toBe(serverTier);
    await assessments.getByText('محاسبه روی گوشی').waitFor({ state: 'detached' });

    // The manager's family page shows the conflict too, and the history marks the offline edit.
    await m.reload();
    await m.getByRole('heading', { level: 1, name: familyName }).waitFor();
    const deskConflicts = m.getByRole('region', { name: 'ناسازگاری تغییرهای بی‌اینترنت' });
    await deskConflicts.getByText(`مقدار ثبت‌شده: ${toPersian(helperMobile)}`).waitFor();
    await deskConflicts.getByText(`مقدار دیگر: ${toPersian(managerMobile)}`).waitFor();
    await m.getByRole('tab', { name: 'تاریخچه' }).click();
    await m.getByText('ثبت‌شده بی‌اینترنت').first().waitFor();
    await m.getByText(/^زمان روی گوشی: /).first().waitFor();
    const deskViolations = await seriousA11yViolations(m);
    expect(deskViolations, deskViolations.join('\n')).toEqual([]);
    await m.screenshot({ path: screenshotPath('offline-conflict-manager.png'), fullPage: true, animations: 'disabled' });

    // The manager keeps the helper's value: the conflict is closed.
    await deskConflicts.getByRole('button', { name: 'نگه‌داشتن' }).click();
    await deskConflicts.waitFor({ state: 'detached' });

    expect(phone.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await desk.context.close();
    await phone.context.close();
  });
});
