// Test: one helper's whole road, through the screens. The manager registers
// an applicant and starts their training; acceptance is refused while the
// pre-service hours are missing; the trainer runs a 40-hour pre-service
// course and fills the attendance sheets; the manager accepts the helper
// (their account is made) and gives them a harmed family; the helper logs in
// on a phone and finds the family on their home; the manager ends the
// assignment and the helper's next look finds the family gone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eEnv, field, login, openPage, screenshotPath, seriousA11yViolations, uniqueName, uniqueSurname, useBrowser } from './support';

const PHONE = { width: 360, height: 740 };

/** A harmed family of my center no helper holds yet (the demo keeps one). */
function waitingHarmedFamily(page: Page): Promise<{ id: string; family_name: string }> {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/families?tier=harmed&helper=unassigned', { credentials: 'same-origin' });
    const body = (await r.json()) as { items: { id: string; family_name: string }[] };
    if (!body.items[0]) throw new Error('no harmed family waits for a helper');
    return body.items[0];
  });
}

describe('a helper from application to their first family', () => {
  const env = e2eEnv();
  const trainer = { ...env, user: process.env.HAMYAR_E2E_TRAINER ?? 'trainer.sara' };
  const browser = useBrowser();

  it('trains, is accepted, gets a family and loses it when the assignment ends', async () => {
    // The manager registers the applicant and starts their training.
    const desk = await openPage(browser());
    const manager = desk.page;
    await manager.goto(env.url);
    await login(manager, env);
    await manager.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await manager.goto(`${env.url}/helpers`);
    await manager.getByRole('heading', { level: 1, name: 'همیاران' }).waitFor();
    const surname = uniqueSurname();
    const name = `سمانه ${surname}`;
    await manager.getByRole('button', { name: 'متقاضی جدید' }).click();
    let dialog = manager.getByRole('dialog');
    await field(dialog, 'نام').fill('سمانه');
    await field(dialog, 'نام خانوادگی').fill(surname);
    await dialog.getByRole('combobox', { name: 'پیشینه' }).click();
    await manager.getByRole('option', { name: 'دانش‌آموختهٔ دانشگاه', exact: true }).click();
    await dialog.getByRole('checkbox', { name: 'مشاوره', exact: true }).check();
    await dialog.getByRole('button', { name: 'ثبت متقاضی' }).click();
    await manager.getByRole('heading', { level: 1, name }).waitFor();
    const helperPage = manager.url();
    await manager.getByRole('button', { name: 'شروع آموزش' }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'شروع آموزش' }).click();
    await manager.getByRole('dialog').waitFor({ state: 'hidden' });
    const accept = manager.getByRole('button', { name: 'پذیرش' });
    expect(await accept.isDisabled()).toBe(true);
    const why = manager.locator(`#${await accept.getAttribute('aria-describedby')}`);
    expect(await why.textContent()).toContain('برای پذیرش، ۴۰ ساعت دیگر آموزش پیش از خدمت لازم است');

    // The trainer: a pre-service course of four ten-hour sessions.
    const room = await openPage(browser(), PHONE);
    const t = room.page;
    await t.goto(env.url);
    await login(t, trainer);
    await t.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await t.goto(`${env.url}/courses`);
    await t.getByRole('button', { name: 'دورهٔ تازه' }).click();
    dialog = t.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'پیش از خدمت' }).check();
    const title = `پیش از خدمت ${uniqueName('دوره')}`;
    await field(dialog, 'عنوان دوره').fill(title);
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await t.getByRole('heading', { level: 1, name: title }).waitFor();
    const topics = ['آشنایی با طرح', 'گفت‌وگو با خانواده', 'سطح‌بندی', 'ارجاع'];
    for (const topic of topics) {
      await t.getByRole('button', { name: 'افزودن جلسه' }).click();
      dialog = t.getByRole('dialog');
      await field(dialog, 'مدت جلسه (ساعت)').fill('۱۰');
      await field(dialog, 'موضوع جلسه').fill(topic);
      await dialog.getByRole('button', { name: 'ذخیره' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await t.getByRole('list', { name: 'جلسه‌های دوره' }).getByText(topic).waitFor();
    }
    await t.getByRole('tab', { name: 'فراگیران' }).click();
    await t.getByRole('combobox', { name: 'همیار' }).click();
    await t.getByRole('option', { name: new RegExp(`^${name} `) }).click();
    await t.getByRole('button', { name: 'ثبت‌نام' }).click();
    await t.getByRole('list', { name: 'فراگیران دوره' }).getByText(name).waitFor();
    await t.getByRole('tab', { name: 'حضور و غیاب' }).click();
    for (const [n, topic] of topics.entries()) {
      const picker = t.getByRole('textbox', { name: 'جلسه' }).or(t.getByRole('combobox', { name: 'جلسه' })).first();
      await picker.click();
      await t.getByRole('option', { name: new RegExp(topic) }).click();
      await t.getByRole('checkbox', { name: `حضور «${name}»` }).check();
      await t.getByRole('button', { name: 'ذخیرهٔ حضور و غیاب' }).click();
      const total = ['۱۰', '۲۰', '۳۰', '۴۰'][n]!;
      await t.getByText(`جمع در دوره: ${total} ساعت`).waitFor();
    }
    await t.screenshot({ path: screenshotPath('journey-attendance.png'), animations: 'disabled' });
    await room.context.close();

    // The manager accepts the helper, with the account they will use.
    await manager.goto(helperPage);
    await manager.getByRole('heading', { level: 1, name }).waitFor();
    expect(await manager.getByRole('button', { name: 'پذیرش' }).isDisabled()).toBe(false);
    await manager.getByRole('button', { name: 'پذیرش' }).click();
    dialog = manager.getByRole('dialog');
    const username = uniqueName('helper');
    await field(dialog, 'نام کاربری همیار').fill(username);
    await field(dialog, 'گذرواژه').fill('journey-pass-1234');
    await field(dialog, 'تکرار گذرواژه').fill('journey-pass-۱۲۳۴');
    await dialog.getByRole('button', { name: 'پذیرش' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager.getByRole('region', { name: 'سابقهٔ وضعیت' }).getByText('«در حال آموزش» ← «پذیرفته‌شده»').waitFor();

    // A harmed family waiting for a helper: the new helper takes it (no
    // reason needed for a harmed family).
    const family = await waitingHarmedFamily(manager);
    await manager.goto(`${env.url}/families/${family.id}`);
    const section = manager.getByRole('region', { name: 'همیار خانواده' });
    await section.getByRole('button', { name: 'واگذاری به همیار' }).click();
    dialog = manager.getByRole('dialog');
    await dialog.getByRole('radio', { name }).check();
    await manager.screenshot({ path: screenshotPath('journey-assign.png'), animations: 'disabled' });
    expect(await seriousA11yViolations(manager)).toEqual([]);
    await dialog.getByRole('button', { name: 'واگذاری به همیار' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByRole('link', { name }).waitFor();

    // The helper, on a phone, finds the family on their home.
    const phone = await openPage(browser(), PHONE);
    const h = phone.page;
    await h.goto(env.url);
    await login(h, { ...env, user: username }, 'journey-pass-1234');
    await h.getByRole('heading', { level: 1 }).filter({ hasText: 'سلام' }).waitFor();
    await h.goto(`${env.url}/my-families`);
    await h.getByRole('heading', { name: 'خانواده‌های من' }).first().waitFor();
    await h.getByRole('link', { name: family.family_name }).first().waitFor();
    await h.screenshot({ path: screenshotPath('journey-helper-home.png'), animations: 'disabled', fullPage: true });
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.goto(`${env.url}/families/${family.id}`);
    await h.getByRole('heading', { level: 1, name: family.family_name }).waitFor();

    // The manager ends the assignment; the helper's next look finds nothing.
    await section.getByRole('button', { name: 'پایان واگذاری' }).click();
    dialog = manager.getByRole('dialog');
    await field(dialog, 'دلیل پایان').fill('خانواده به محلهٔ دیگری رفت');
    await dialog.getByRole('button', { name: 'پایان واگذاری' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await h.goto(`${env.url}/my-families`);
    await h.getByText('هنوز خانواده‌ای به شما سپرده نشده است').waitFor();
    const status = await h.evaluate(
      async (id) => (await fetch(`/api/v1/families/${id}`, { credentials: 'same-origin' })).status,
      family.id,
    );
    expect(status).toBe(404);

    expect(desk.errors).toEqual([]);
    expect(room.errors).toEqual([]);
    await phone.context.close();
    await desk.context.close();
  });
});
