// The console end to end: first-run sign-up → sign-out/sign-in → create and rename an app → create a
// workspace-scoped key and read it from the copy-once dialog → use it with @honcho-ai/sdk → revoke it → audit log.
// Every screen is checked with e2e/support/page-checks.ts (nothing clipped, axe, light and dark screenshots at 1440
// and 1024 wide).
//
// Needs a server whose database has no account yet (a fresh RAPPORT_DATA_DIR), or E2E_CONSOLE_EMAIL and
// E2E_CONSOLE_PASSWORD of an existing account. Works with API auth on or off: with AUTH_DISABLED=true the /v3 API
// accepts any request, so the spec then checks the console's warning banner instead of the key's 401s.
import { AuthenticationError, Honcho } from '@honcho-ai/sdk';
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './support/page-checks';

const runId = Date.now().toString(36);
const account = {
  email: process.env.E2E_CONSOLE_EMAIL ?? `owner-${runId}@example.test`,
  password: process.env.E2E_CONSOLE_PASSWORD ?? `e2e-password-${runId}`,
};
const appId = `e2e-app-${runId}`;

function trackPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

async function signIn(page: Page, password = account.password) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Whether the /v3 API checks credentials: `POST /v3/keys` without a header is 401 when it does and 405 when API auth
 * is disabled (docs/api.md#s3-1), and has no side effect either way.
 */
async function apiAuthEnforced(baseURL: string): Promise<boolean> {
  const response = await fetch(new URL('/v3/keys?workspace_id=probe', baseURL), { method: 'POST' });
  if (response.status === 401) return true;
  if (response.status === 405) return false;
  throw new Error(`POST /v3/keys without credentials answered ${response.status}; expected 401 (auth on) or 405 (auth off)`);
}

test.describe.configure({ mode: 'serial' });

test('a developer signs up, creates an app and a key, uses it with the SDK and revokes it', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const errors = trackPageErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const origin = baseURL ?? 'http://127.0.0.1:8000';
  const enforced = await apiAuthEnforced(origin);
  test.info().annotations.push({ type: 'api-auth', description: enforced ? 'enforced' : 'disabled' });

  await test.step('first run: the console asks for the first account', async () => {
    await page.goto('/console');
    if (!page.url().includes('/console/sign-up')) {
      // Never skip: a server that already has an account must be given its credentials, or the run fails loudly.
      if (!process.env.E2E_CONSOLE_EMAIL) {
        throw new Error('This server already has an account: start it on a fresh RAPPORT_DATA_DIR or set E2E_CONSOLE_EMAIL/PASSWORD.');
      }
      await expect(page).toHaveURL(/\/console\/sign-in/);
      await signIn(page);
      return;
    }
    await expect(page.getByRole('heading', { name: 'Set up Rapport' })).toBeVisible();
    await checkPage(page, 'sign-up');
    await page.getByLabel('Your name').fill('Ada Owner');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByLabel('Confirm password').fill(account.password);
    await page.getByLabel('Organization').fill('Acme');
    await page.getByRole('button', { name: 'Create account' }).click();
  });

  await test.step('signed in: an empty app list', async () => {
    await expect(page).toHaveURL(/\/console$/);
    await expect(page.getByRole('heading', { name: 'Apps', level: 1 })).toBeVisible();
    const banner = page.getByRole('complementary', { name: 'Security warning' });
    if (enforced) await expect(banner).toHaveCount(0);
    else await expect(banner).toContainText('API authentication is disabled');
    await checkPage(page, 'apps-empty');
  });

  await test.step('sign out; the sign-up is gone; a wrong password is refused; sign in and return to the deep link', async () => {
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/console\/sign-in/);
    await page.goto('/console/sign-up');
    await expect(page).toHaveURL(/\/console\/sign-in/);
    await page.goto('/console/apps/anything/keys');
    await expect(page).toHaveURL(/\/console\/sign-in/);

    await signIn(page, 'not the password');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Email or password is incorrect');
    await checkPage(page, 'sign-in-error');
    await signIn(page);
    // The page asked for while signed out is where sign-in leads back to.
    await expect(page).toHaveURL(/\/console\/apps\/anything\/keys$/);
    await page.goto('/console');
  });

  await test.step('create an app, then rename it', async () => {
    await page.getByRole('main').getByRole('button', { name: 'New app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an app' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('App id').fill('not valid!');
    await dialog.getByRole('button', { name: 'Create app' }).click();
    await expect(dialog.getByText(/letters, digits, underscores or hyphens/)).toBeVisible();
    await dialog.getByLabel('App id').fill(appId);
    await dialog.getByLabel('Display name').fill('Support bot');
    await checkPage(page, 'create-app');
    await dialog.getByRole('button', { name: 'Create app' }).click();

    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}$`));
    await expect(page.getByRole('heading', { name: 'Support bot', level: 1 })).toBeVisible();
    await expect(page.getByText(`workspaceId: '${appId}'`)).toBeVisible();

    await page.getByRole('main').getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename app' });
    await rename.getByLabel('Display name').fill('Support bot (prod)');
    await rename.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Support bot (prod)', level: 1 })).toBeVisible();
    await checkPage(page, 'app-overview');
  });

  let key = '';
  await test.step('create a workspace-scoped key and copy it from the one-time dialog', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'API keys' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/keys$`));
    await expect(page.getByText('No API keys yet')).toBeVisible();
    await checkPage(page, 'keys-empty');

    await page.getByRole('main').getByRole('button', { name: 'New key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('e2e backend');
    await dialog.getByRole('radio', { name: /Whole app/ }).check();
    await dialog.getByLabel('Expires').selectOption('30');
    await checkPage(page, 'create-key');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const created = page.getByRole('dialog', { name: 'Copy your new API key' });
    await expect(created).toBeVisible();
    await expect(created).toContainText('This is the only time the key is shown');
    // Shown once: Escape must not throw the key away (only "I have stored the key" closes the dialog).
    await page.keyboard.press('Escape');
    await expect(created).toBeVisible();
    key = await created.getByLabel('API key').inputValue();
    expect(key).toMatch(/^rpk_[A-Za-z0-9_-]{32}$/);
    await created.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(created.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await checkPage(page, 'key-created');
    await created.getByRole('button', { name: 'I have stored the key' }).click();
    await expect(created).toBeHidden();

    const row = page.getByRole('row', { name: /e2e backend/ });
    await expect(row).toContainText(key.slice(0, 12));
    await expect(row).toContainText('Active');
    await expect(page.locator('body')).not.toContainText(key);
    await checkPage(page, 'keys-list');
  });

  await test.step('the key works with @honcho-ai/sdk, for its own app only', async () => {
    const honcho = new Honcho({ baseURL: origin, apiKey: key, workspaceId: appId, maxRetries: 0 });
    const peer = await honcho.peer('alice', { metadata: { plan: 'pro' } });
    expect(peer.id).toBe('alice');
    expect((await honcho.peers()).items.map((p) => p.id)).toContain('alice');

    const elsewhere = new Honcho({ baseURL: origin, apiKey: key, workspaceId: `not-${appId}`, maxRetries: 0 });
    if (enforced) await expect(elsewhere.peers()).rejects.toBeInstanceOf(AuthenticationError);
  });

  await test.step('revoke the key: the SDK gets 401 on its next call', async () => {
    await page.getByRole('button', { name: 'Revoke e2e backend' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this key?' });
    await expect(dialog).toContainText('stops working immediately');
    await checkPage(page, 'revoke-key');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row', { name: /e2e backend/ })).toContainText('Revoked');

    const honcho = new Honcho({ baseURL: origin, apiKey: key, workspaceId: appId, maxRetries: 0 });
    if (enforced) await expect(honcho.peers()).rejects.toBeInstanceOf(AuthenticationError);
    else await expect(honcho.peers()).resolves.toBeTruthy(); // API auth is off: no key is ever checked
  });

  await test.step('the audit log shows the sign-ins and the key changes', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}/audit$`));
    const log = page.getByRole('table');
    await expect(log).toContainText('API key revoked');
    await expect(log).toContainText('API key created');
    await expect(log).toContainText('Signed in');
    await expect(log).toContainText('Sign-in failed');
    await checkPage(page, 'audit-log');

    await page.getByRole('link', { name: 'This app only' }).click();
    await expect(page).toHaveURL(/filter=app/);
    await expect(log).not.toContainText('Signed in');
    await expect(log).toContainText('App created');
  });

  await test.step('switch apps from the sidebar and sign out', async () => {
    const switcher = page.getByRole('button', { name: /Switch app/ });
    await switcher.click();
    await expect(page.getByRole('link', { name: `Support bot (prod) ${appId}` })).toHaveAttribute('aria-current', 'true');
    await checkPage(page, 'app-switcher');
    await page.keyboard.press('Escape');
    await expect(switcher).toHaveAttribute('aria-expanded', 'false');
    await expect(switcher).toBeFocused();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'All apps' }).click();
    await expect(page).toHaveURL(/\/console$/);
    await expect(page.getByRole('list', { name: 'Apps' })).toContainText(appId);
    await checkPage(page, 'apps-list');
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/console\/sign-in/);
    await checkPage(page, 'sign-in');
  });

  expect(errors).toEqual([]);
});
