/**
 * A real browser for the web app's tests: Debian's Chromium driven by playwright-core, with axe
 * for accessibility. With SCREENSHOTS=1, screenshots of the main pages go to docs/screenshots (shown
 * in the README); without it none are written, so a test run leaves the working tree as it was.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * Chromium in Norwegian bokmål, as the app's users run it: date fields show dd.mm.åååå. The
 * context's `locale` sets only what pages are told; the fields follow the browser's own language,
 * from LANG and --lang, which needs Debian's chromium-l10n (.ci/run installs it).
 */
export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=nb-NO'],
    env: { ...process.env, LANG: 'nb_NO.UTF-8', LANGUAGE: 'nb' },
  });
}

/** A page in a fresh context (its own cookies), Norwegian locale, a laptop-sized window. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** WCAG 2.1 A and AA rules; the serious and critical findings on the page as it is now. */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
