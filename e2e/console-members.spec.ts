// Organization members end to end: the owner invites someone from an app's Members page and copies the link shown
// once; the invitee opens it signed out, creates their account through it and lands in the console as a member
// (no Invite button, the app listed); the member changes their password and stays signed in; the owner removes
// them. Every console page of the run must load without a Content-Security-Policy violation (scripts need the
// per-request nonce) and without page errors, and every page is checked with e2e/support/page-checks.ts (nothing
// clipped, axe, light and dark screenshots at 1440 and 1024 wide).
import { expect, test, type Page } from '@playwright/test';
import { enterConsole } from './support/console-account';
import { checkPage } from './support/page-checks';

const runId = Date.now().toString(36);
const appId = `e2e-team-${runId}`;
const invitee = { email: `member-${runId}@example.test`, password: `member-pass-${runId}`, newPassword: `member-new-${runId}` };

/** Page errors and CSP violations (Chromium reports a refused script on the console). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return problems;
}

test.describe.configure({ mode: 'serial' });

test('an owner invites a member through a link; the member joins, changes their password and is removed', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const ownerProblems = watch(page);

  let link = '';
  await test.step('the owner creates an app and an invitation link', async () => {
    const response = await page.goto('/console');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await enterConsole(page);
    // Next's own scripts carry the nonce (the browser hides its value from the attribute, not from the property).
    expect(await page.locator('script[nonce]').count()).toBeGreaterThan(0);
    await page.getByRole('main').getByRole('button', { name: 'New app' }).click();
    const create = page.getByRole('dialog', { name: 'Create an app' });
    await create.getByLabel('App id').fill(appId);
    await create.getByRole('button', { name: 'Create app' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/apps/${appId}$`));
    await page.getByRole('link', { name: 'Members' }).click();
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
    await checkPage(page, 'members');
    await page.getByRole('button', { name: 'Invite' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Email').fill(invitee.email);
    await dialog.getByRole('button', { name: 'Create invitation link' }).click();
    link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(/\/console\/invite\/[A-Za-z0-9_-]{43}$/);
    await checkPage(page, 'invitation-link');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('Open invitations')).toBeVisible();
    await checkPage(page, 'members-invited');
  });

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberProblems = watch(member);
  try {
    await test.step('the invitee creates their account through the link and joins as a member', async () => {
      await member.goto(link);
      await expect(member.getByRole('heading', { name: /^Join / })).toBeVisible();
      await checkPage(member, 'invite');
      await member.getByLabel('Name').fill('Mia Member');
      await member.getByLabel('Password').fill(invitee.password);
      await member.getByRole('button', { name: 'Create account and join' }).click();
      await expect(member).toHaveURL(/\/console$/);
      await member.goto(`/console/apps/${appId}/members`);
      await expect(member.getByRole('cell', { name: /Mia Member/ })).toBeVisible();
      await expect(member.getByRole('button', { name: 'Invite' })).toHaveCount(0);
      // The link is spent.
      await member.goto(link);
      await expect(member.getByText('This invitation has already been used.')).toBeVisible();
      await checkPage(member, 'invite-used');
    });

    await test.step('the member changes their password and stays signed in', async () => {
      await member.goto(`/console/apps/${appId}/members`);
      await member.getByRole('button', { name: 'Account menu' }).click();
      await member.getByRole('button', { name: 'Change password' }).click();
      const dialog = member.getByRole('dialog', { name: 'Change password' });
      // The menu closed behind the dialog instead of staying open under it.
      // (A CSS locator: the modal makes the page behind it inert, out of reach of role queries.)
      await expect(member.locator('button[aria-expanded]', { hasText: 'Account menu' })).toHaveAttribute('aria-expanded', 'false');
      await dialog.getByLabel('Current password').fill(invitee.password);
      await dialog.getByLabel('New password', { exact: true }).fill(invitee.newPassword);
      await dialog.getByLabel('Repeat the new password').fill(invitee.newPassword);
      await checkPage(member, 'change-password');
      await dialog.getByRole('button', { name: 'Change password' }).click();
      await expect(member.getByText('Password changed; other sessions were signed out')).toBeVisible();
      await member.reload();
      await expect(member.getByRole('heading', { name: 'Members' })).toBeVisible();
    });

    await test.step('the owner removes the member, who loses the app', async () => {
      await page.reload();
      await page.getByRole('button', { name: `Remove ${invitee.email}` }).click();
      await page.getByRole('dialog', { name: 'Remove this member?' }).getByRole('button', { name: 'Remove' }).click();
      await expect(page.getByRole('cell', { name: /Mia Member/ })).toHaveCount(0);
      await member.goto(`/console/apps/${appId}`);
      // The app's page answers 404 for someone outside its organization, as for an app that does not exist.
      await expect(member.getByRole('heading', { name: /not (be )?found/i }).first()).toBeVisible();
    });
  } finally {
    await memberContext.close();
  }
  expect(ownerProblems).toEqual([]);
  expect(memberProblems).toEqual([]);
});
