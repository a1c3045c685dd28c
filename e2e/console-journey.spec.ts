// The full console journey: sign in → create an app → create a key → write a conversation with
// @honcho-ai/sdk using that key → the peer, session and messages appear → the offline deriver's facts appear, linked
// to the messages they came from → the playground answers with evidence → the queue shows the finished work and
// schedules a dream → webhooks refuse a private URL, register one and log a test event → revoking the key makes the
// SDK fail with 401. Every page of this spec is checked with e2e/support/page-checks.ts (nothing clipped, axe, light
// and dark screenshots at 1440 and 1024 wide). Deleting a user is covered by console-users.spec.ts.
import { AuthenticationError, Honcho } from '@honcho-ai/sdk';
import { expect, test } from '@playwright/test';
import { enterConsole } from './support/console-account';
import { checkPage } from './support/page-checks';

const runId = Date.now().toString(36);
const appId = `e2e-journey-${runId}`;
const sessionId = `onboarding-${runId}`;
const statement = 'I moved to Lisbon last week and started working as a nurse';

test.describe.configure({ mode: 'serial' });

test('a conversation written with the SDK becomes facts with provenance, answers, queue work and webhooks', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const origin = baseURL ?? 'http://127.0.0.1:8000';
  const nav = page.getByRole('navigation', { name: 'Console' });
  await page.setViewportSize({ width: 1280, height: 900 });

  await test.step('sign in and create an app', async () => {
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
    await dialog.getByLabel('Name').fill('journey');
    await dialog.getByRole('radio', { name: /Whole app/ }).check();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('dialog', { name: 'Copy your new API key' });
    key = await created.getByLabel('API key').inputValue();
    await created.getByRole('button', { name: 'I have stored the key' }).click();
    await expect(created).toBeHidden();
  });

  await test.step('upload a file from the browser, whose multipart boundary is mixed-case', async () => {
    const url = `${origin}/v3/workspaces/${appId}/sessions/uploads-${runId}/messages/upload`;
    const result = await page.evaluate(
      async ({ url, key }) => {
        const form = new FormData();
        form.append('file', new File(['Uploaded from Chromium.'], 'note.txt', { type: 'text/plain' }));
        form.append('peer_id', 'uploader');
        const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: form });
        return { status: response.status, body: (await response.json()) as { content: string }[] };
      },
      { url, key },
    );
    expect(result.status).toBe(201);
    expect(result.body.map((message) => message.content)).toEqual(['Uploaded from Chromium.']);
  });

  await test.step('write a conversation with @honcho-ai/sdk and the key', async () => {
    const honcho = new Honcho({ baseURL: origin, apiKey: key, workspaceId: appId, maxRetries: 0 });
    const alice = await honcho.peer('alice');
    const bot = await honcho.peer('concierge');
    const session = await honcho.session(sessionId);
    await session.addPeers([alice, bot]);
    await session.addMessages([bot.message('Welcome! Tell me a little about yourself.'), alice.message(statement)]);
  });

  await test.step('the peer, the session and its messages appear', async () => {
    await nav.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('row', { name: /alice/ })).toBeVisible();
    await nav.getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: sessionId }).click();
    await expect(page.getByRole('list', { name: 'Messages' }).getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('list', { name: 'Messages' })).toContainText(statement);
  });

  await test.step('derived facts appear on the peer page, linked to their source message', async () => {
    await page.goto(`/console/apps/${appId}/users/alice`);
    const facts = page.getByRole('region', { name: 'Facts', exact: true });
    // The worker derives a few seconds after the write (debounce); the panel polls while it is empty.
    await expect(facts.getByRole('list', { name: 'Explicit facts' })).toContainText('Lisbon', { timeout: 45_000 });
    await expect(facts).toContainText('nurse');
    const fact = facts.getByRole('listitem').filter({ hasText: 'Lisbon' }).first();
    await fact.getByRole('button', { name: /Sources/ }).click();
    const sources = fact.getByRole('list', { name: 'Source messages' });
    await expect(sources).toContainText(statement);
    await expect(page.getByRole('region', { name: 'Representation' })).toContainText('## Explicit Observations');
    await checkPage(page, 'peer-facts');

    // The provenance link lands on the message, highlighted, after the client-side navigation and on a plain load.
    await sources.getByRole('link', { name: `Open in ${sessionId}` }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}\\?message=[^#]+#message-`));
    const anchored = page.locator(`li${new URL(page.url()).hash}`);
    await expect(anchored).toContainText(statement);
    await expect(anchored).toBeInViewport();
    await expect(anchored).toHaveAttribute('data-url-target', '');
    await expect(page.locator('[data-url-target]')).toHaveCount(1);
    await page.reload();
    await expect(anchored).toHaveAttribute('data-url-target', '');
    await expect(anchored).toBeInViewport();
    await checkPage(page, 'session-provenance');
  });

  await test.step('the facts page lists every conclusion, filterable in the URL', async () => {
    await nav.getByRole('link', { name: 'Facts' }).click();
    await expect(page.getByRole('list', { name: 'Explicit facts' })).toContainText('Lisbon');
    await page.getByLabel('About (observed id)').fill('concierge');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/observed=concierge/);
    await expect(page.getByText('No fact matches these filters')).toBeVisible();
    await page.goto(`/console/apps/${appId}/facts?observed=alice&level=explicit`);
    await expect(page.getByRole('navigation', { name: 'Fact level' }).getByRole('link', { name: /Explicit/ })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('list', { name: 'Explicit facts' })).toContainText('nurse');
    await checkPage(page, 'facts');
  });

  await test.step('a conclusion found by search opens at its place in the facts list, highlighted', async () => {
    await page.goto(`/console/apps/${appId}/search?q=Lisbon&kind=conclusions`);
    const hit = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: 'Lisbon' }).first();
    await hit.getByRole('link', { name: 'Open in facts' }).click();
    await expect(page).toHaveURL(/\/facts\?.*fact=[^&#]+.*#fact-/);
    const id = new URL(page.url()).searchParams.get('fact');
    const marked = page.locator(`li#fact-${id}`);
    await expect(marked).toHaveAttribute('data-url-target', '');
    await expect(marked).toContainText('Lisbon');
    await expect(marked).toBeInViewport();
    await page.reload();
    await expect(marked).toHaveAttribute('data-url-target', '');
    await checkPage(page, 'facts-target');
  });

  await test.step('the playground streams an answer with its evidence and names the engine', async () => {
    await nav.getByRole('link', { name: 'Playground' }).click();
    await checkPage(page, 'playground-empty');
    await page.getByLabel('Asking peer').fill('alice');
    await page.getByRole('textbox', { name: 'Question' }).fill('What do you know about alice?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect(page.getByTestId('playground-answer')).toContainText('Lisbon', { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Answer' })).toContainText('Engine: local');
    await expect(page.getByRole('list', { name: 'Evidence facts' })).toContainText('Lisbon');
    await expect(page).toHaveURL(/playground\?peer=alice/);
    await checkPage(page, 'playground');
  });

  await test.step('the queue shows the finished derivation and schedules a dream', async () => {
    await nav.getByRole('link', { name: 'Queue' }).click();
    await page.getByRole('navigation', { name: 'Work status' }).getByRole('link', { name: 'Completed' }).click();
    await expect(page).toHaveURL(/status=completed/);
    await expect(page.getByRole('list', { name: 'Work items' }).getByRole('listitem').filter({ hasText: 'derivation' }).first()).toContainText(sessionId);
    await page.getByLabel('Observer').fill('alice');
    await page.getByRole('button', { name: 'Schedule dream' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Dream scheduled|Nothing new queued/ })).toBeVisible();
    await checkPage(page, 'queue');
  });

  await test.step('webhooks: a private address is refused, an endpoint is added and a test event is logged', async () => {
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText(/private, loopback/)).toBeVisible();
    await page.getByLabel('Endpoint URL').fill('https://example.com/hooks/rapport');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByRole('list', { name: 'Webhook endpoints' })).toContainText('https://example.com/hooks/rapport');
    await page.getByRole('button', { name: 'Send test event' }).click();
    const log = page.getByRole('region', { name: 'Delivery log' });
    await expect(log.getByRole('row', { name: /test\.event/ })).toBeVisible();
    if (await page.getByRole('note', { name: 'Deliveries disabled' }).isVisible()) {
      await expect(log.getByRole('row', { name: /test\.event/ })).toContainText('disabled');
    }
    await checkPage(page, 'webhooks');
  });

  await test.step('revoke the key: the SDK gets 401', async () => {
    await nav.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Revoke journey' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this key?' });
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(page.getByRole('row', { name: /journey/ })).toContainText('Revoked');
    const honcho = new Honcho({ baseURL: origin, apiKey: key, workspaceId: appId, maxRetries: 0 });
    await expect(honcho.peers()).rejects.toBeInstanceOf(AuthenticationError);
  });

  expect(errors).toEqual([]);
});
