// Smoke tests of the public pages: the home page, the API docs and the health check. Full-page screenshots go to
// e2e/screenshots/ (git-ignored) so a CI run leaves something to look at.
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const screenshot = (name: string) => fileURLToPath(new URL(`./screenshots/${name}`, import.meta.url));

/** Collects uncaught errors thrown in the page, so a page that renders but crashes in the browser still fails. */
function trackPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

test('home page names the product and links to the docs', async ({ page }) => {
  const errors = trackPageErrors(page);
  const response = await page.goto('/');
  // Screenshot first, so there is a picture to look at when an assertion below fails.
  await page.screenshot({ path: screenshot('home.png'), fullPage: true });
  expect(response?.status()).toBe(200);

  await expect(page.getByRole('heading', { level: 1 })).toContainText('User context management');
  await expect(page.getByRole('link', { name: /Rapport/ }).first()).toBeVisible();
  const docsLink = page.locator('a[href="/docs"]').first();
  await expect(docsLink).toBeVisible();

  await docsLink.click();
  await expect(page).toHaveURL(/\/docs\/?$/);
  expect(errors).toEqual([]);
});

test('docs page describes the API and the health check', async ({ page }) => {
  const errors = trackPageErrors(page);
  const response = await page.goto('/docs');
  await page.screenshot({ path: screenshot('docs.png'), fullPage: true });
  expect(response?.status()).toBe(200);

  const body = page.locator('body');
  await expect(body).toContainText('API');
  await expect(body).toContainText('/health');
  expect(errors).toEqual([]);
});

test('health endpoint reports ok', async ({ request }) => {
  const response = await request.get('/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  const body = (await response.json()) as { status?: unknown };
  expect(body.status).toBe('ok');
});

test('the server leaves response compression to the proxy in front unless HTTP_COMPRESSION is set', async ({ request }) => {
  // docs/scaling.md#response-compression: `npm start` as CI runs it, with the setting unset.
  const response = await request.get('/docs', { headers: { 'accept-encoding': 'gzip' } });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-encoding']).toBeUndefined();
  // Large enough that Next would have compressed it (its threshold is 1 KiB).
  expect((await response.body()).byteLength).toBeGreaterThan(1024);
});
