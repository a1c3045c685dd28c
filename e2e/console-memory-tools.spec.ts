// The session page's tools, the playground's URL state, fact editing with history, scopes, layouts at 1024 wide and
// the expired sign-in, end to end against a production build. Data is written with @honcho-ai/sdk and an app key;
// the offline deriver makes the facts. Every page is checked with e2e/support/page-checks.ts (nothing clipped, axe,
// light and dark screenshots at 1440 and 1024 wide).
import { Honcho } from '@honcho-ai/sdk';
import { expect, test, type Locator } from '@playwright/test';
import { consoleAccount, enterConsole } from './support/console-account';
import { checkPage } from './support/page-checks';

const runId = Date.now().toString(36);
const appId = `e2e-tools-${runId}`;
const sessionId = `visit-${runId}`;
const statement = 'I moved to Lisbon last week and started working as a nurse';
const longText = `Here is my whole story. ${'I grew up by the sea and spent every summer on boats with my grandfather. '.repeat(30)}The end.`;

test.describe.configure({ mode: 'serial' });

/** The element's box lies wholly inside the container's (nothing clipped by it). */
async function expectInside(element: Locator, container: Locator) {
  const [inner, outer] = [await element.boundingBox(), await container.boundingBox()];
  expect(inner && outer).toBeTruthy();
  expect(inner!.x).toBeGreaterThanOrEqual(outer!.x - 0.5);
  expect(inner!.x + inner!.width).toBeLessThanOrEqual(outer!.x + outer!.width + 0.5);
}

/** The element needs no horizontal scrolling to show its content. */
async function expectNoHorizontalOverflow(element: Locator) {
  const { scroll, client } = await element.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

test('session tools, playground URL, fact history, scopes, 1024 layouts and expired sign-in', async ({ page, baseURL, context }) => {
  test.setTimeout(420_000);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const origin = baseURL ?? 'http://127.0.0.1:8000';
  const nav = page.getByRole('navigation', { name: 'Console' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.setViewportSize({ width: 1440, height: 900 });

  await test.step('sign in, create an app and a key', async () => {
    await enterConsole(page);
    await page.getByRole('main').getByRole('button', { name: 'New app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an app' });
    await dialog.getByLabel('App id').fill(appId);
    await dialog.getByRole('button', { name: 'Create app' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}$`));
  });

  let key = '';
  await test.step('create a key', async () => {
    await nav.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('main').getByRole('button', { name: 'New key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('tools key with a fairly long name');
    await dialog.getByRole('radio', { name: /Whole app/ }).check();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('dialog', { name: 'Copy your new API key' });
    key = await created.getByLabel('API key').inputValue();
    await created.getByRole('button', { name: 'I have stored the key' }).click();
    await expect(created).toBeHidden();
  });

  await test.step('write a conversation and a scope through the API', async () => {
    const honcho = new Honcho({ baseURL: origin, apiKey: key, workspaceId: appId, maxRetries: 0 });
    const alice = await honcho.peer('alice');
    const bot = await honcho.peer('concierge');
    const session = await honcho.session(sessionId);
    await session.addPeers([alice, bot]);
    await session.addMessages([bot.message('Welcome! Tell me a little about yourself.'), alice.message(statement), alice.message(longText)]);
    const created = await fetch(`${origin}/v3/workspaces/${appId}/scopes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'care', metadata: { purpose: 'e2e' } }),
    });
    expect(created.status).toBe(201);
  });

  await test.step('at 1024 wide the keys table shows Revoke whole, and the Connect snippet is not cut off', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`/console/apps/${appId}/keys`);
    const table = page.getByRole('table', { name: 'API keys of this app' });
    const revoke = page.getByRole('button', { name: /^Revoke tools key/ });
    await expect(revoke).toBeVisible();
    await expectInside(revoke, table.locator('xpath=..'));
    await expectInside(revoke, page.locator('#console-main'));
    await checkPage(page, 'keys');

    await page.goto(`/console/apps/${appId}`);
    const snippet = page.getByRole('region', { name: 'Connect' }).locator('pre');
    await expect(snippet).toContainText(`workspaceId: '${appId}'`);
    await expectNoHorizontalOverflow(snippet);
    await expectInside(snippet, page.getByRole('region', { name: 'Connect' }));
  });

  await test.step('the session page: distinct speaker colours, a clamped long message, peers table whole at 1024', async () => {
    await page.goto(`/console/apps/${appId}/sessions/${sessionId}`);
    const messages = page.getByRole('list', { name: 'Messages' });
    await expect(messages.locator(':scope > li')).toHaveCount(3);
    const colour = (speaker: string) => messages.locator(`li[data-speaker="${speaker}"]`).first().evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(await colour('alice')).not.toBe(await colour('concierge'));

    const long = messages.locator('li', { hasText: 'Here is my whole story' });
    const body = long.locator('p[data-clamped="true"]');
    await expect(body).toBeVisible();
    const clampedHeight = (await body.boundingBox())!.height;
    await long.getByRole('button', { name: /Show more/ }).click();
    await expect(long.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
    expect((await long.locator('p').first().boundingBox())!.height).toBeGreaterThan(clampedHeight * 3);

    const peers = page.getByRole('region', { name: 'Peers', exact: true });
    await expectNoHorizontalOverflow(peers.locator('table').locator('xpath=..'));
    await expectInside(peers.getByRole('table'), peers);
  });

  await test.step('the context preview shows what the context route returns for a budget and a peer', async () => {
    await page.getByLabel('Token budget').fill('100000');
    await page.getByLabel('Peer (representation and card)').selectOption('alice');
    await page.getByRole('button', { name: 'Preview' }).click();
    const result = page.getByTestId('context-result');
    await expect(result).toContainText('3 messages');
    const wire = (await (
      await fetch(`${origin}/v3/workspaces/${appId}/sessions/${sessionId}/context?tokens=100000&peer_target=alice`, { headers: { Authorization: `Bearer ${key}` } })
    ).json()) as { messages: unknown[]; peer_representation: string | null };
    expect(wire.messages).toHaveLength(3);
    if (wire.peer_representation) await expect(result).toContainText('Representation included');
    // A tight budget keeps only the latest message that fits.
    await page.getByLabel('Token budget').fill('30');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(result).not.toContainText('3 messages');
  });

  await test.step('message actions: copy the id, the facts derived from it, delete with confirmation', async () => {
    const messages = page.getByRole('list', { name: 'Messages' });
    const said = messages.locator('li', { hasText: statement });
    const id = (await said.getAttribute('id'))!.replace(/^message-/, '');
    await said.getByRole('button', { name: 'Copy id' }).click();
    await expect(said.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);

    // The worker derives a few seconds after the write; reopen until the facts are there.
    await expect(async () => {
      await page.reload();
      const item = page.getByRole('list', { name: 'Messages' }).locator('li', { hasText: statement });
      await item.getByRole('button', { name: 'Facts from this message' }).click();
      await expect(item.getByRole('list', { name: 'Facts derived from this message' })).toContainText('Lisbon', { timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    await checkPage(page, 'session-tools');

    const bye = page.getByRole('list', { name: 'Messages' }).locator('li', { hasText: 'Welcome! Tell me' });
    await bye.getByRole('button', { name: /^Delete message/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this message?' });
    await expect(dialog).toContainText('Welcome! Tell me');
    await dialog.getByRole('button', { name: 'Delete message' }).click();
    await expect(page.getByRole('list', { name: 'Messages' }).locator(':scope > li')).toHaveCount(2);
  });

  await test.step('the playground answers an unknown peer like the API, and keeps the question in the URL', async () => {
    await page.goto(`/console/apps/${appId}/playground?peer=newcomer&level=minimal&q=${encodeURIComponent('Where do I live?')}`);
    await expect(page.getByRole('textbox', { name: 'Question' })).toHaveValue('Where do I live?');
    await expect(page.getByLabel('Reasoning level')).toHaveValue('minimal');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Answer' })).toContainText('Engine:', { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Answer' }).getByRole('alert')).toHaveCount(0);
    await expect(page).toHaveURL(/peer=newcomer/);
    await expect(page).toHaveURL(/q=Where\+do\+I\+live/);
    const api = await fetch(`${origin}/v3/workspaces/${appId}/peers/stranger/chat`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'Where do I live?' }),
    });
    expect(api.status).toBe(200);

    await page.getByLabel('Asking peer').fill('alice');
    await page.getByLabel('Scope').selectOption('care');
    await page.getByRole('textbox', { name: 'Question' }).fill('What do you know about alice?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Answer' })).toContainText('Scope care about alice', { timeout: 30_000 });
    await expect(page).toHaveURL(/scope=care/);
    await page.reload();
    // Still selected once the scopes list has arrived and replaced the options.
    await page.waitForLoadState('networkidle');
    await expect(page.getByLabel('Scope')).toHaveValue('care');
    await expect(page.getByRole('textbox', { name: 'Question' })).toHaveValue('What do you know about alice?');
    await checkPage(page, 'playground-scope');
  });

  await test.step('edit a fact: a new version supersedes it, and the history shows both', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/console/apps/${appId}/facts?observed=alice`);
    const fact = page.getByRole('listitem').filter({ hasText: 'Lisbon' }).filter({ has: page.getByRole('button', { name: /^Edit fact/ }) }).first();
    await fact.getByRole('button', { name: /^Edit fact/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit fact' });
    await dialog.getByLabel('Fact').fill('alice lives in Porto');
    await dialog.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Fact updated' })).toBeVisible();
    const fresh = page.getByRole('listitem', { name: 'alice lives in Porto' });
    await fresh.getByRole('button', { name: 'History' }).click();
    const history = fresh.getByRole('list', { name: 'Fact history' });
    await expect(history.locator('li[data-event="derived"]')).toHaveCount(1);
    await expect(history.locator('li[data-event="edited"]')).toContainText('alice lives in Porto');
    await expect(history.locator('li[data-event="superseded"]')).toHaveCount(1);
    await checkPage(page, 'facts-history');
  });

  await test.step('scopes: add the session (backfill), filter facts by scope, remove it', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await nav.getByRole('link', { name: 'Scopes' }).click();
    await expect(page.getByRole('row', { name: /care/ })).toContainText('0');
    await checkPage(page, 'scopes');
    await page.getByRole('link', { name: 'care' }).click();
    await expect(page).toHaveURL(new RegExp(`/scopes/care$`));
    await page.getByRole('combobox', { name: /Add sessions/ }).fill(sessionId);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(sessionId) });
    await expect(row).toContainText(/Copying|Copied/);
    await expect(row).toContainText(/Copied \d+ fact/, { timeout: 60_000 });
    await checkPage(page, 'scope');

    await page.getByRole('link', { name: 'Facts in this scope' }).click();
    await expect(page).toHaveURL(/facts\?scope=care/);
    await page.waitForLoadState('networkidle');
    await expect(page.getByLabel('Scope')).toHaveValue('care');
    await expect(page.getByRole('main')).toContainText('scope.care');

    await page.goBack();
    await page.getByRole('button', { name: `Remove ${sessionId} from scope care` }).click();
    await page.getByRole('dialog', { name: `Remove ${sessionId} from care?` }).getByRole('button', { name: 'Remove session' }).click();
    await expect(page.getByText('No sessions in this scope yet.')).toBeVisible();
  });

  await test.step('an expired sign-in: the failed change says so in view and signing in again returns to the page', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`/console/apps/${appId}/sessions/${sessionId}?order=newest`);
    const item = page.getByRole('list', { name: 'Messages' }).getByRole('listitem').first();
    await expect(item).toBeVisible();
    await context.clearCookies();
    await item.getByRole('button', { name: /^Delete message/ }).click();
    await page.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete message' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Your sign-in has expired' });
    await expect(alert).toBeInViewport();
    await alert.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/console\/sign-in\?callbackUrl=/);
    const account = consoleAccount();
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/sessions/${sessionId}\\?order=newest$`));
    await expect(page.getByRole('list', { name: 'Messages' }).locator(':scope > li')).toHaveCount(2);
  });

  expect(errors.map((e) => e.message)).toEqual([]);
});
