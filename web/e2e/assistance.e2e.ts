// Test: a helper's assistance work without a connection, on a cheap phone.
// The helper logs in and the phone syncs (the family's services and plan,
// the resource directory); the connection drops; from the phone's list the
// helper opens their family, logs a service with a resource picked from the
// directory kept on the phone, adds an activity to the plan, moves it to
// another day and then completes it with the service it was — each shown at
// once and marked unsent, and today's work on the home listing from the
// phone. Back online the phone sends them; the manager, in a second
// browser, opens the same family and finds the service and the activity in
// its assistance timeline.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { e2eEnv, field, latinLeaks, login, openPage, screenshotPath, seriousA11yViolations, toPersian, uniqueSurname, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };

interface Activity {
  id: string;
  title: string;
  status: string;
  due_on: string;
  service_id: string | null;
}
interface Service {
  id: string;
  notes: string;
  minutes: number;
  resource_id: string | null;
  activity_id: string | null;
  author_id: string | null;
}
interface FamilyAssistance {
  services: Service[];
  activities: Activity[];
  referrals: { reason: string; commission_id: string | null; status: string }[];
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }, url);
}

/** A day `days` from today in Tehran, as the date fields take it: Solar Hijri, Persian digits. */
function jalaliDay(days: number): string {
  const when = new Date(Date.now() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(when);
  const part = (type: string) => parts.find((p) => p.type === type)!.value.replace(/\D/g, '');
  return toPersian(`${part('year')}/${part('month')}/${part('day')}`);
}

async function closeToasts(page: Page) {
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function expectAccessible(page: Page, what: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
  expect(await noSideScroll(page), `${what}: no sideways scrolling at 360 px`).toBe(true);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name made of words around a title, which the app may wrap in Unicode isolates (so a Latin title reads right in RTL). */
function named(before: string, title: string, after = ''): RegExp {
  return new RegExp(`^${escape(before)}[\u2066-\u2069]?${escape(title)}[\u2066-\u2069]?${escape(after)}$`);
}

/** The timeline's item holding `text` (of one type: `service`, `activity`, `referral`, when the text is in more than one). */
function timelineItem(section: Locator, text: string, type?: string): Locator {
  const items = section.getByRole('list', { name: 'روند همیاری خانواده' }).getByRole('listitem');
  return (type ? items.and(section.locator(`li[data-type="${type}"]`)) : items).filter({ hasText: text });
}

describe('assistance work offline on a phone', () => {
  const env = e2eEnv();
  const helper = { ...env, user: process.env.HAMYAR_E2E_HELPER ?? 'helper.ali' };
  const browser = useBrowser();

  it('logs a service, plans and completes an activity offline, and the manager sees them after the sync', async () => {
    // The helper logs in on a phone; the first sync fills the phone.
    const phone = await openPage(browser(), PHONE);
    const h = phone.page;
    await h.goto(env.url);
    await login(h, helper);
    await h.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await h.getByRole('button', { name: /^وضعیت همگام‌سازی: همگام$/ }).waitFor({ timeout: 60_000 });

    const mine = await getJson<{ items: { family: { id: string; family_name: string } }[] }>(h, '/api/v1/my/families');
    expect(mine.items.length).toBeGreaterThan(0);
    const { id: familyId, family_name: familyName } = mine.items[0]!.family;
    const directory = await getJson<{ items: { id: string; name: string }[] }>(h, '/api/v1/resources');
    const resource = directory.items.find((r) => r.name === 'کارگاه خیاطی نور') ?? directory.items[0]!;
    // Letters, not digits: the app keeps what is typed with Latin digits.
    const stamp = uniqueSurname();
    const serviceNote = `گفت‌وگو دربارهٔ کار مادر ${stamp}`;
    const activityTitle = `دیدار با مدیر مدرسه ${stamp}`;
    const doneNote = `مدیر مدرسه پذیرفت ${stamp}`;
    const referralReason = `نیاز به وام قرض‌الحسنه ${stamp}`;

    // The connection drops. From here on the phone works from its own data.
    await phone.context.setOffline(true);
    await h.getByRole('button', { name: /^وضعیت همگام‌سازی: بی‌اینترنت/ }).waitFor();
    await h.getByRole('link', { name: 'رفتن به خانواده‌های من' }).click();
    await h.getByRole('heading', { level: 1, name: 'خانواده‌های من' }).waitFor();
    const agenda = h.getByRole('region', { name: 'کارهای امروز' });
    await agenda.getByText('از داده‌های این گوشی، با تغییرهایی که هنوز فرستاده نشده‌اند.').waitFor();
    const card = h.getByRole('list', { name: 'خانواده‌های سپرده‌شده به شما' }).getByRole('listitem').filter({ hasText: familyName });
    await card.getByRole('link', { name: `پروندهٔ خانواده، ${familyName}` }).click();
    await h.getByRole('heading', { level: 1, name: familyName }).waitFor();
    await h.getByText(/^بی‌اینترنت: آنچه می‌بینید از داده‌های این گوشی است/).waitFor();
    const section = h.getByRole('region', { name: 'همیاری متمرکز' });
    await section.waitFor();

    // A service, with a resource picked from the directory kept on the phone.
    await section.getByRole('button', { name: 'ثبت خدمت', exact: true }).click();
    let dialog = h.getByRole('dialog');
    await field(dialog, 'نوع خدمت').selectOption({ label: 'مشاوره' });
    await field(dialog, 'حوزه').selectOption({ label: 'اقتصادی' });
    await field(dialog, 'مدت (دقیقه)').fill('۴۵');
    await field(dialog, 'منبع یا نهاد همکار').fill(resource.name.split(' ').at(-1)!);
    await h.getByRole('option', { name: new RegExp(`^${resource.name}`) }).click();
    await field(dialog, 'شرح و یادداشت').fill(serviceNote);
    await dialog.getByRole('button', { name: 'ثبت خدمت' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const service = timelineItem(section, serviceNote);
    await service.waitFor();
    await service.getByText('فرستاده‌نشده').waitFor();
    await service.getByText(resource.name, { exact: false }).first().waitFor();

    // A referral to a commission, chosen from the list kept on the phone.
    await section.getByRole('button', { name: 'ثبت‌های دیگر' }).click();
    await h.getByRole('menuitem', { name: 'ارجاع' }).click();
    dialog = h.getByRole('dialog');
    await dialog.locator('label').filter({ hasText: /^کمیسیون$/ }).click();
    await dialog.getByRole('combobox', { name: /^کمیسیون/ }).selectOption({ index: 1 });
    await field(dialog, 'دلیل ارجاع و آنچه گیرنده باید بداند').fill(referralReason);
    await dialog.getByRole('button', { name: 'فرستادن ارجاع' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await timelineItem(section, referralReason).getByText('فرستاده‌نشده').waitFor();

    // An activity for five days from now…
    await section.getByRole('button', { name: 'ثبت‌های دیگر' }).click();
    await h.getByRole('menuitem', { name: 'فعالیت تازه' }).click();
    dialog = h.getByRole('dialog');
    await field(dialog, 'عنوان فعالیت').fill(activityTitle);
    await field(dialog, 'موعد').fill(jalaliDay(5));
    await field(dialog, 'نوع').selectOption({ label: 'دیدار حضوری' });
    await field(dialog, 'حوزه').selectOption({ label: 'فرهنگی' });
    await dialog.getByRole('button', { name: 'ذخیرهٔ فعالیت' }).click();
    await dialog.waitFor({ state: 'hidden' });
    let activity = timelineItem(section, activityTitle, 'activity');
    await activity.getByText('فرستاده‌نشده').waitFor();

    // …moved to today, so it is today's work on the home…
    await closeToasts(h);
    await activity.getByRole('button', { name: named('کارهای دیگر «', activityTitle, '»') }).click();
    await h.getByRole('menuitem', { name: 'تغییر تاریخ' }).click();
    dialog = h.getByRole('dialog');
    await field(dialog, 'موعد').fill(jalaliDay(0));
    await dialog.getByRole('button', { name: 'ثبت تاریخ تازه' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await h.getByText('۴ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor();
    await expectAccessible(h, 'assistance on the family page, offline');
    expect(await latinLeaks(h, ['English'])).toEqual([]);
    await closeToasts(h);
    await section.scrollIntoViewIfNeeded();
    await h.screenshot({ path: screenshotPath('assistance-offline-phone.png'), fullPage: true, animations: 'disabled' });

    await h.getByRole('link', { name: 'بازگشت به خانواده‌های من' }).click();
    await h.getByRole('heading', { level: 1, name: 'خانواده‌های من' }).waitFor();
    const todays = agenda.getByRole('list', { name: /^امروز/ });
    const item = todays.getByRole('listitem').filter({ hasText: activityTitle });
    await item.getByText('فرستاده‌نشده').waitFor();
    await expectAccessible(h, 'today’s work on the home, offline');
    await h.screenshot({ path: screenshotPath('assistance-agenda-phone.png'), animations: 'disabled' });
    await item.getByRole('link', { name: `${activityTitle}، خانوادهٔ ${familyName}` }).click();
    await h.getByRole('heading', { level: 1, name: familyName }).waitFor();

    // …and done, with the service it was, in one step.
    activity = timelineItem(section, activityTitle, 'activity');
    await activity.getByRole('button', { name: named('انجام شد: ', activityTitle) }).click();
    dialog = h.getByRole('dialog');
    await dialog.getByRole('heading', { name: named('انجام فعالیت «', activityTitle, '»') }).waitFor();
    await field(dialog, 'مدت (دقیقه)').fill('۳۰');
    await field(dialog, 'شرح و یادداشت').fill(doneNote);
    await dialog.getByRole('button', { name: 'ثبت انجام' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await timelineItem(section, doneNote).getByText('فرستاده‌نشده').first().waitFor();
    await h.getByText('۵ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor();
    expect(await h.getByRole('button', { name: /^وضعیت همگام‌سازی/ }).textContent()).toContain('۵');

    // Back online: the phone sends them by itself.
    await phone.context.setOffline(false);
    await h.getByRole('button', { name: /^وضعیت همگام‌سازی: همگام/ }).waitFor({ timeout: 60_000 });
    await h.getByText('۵ تغییر این خانواده هنوز به سرور نرسیده است.').waitFor({ state: 'hidden' });
    await expect.poll(() => section.getByText('فرستاده‌نشده').count(), { timeout: 30_000 }).toBe(0);

    // The server has them, as the phone made them.
    const after = await getJson<FamilyAssistance>(h, `/api/v1/families/${familyId}/assistance`);
    const logged = after.services.find((s) => s.notes === serviceNote);
    expect(logged).toMatchObject({ minutes: 45, resource_id: resource.id, activity_id: null });
    const planned = after.activities.find((a) => a.title === activityTitle);
    expect(planned).toMatchObject({ status: 'done' });
    const its = after.services.find((s) => s.id === planned!.service_id);
    expect(its).toMatchObject({ notes: doneNote, minutes: 30, activity_id: planned!.id });
    expect(after.referrals.find((r) => r.reason === referralReason)).toMatchObject({ status: 'sent' });

    // The manager opens the family: the service and the activity are in its timeline.
    const desk = await openPage(browser());
    const m = desk.page;
    await m.goto(env.url);
    await login(m, env);
    await m.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await m.goto(`${env.url}/families/${familyId}`);
    await m.getByRole('heading', { level: 1, name: familyName }).waitFor();
    const deskSection = m.getByRole('region', { name: 'همیاری متمرکز' });
    await timelineItem(deskSection, serviceNote).waitFor();
    await timelineItem(deskSection, activityTitle, 'activity').waitFor();
    await timelineItem(deskSection, doneNote).waitFor();
    await timelineItem(deskSection, activityTitle, 'activity').getByText('انجام شد').first().waitFor();
    await deskSection.scrollIntoViewIfNeeded();
    await m.screenshot({ path: screenshotPath('assistance-after-sync-manager.png'), fullPage: true, animations: 'disabled' });

    expect(phone.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await desk.context.close();
    await phone.context.close();
  });
});
