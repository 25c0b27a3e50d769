// Test: a group program on a phone. The center manager creates a workshop
// with a session today, registers two members of one family from the
// invitees, takes attendance marking one present, sees it on the family's
// page («۱ از ۱») and in the program's report (reach and rate); then opens a
// demo course's certificate.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eEnv, field, login, openPage, screenshotPath, seriousA11yViolations, uniqueSurname, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };

interface Invitee {
  member_id: string;
  family_id: string;
  name: string;
}

async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, { credentials: 'same-origin' });
    return (await r.json()) as unknown;
  }, path) as Promise<T>;
}

describe('group programs', () => {
  const env = e2eEnv();
  const browser = useBrowser();

  it('registers two members, takes attendance on a phone, and shows it on the family and in the report', async () => {
    const { context, page, errors } = await openPage(browser(), PHONE);
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();

    await page.goto(`${env.url}/programs`);
    await page.getByRole('heading', { level: 1, name: 'برنامه‌های گروهی' }).waitFor();
    await page.getByRole('list', { name: 'فهرست برنامه‌ها' }).waitFor();
    await page.screenshot({ path: '/tmp/programs-list.png', fullPage: true, animations: 'disabled' });
    await page.screenshot({ path: screenshotPath('programs-phone.png'), animations: 'disabled' });

    // A new workshop for at-risk families (its own topic: nobody attended it before).
    const topic = `کارگاه ${uniqueSurname()}`;
    await page.getByRole('button', { name: 'برنامهٔ تازه' }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'موضوع').fill(topic);
    await dialog.getByRole('group', { name: 'سطح خانواده' }).getByText('در معرض آسیب').click();
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await page.getByRole('heading', { level: 1, name: topic }).waitFor();
    const programId = page.url().split('/programs/')[1]!;

    // A session today (the form starts on today), 17:00–19:00.
    await page.getByRole('button', { name: 'افزودن جلسه' }).click();
    const sdialog = page.getByRole('dialog');
    await field(sdialog, 'ساعت آغاز').fill('۱۷:۰۰');
    await field(sdialog, 'ساعت پایان').fill('۱۹');
    await sdialog.getByRole('button', { name: 'ذخیره' }).click();
    await sdialog.waitFor({ state: 'hidden' });
    await page.getByRole('list', { name: 'جلسه‌های برنامه' }).getByText('ساعت ۱۷:۰۰ تا ۱۹:۰۰').waitFor();

    // Two invitees of one family.
    await page.getByRole('tab', { name: 'دعوت‌شدگان' }).click();
    await page.getByRole('list', { name: 'فهرست دعوت‌شدگان' }).waitFor();
    const targeting = await api<{ invitees: Invitee[] }>(page, `/programs/${programId}/targeting`);
    const byFamily = new Map<string, Invitee[]>();
    for (const i of targeting.invitees) byFamily.set(i.family_id, [...(byFamily.get(i.family_id) ?? []), i]);
    const pair = [...byFamily.values()].find((l) => l.length >= 2)!;
    expect(pair, 'an at-risk family with two members').toBeTruthy();
    const [a, b] = pair as [Invitee, Invitee];
    for (const who of [a, b]) {
      await page.getByRole('button', { name: `ثبت‌نام ${who.name}`, exact: true }).click();
      await page.getByRole('button', { name: `ثبت‌نام ${who.name}`, exact: true }).waitFor({ state: 'detached' });
    }

    // Attendance on the phone: A present, B absent.
    await page.getByRole('tab', { name: 'حضور و غیاب' }).click();
    const sw = page.getByRole('switch', { name: a.name });
    await sw.waitFor();
    await sw.check({ force: true });
    expect(await page.getByRole('switch', { name: b.name }).isChecked()).toBe(false);
    await page.getByText('۱ از ۲ نفر حاضر').waitFor();
    await page.screenshot({ path: '/tmp/programs-attendance.png', fullPage: true, animations: 'disabled' });
    await page.screenshot({ path: screenshotPath('program-attendance-phone.png'), animations: 'disabled' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ذخیرهٔ حضور و غیاب' }).click();
    await page.getByText(/حضور و غیاب جلسهٔ .* ذخیره شد/).waitFor();

    // The report: one reached of two, half the seats filled.
    await page.getByRole('tab', { name: 'گزارش برنامه' }).click();
    const report = page.getByRole('region', { name: 'گزارش برنامه' });
    await report.waitFor();
    const reached = await report.locator('dl').innerText();
    expect(reached).toContain('دست‌کم یک بار حاضر\n۱');
    expect(reached).toContain('ثبت‌نام‌شده\n۲');
    expect(reached).toContain('٪۵۰');
    await page.screenshot({ path: '/tmp/programs-page.png', fullPage: true, animations: 'disabled' });

    // The family's page: A attended 1 of 1, B 0 of 1.
    await page.goto(`${env.url}/families/${a.family_id}`);
    const section = page.getByRole('region', { name: 'برنامه‌های گروهی' });
    await section.getByRole('link', { name: topic }).waitFor();
    await section.getByRole('group', { name: `${a.name}: حضور در ۱ جلسه از ۱ جلسهٔ برگزارشده` }).getByText('۱ از ۱').waitFor();
    await section.getByRole('group', { name: `${b.name}: حضور در ۰ جلسه از ۱ جلسهٔ برگزارشده` }).waitFor();
    await section.screenshot({ path: screenshotPath('family-programs-phone.png'), animations: 'disabled' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints a completed course participant’s certificate', async () => {
    const { context, page, errors } = await openPage(browser(), PHONE);
    await page.goto(env.url);
    await login(page, env);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    // A class (a course) of one session today, one member registered and present: completed.
    const found = await page.evaluate(async (topic) => {
      const post = async (path: string, body: unknown, method = 'POST') => {
        const r = await fetch(`/api/v1${path}`, { method, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
        return (await r.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
      const d = await post('/programs', { kind: 'class', domain: 'cultural', topic, target: { tiers: ['at_risk'] } });
      const id = d.program.id as string;
      const withSession = await post(`/programs/${id}/sessions`, { held_on: d.today, starts_at: '10:00', ends_at: '12:00' });
      const tg = await (await fetch(`/api/v1/programs/${id}/targeting`, { credentials: 'same-origin' })).json();
      const who = tg.invitees[0];
      const regs = await post(`/programs/${id}/registrations`, { member_ids: [who.member_id] });
      await post(`/program-sessions/${withSession.program.sessions[0].id}/attendance`, { lines: [{ registration_id: regs.items[0].id, present: true }] }, 'PUT');
      return { id, name: who.name as string };
    }, `کلاس ${uniqueSurname()}`);
    await page.goto(`${env.url}/programs/${found.id}`);
    await page.getByRole('tab', { name: 'شرکت‌کنندگان' }).click();
    await page.getByRole('button', { name: `گواهی پایان دورهٔ ${found.name}` }).click();
    const cert = page.getByRole('document', { name: 'گواهی پایان دوره' });
    await cert.getByText(found.name, { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/programs-certificate.png', animations: 'disabled' });
    await page.screenshot({ path: screenshotPath('program-certificate-phone.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
