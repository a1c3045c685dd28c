// The Usage and Request log pages end to end: traffic made with an app key (successes and a 404) shows up, once the
// server has flushed its tallies, on the Usage page under the key's name and in the request log, where the 4xx filter
// keeps only the failed request. Both pages are checked with e2e/support/page-checks.ts (nothing clipped, axe, light
// and dark screenshots at 1440 and 1024 wide).
import { expect, test } from '@playwright/test';
import { enterConsole } from './support/console-account';
import { checkPage } from './support/page-checks';

const runId = Date.now().toString(36);
const appId = `e2e-usage-${runId}`;

test('traffic of an app shows on its Usage page and in its request log', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const origin = baseURL ?? 'http://127.0.0.1:8000';
  await page.setViewportSize({ width: 1440, height: 900 });

  await test.step('sign in and create an app with a key', async () => {
    await enterConsole(page);
    await page.getByRole('main').getByRole('button', { name: 'New app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an app' });
    await dialog.getByLabel('App id').fill(appId);
    await dialog.getByRole('button', { name: 'Create app' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}$`));
  });

  let key = '';
  await test.step('create a key', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('main').getByRole('button', { name: 'New key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('usage e2e key');
    await dialog.getByRole('radio', { name: /Whole app/ }).check();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('dialog', { name: 'Copy your new API key' });
    key = await created.getByLabel('API key').inputValue();
    await created.getByRole('button', { name: 'I have stored the key' }).click();
    await expect(created).toBeHidden();
  });

  await test.step('make API requests with the key: peers created and listed, one unknown peer', async () => {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    for (const peer of ['alice', 'bob', 'carol']) {
      const created = await fetch(`${origin}/v3/workspaces/${appId}/peers`, { method: 'POST', headers, body: JSON.stringify({ id: peer }) });
      expect(created.ok).toBe(true);
    }
    const listed = await fetch(`${origin}/v3/workspaces/${appId}/peers/list`, { method: 'POST', headers, body: '{}' });
    expect(listed.ok).toBe(true);
    const missing = await fetch(`${origin}/v3/workspaces/${appId}/peers/nobody-here/card`, { headers });
    expect(missing.status).toBe(404);
  });

  await test.step('the Usage page counts the requests under the key', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Usage' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/usage$`));
    await expect(page.getByRole('heading', { name: 'Usage', level: 2 })).toBeVisible();
    // The server writes its tallies every USAGE_FLUSH_INTERVAL_MS (10 s by default), possibly between two of the
    // requests: reload until all five are in.
    const keyRow = page.getByRole('row').filter({ hasText: 'usage e2e key' });
    await expect(async () => {
      await page.reload();
      await expect(keyRow.getByRole('cell').nth(1)).toHaveText('5', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(keyRow.getByRole('cell').nth(2)).toHaveText('1');
    await expect(page.getByRole('figure', { name: /Requests per day/ })).toContainText('4 / 1');
    await checkPage(page, 'usage');
  });

  await test.step('the request log lists them, and the 4xx filter keeps the unknown peer', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Request log' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/requests$`));
    const rows = page.getByRole('main').getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(6); // header + 5 requests
    await expect(page.getByRole('main').getByRole('table')).toContainText('/v3/workspaces/{workspace_id}/peers/{peer_id}/card');
    await expect(page.getByRole('main').getByRole('table')).not.toContainText(key);
    await checkPage(page, 'requests');
    await page.getByRole('navigation', { name: 'Status class' }).getByRole('link', { name: '4xx' }).click();
    await expect(page).toHaveURL(/status=4xx/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('404');
    await page.getByLabel('Credential').selectOption({ label: 'usage e2e key' });
    await expect(page).toHaveURL(/key=key%3A/);
    await expect(rows).toHaveCount(2);
  });

  expect(errors).toEqual([]);
});
