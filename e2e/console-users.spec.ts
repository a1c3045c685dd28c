// The console's data pages end to end: data written with @honcho-ai/sdk and an app key shows up in the
// overview, users, peer, sessions, session and search pages; settings save; the theme toggle persists; deleting the
// user from its page removes it from the users list and from the session; the command palette jumps to pages and
// users; a page number past the end moves to the last page; unknown console addresses answer 404 with the console's
// not-found. Every page is checked with e2e/support/page-checks.ts (nothing clipped, axe, light and dark screenshots
// at 1440 and 1024 wide).
import { Honcho } from '@honcho-ai/sdk';
import { expect, test } from '@playwright/test';
import { enterConsole } from './support/console-account';
import { checkPage } from './support/page-checks';

const runId = Date.now().toString(36);
const appId = `e2e-data-${runId}`;
const sessionId = `chat-${runId}`;

test.describe.configure({ mode: 'serial' });

test('users and sessions written with the SDK are browsable, searchable and deletable in the console', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const origin = baseURL ?? 'http://127.0.0.1:8000';
  await page.setViewportSize({ width: 1280, height: 900 });

  await test.step('sign in and create an app with a key', async () => {
    await enterConsole(page);
    await page.getByRole('main').getByRole('button', { name: 'New app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an app' });
    await dialog.getByLabel('App id').fill(appId);
    await dialog.getByLabel('Display name').fill('Data pages');
    await dialog.getByRole('button', { name: 'Create app' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}$`));
  });

  let key = '';
  await test.step('create a key', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('main').getByRole('button', { name: 'New key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('e2e data');
    await dialog.getByRole('radio', { name: /Whole app/ }).check();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('dialog', { name: 'Copy your new API key' });
    key = await created.getByLabel('API key').inputValue();
    await created.getByRole('button', { name: 'I have stored the key' }).click();
    await expect(created).toBeHidden();
  });

  await test.step('write a conversation with @honcho-ai/sdk', async () => {
    const honcho = new Honcho({ baseURL: origin, apiKey: key, workspaceId: appId, maxRetries: 0 });
    const alice = await honcho.peer('alice', { metadata: { plan: 'pro' } });
    const bot = await honcho.peer('support-bot');
    const session = await honcho.session(sessionId, { metadata: { channel: 'web' } });
    await session.addPeers([alice, bot]);
    await session.addMessages([
      alice.message('I just moved to Lisbon and I am looking for a dentist.', { metadata: { locale: 'en-PT' } }),
      bot.message('Welcome to Lisbon! I can help you find one near you.'),
      alice.message('Somewhere close to Alfama would be great.'),
    ]);
  });

  await test.step('overview shows the counts and the engines', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Overview' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}$`));
    const stats = page.getByRole('main').locator('dl').first();
    await expect(stats).toContainText('Users2');
    await expect(stats).toContainText('Messages3');
    await expect(page.getByRole('region', { name: 'Engines and storage' })).toContainText('Vector search');
    await expect(page.getByRole('figure', { name: /Messages per day/ })).toContainText('3');
    await checkPage(page, 'overview');
  });

  await test.step('the users list shows the SDK peer with its counts; the filter lives in the URL', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/users$`));
    const row = page.getByRole('row', { name: /alice/ });
    await expect(row).toContainText('2');
    await checkPage(page, 'users');
    await page.getByLabel('Id contains').fill('ali');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\?q=ali$/);
    await expect(page.getByRole('row', { name: /support-bot/ })).toHaveCount(0);
    await expect(row).toBeVisible();
    await page.getByRole('link', { name: 'alice' }).click();
  });

  await test.step('the peer page shows metadata, an editable card and the sessions', async () => {
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/users/alice$`));
    await expect(page.getByRole('heading', { name: 'alice', level: 2 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Metadata', exact: true })).toContainText('"plan": "pro"');
    await page.getByRole('button', { name: 'Edit card' }).click();
    await page.getByLabel('Entry 1', { exact: true }).fill('Lives in Lisbon');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByLabel('Entry 2', { exact: true }).fill('Needs a dentist');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Card saved with 2 entries' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Peer card' })).toContainText('Needs a dentist');
    await expect(page.getByRole('region', { name: 'Sessions', exact: true })).toContainText(sessionId);
    await checkPage(page, 'peer');
    await page.getByRole('region', { name: 'Sessions', exact: true }).getByRole('link', { name: sessionId }).click();
  });

  await test.step('the session page shows the messages, speakers, metadata and observation settings', async () => {
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/sessions/${sessionId}$`));
    const messages = page.getByRole('list', { name: 'Messages' });
    await expect(messages.getByRole('listitem')).toHaveCount(3);
    await expect(messages.getByRole('listitem').first()).toContainText('I just moved to Lisbon');
    await expect(messages.getByRole('listitem').first()).toContainText('alice');
    await messages.getByRole('listitem').first().getByText('Metadata').click();
    await expect(messages.getByRole('listitem').first()).toContainText('"locale": "en-PT"');
    await expect(page.getByRole('region', { name: 'Peers', exact: true }).getByRole('row', { name: /support-bot/ })).toContainText('Off');
    await page.getByRole('link', { name: 'Newest first' }).click();
    await expect(page).toHaveURL(/\?order=newest$/);
    await expect(messages.getByRole('listitem').first()).toContainText('Alfama');
    await checkPage(page, 'session');
  });

  await test.step('sessions list with filters in the URL', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Sessions' }).click();
    await expect(page.getByRole('row', { name: new RegExp(sessionId) })).toContainText('Active');
    await page.getByRole('link', { name: 'Inactive', exact: true }).click();
    await expect(page).toHaveURL(/state=inactive/);
    await expect(page.getByText('No session matches these filters')).toBeVisible();
    await page.getByRole('link', { name: 'All', exact: true }).click();
    // The filter form carries the current state along; filling it before "All" has navigated would submit
    // state=inactive with the peer (seen on a loaded machine).
    await expect(page).not.toHaveURL(/state=/);
    await page.getByLabel('With peer (exact id)').fill('alice');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/peer=alice/);
    await expect(page.getByRole('row', { name: new RegExp(sessionId) })).toBeVisible();
    await checkPage(page, 'sessions');
  });

  await test.step('search finds the message by its words', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Search' }).click();
    await checkPage(page, 'search-empty');
    await page.getByLabel('Search for').fill('dentist Lisbon');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(/q=dentist\+Lisbon/);
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('listitem').first()).toContainText('looking for a dentist');
    await checkPage(page, 'search');

    // A hit opens its session at the message, scrolled to and highlighted: after the client-side navigation of the
    // link, and on a plain load of the same address.
    await results.getByRole('listitem').first().getByRole('link', { name: 'Open in session' }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}\\?message=[^#]+#message-`));
    const id = new URL(page.url()).searchParams.get('message');
    const marked = page.locator(`li#message-${id}`);
    await expect(marked).toHaveAttribute('data-url-target', '');
    await expect(marked).toContainText('looking for a dentist');
    await expect(marked).toBeInViewport();
    await expect(page.locator('[data-url-target]')).toHaveCount(1);
    await page.reload();
    await expect(marked).toHaveAttribute('data-url-target', '');
    await expect(marked).toBeInViewport();
  });

  await test.step('the command palette (Ctrl-K) jumps to a page of the app and to a user', async () => {
    await page.goto(`/console/apps/${appId}/search`);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Jump to a page, app, user or session' });
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('combobox', { name: 'Jump to' })).toBeFocused();
    await palette.getByRole('combobox', { name: 'Jump to' }).fill('queue');
    await expect(palette.getByRole('option').first()).toContainText('Queue');
    await checkPage(page, 'palette');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/queue$`));

    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox', { name: 'Jump to' }).fill('alic');
    const user = palette.getByRole('option').filter({ hasText: 'alice' });
    await expect(user).toBeVisible();
    // Arrow keys move the selection until the user is the active option, whatever pages matched above it.
    for (let i = 0; i < 10 && (await user.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
    await expect(user).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/users/alice$`));

    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
  });

  await test.step('a page number past the end of a list moves to its last page', async () => {
    await page.goto(`/console/apps/${appId}/users?page=99`);
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/users$`));
    await expect(page.getByRole('row', { name: /alice/ })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Users pages' })).toContainText('Page 1 of 1');
    await page.goto(`/console/apps/${appId}/sessions?page=7`);
    await expect(page).not.toHaveURL(/page=7/);
    await expect(page.getByRole('row', { name: new RegExp(sessionId) })).toBeVisible();
  });

  await test.step('unknown console addresses answer HTTP 404 with the console not-found inside the shell', async () => {
    const missing: [path: string, title: string, back: string, name: string][] = [
      ['/console/no-such-page', 'Page not found', 'Back to your apps', 'not-found'],
      [`/console/apps/no-such-app-${runId}`, 'App not found', 'Back to your apps', 'not-found-app'],
      [`/console/apps/no-such-app-${runId}/users`, 'App not found', 'Back to your apps', ''],
      [`/console/apps/${appId}/no-such-page`, 'Page not found', 'Back to the app overview', 'not-found-app-page'],
      [`/console/apps/${appId}/users/nobody-${runId}`, 'User not found', 'Back to users', 'not-found-user'],
      [`/console/apps/${appId}/sessions/nothing-${runId}`, 'Session not found', 'Back to sessions', 'not-found-session'],
    ];
    for (const [path, title, back, name] of missing) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      const notFound = page.getByTestId('console-not-found');
      await expect(notFound.getByRole('heading', { name: title })).toBeVisible();
      await expect(notFound.getByRole('link', { name: back })).toBeVisible();
      // Inside the shell: the sidebar's navigation is there to go on from.
      await expect(page.getByRole('navigation', { name: 'Console' })).toBeVisible();
      if (name) await checkPage(page, name);
    }
  });

  await test.step('settings: invalid intervals are refused, valid ones saved', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Messages per short summary').fill('30');
    await page.getByLabel('Messages per long summary').fill('25');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Must be greater than messages_per_short_summary')).toBeVisible();
    await page.getByLabel('Messages per long summary').fill('90');
    await page.getByLabel('Consolidate conclusions in the background').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Messages per long summary')).toHaveValue('90');
    await expect(page.getByLabel('Consolidate conclusions in the background')).not.toBeChecked();
    await checkPage(page, 'settings');
  });

  await test.step('the theme toggle persists across reloads and wins over the system setting', async () => {
    const toggle = page.getByRole('button', { name: /Switch theme/ });
    await expect(toggle).toHaveAccessibleName(/System theme/);
    await toggle.click();
    await toggle.click();
    await expect(toggle).toHaveAccessibleName(/Dark theme/);
    await page.reload();
    await expect(page.locator('#console-root')).toHaveClass(/console-dark/);
    await page.getByRole('button', { name: /Switch theme/ }).click();
    await expect(page.locator('#console-root')).not.toHaveClass(/console-dark/);
  });

  await test.step('delete the user from its page: it is gone from the users list and the session', async () => {
    await page.goto(`/console/apps/${appId}/users/alice`);
    // The user's own Delete, beside its Export (the app header above has a Delete of the whole app).
    const userActions = page.locator('div').filter({ has: page.getByRole('button', { name: 'Export JSON' }) }).last();
    await userActions.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete alice?' });
    await expect(dialog).toContainText('2 messages it wrote');
    await expect(dialog).toContainText('1 session membership');
    await expect(dialog).toContainText('1 peer card');
    await checkPage(page, 'delete-peer');
    await expect(dialog.getByRole('button', { name: 'Delete user' })).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill('alice');
    await dialog.getByRole('button', { name: 'Delete user' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/users$`));
    await expect(page.getByRole('status').filter({ hasText: 'Deleted alice' })).toBeVisible();
    await expect(page.getByRole('row', { name: /alice/ })).toHaveCount(0);
    await expect(page.getByRole('row', { name: /support-bot/ })).toBeVisible();

    await page.goto(`/console/apps/${appId}/sessions/${sessionId}`);
    await expect(page.getByRole('region', { name: 'Peers', exact: true })).not.toContainText('alice');
    await expect(page.getByRole('list', { name: 'Messages' }).getByRole('listitem')).toHaveCount(1);
    await page.goto(`/console/apps/${appId}/sessions?peer=alice`);
    await expect(page.getByText('No session matches these filters')).toBeVisible();
    await page.goto(`/console/apps/${appId}/users/alice`);
    await expect(page.getByText('User not found')).toBeVisible();
  });

  expect(errors).toEqual([]);
});
