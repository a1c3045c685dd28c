// Per-page checks of the console specs: axe (serious and critical violations fail) and full-page screenshots in the
// light and the dark theme (the console follows prefers-color-scheme until the user picks a theme).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export const screenshotPath = (name: string) => fileURLToPath(new URL(`../screenshots/console-${name}.png`, import.meta.url));

/** Axe on the page content (`#console-main`): the pages of this room; the shell around it is checked by its own specs. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('#console-main').analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(blocking, blocking.join('\n')).toEqual([]);
}

/** Screenshot and axe in the light theme, then the dark one, then back to light. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('#console-root')).not.toHaveClass(/console-dark/);
  await page.screenshot({ path: screenshotPath(`${name}-light`), fullPage: true });
  await expectAccessible(page, `${name} (light)`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('#console-root')).toHaveClass(/console-dark/);
  await page.screenshot({ path: screenshotPath(`${name}-dark`), fullPage: true });
  await expectAccessible(page, `${name} (dark)`);
  await page.emulateMedia({ colorScheme: 'light' });
}
