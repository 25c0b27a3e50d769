// Shared setup of the browser tests: environment, Chromium, login, checks.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll } from 'vitest';

export interface E2eEnv {
  url: string;
  user: string;
  password: string;
}

/** HAMYAR_E2E_URL / _USER / _PASSWORD (a center manager) name the running server. */
export function e2eEnv(): E2eEnv {
  const url = process.env.HAMYAR_E2E_URL;
  const user = process.env.HAMYAR_E2E_USER;
  const password = process.env.HAMYAR_E2E_PASSWORD;
  const missing = [
    ['HAMYAR_E2E_URL', url],
    ['HAMYAR_E2E_USER', user],
    ['HAMYAR_E2E_PASSWORD', password],
  ]
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0) {
    throw new Error(
      `Browser tests need a running Hamyar server: set ${missing.join(', ')} ` +
        '(e.g. HAMYAR_E2E_URL=http://127.0.0.1:18080 and the username/password of a center manager).',
    );
  }
  return { url: url!.replace(/\/+$/, ''), user: user!, password: password! };
}

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = resolve(webDir, '../target/screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return resolve(screenshotDir, name);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HAMYAR_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One Chromium for the tests of the enclosing `describe`: launched before
 * them, closed after. Call in the `describe` body; the getter gives the browser
 * inside the tests.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser: the browser is only there inside the tests');
    return browser;
  };
}

/**
 * A fresh context (own cookies and localStorage) whose page records console
 * errors and uncaught exceptions. The browser's own "Failed to load resource"
 * lines for expected 4xx answers (wrong password, not logged in yet) are not
 * app errors and are left out.
 */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }) {
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** The input labelled exactly `label` (Mantine appends " *" to required fields' labels). */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

export async function login(page: Page, env: E2eEnv, password = env.password): Promise<void> {
  await field(page, 'نام کاربری').fill(env.user);
  await field(page, 'گذرواژه').fill(password);
  await page.getByRole('button', { name: 'ورود', exact: true }).click();
}

/** The logged-in user's display name, as the server reports it. */
export async function displayName(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/me', { credentials: 'same-origin' });
    const me = (await r.json()) as { user: { display_name: string } };
    return me.user.display_name;
  });
}

export async function htmlAttrs(page: Page): Promise<{ lang: string | null; dir: string | null }> {
  return page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), dir: document.documentElement.getAttribute('dir') }));
}

/** Serious and critical axe violations, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A username no earlier run has taken. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/**
 * Latin text on a Persian screen: visible text plus aria-label, title and
 * placeholder attributes (of elements not aria-hidden). `allowed` strings
 * (the "English" switch, the user's own username) are removed first.
 */
export async function latinLeaks(page: Page, allowed: string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('[aria-label],[title],[placeholder]'))) {
      // Hidden from everyone (e.g. Mantine's off-screen textarea that measures autosize).
      if (el.closest('[aria-hidden="true"]')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
  return texts
    .flatMap((t) => t.split('\n'))
    .map((line) => allowed.reduce((l, a) => l.split(a).join(''), line))
    .filter((line) => /[A-Za-z]/.test(line));
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
export const toPersian = (s: string) => s.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!);

/** A well-formed national ID no earlier run has used (the check digit is computed). */
export function randomNationalId(): string {
  for (;;) {
    const d = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
    if (d.every((x) => x === d[0])) continue;
    const r = d.reduce((s, x, i) => s + x * (10 - i), 0) % 11;
    return `${d.join('')}${r < 2 ? r : 11 - r}`;
  }
}

/** A Persian surname no earlier run has used: the clock's digits spelled as letters. */
export function uniqueSurname(): string {
  const letters = 'بپتثجچحخدذ';
  const stamp = `${Date.now()}${Math.floor(Math.random() * 100)}`.slice(-8);
  return `آزمون${Array.from(stamp, (c) => letters[Number(c)]).join('')}`;
}
