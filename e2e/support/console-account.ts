// The console account of an e2e run, shared by every console spec: whichever spec reaches a fresh server first
// creates it through the first-run sign-up, the others sign in with it. playwright.config.ts fixes the credentials
// once per run (E2E_CONSOLE_EMAIL / E2E_CONSOLE_PASSWORD, or generated ones).
import { expect, type Page } from '@playwright/test';
import { checkPage } from './page-checks';

export function consoleAccount(): { email: string; password: string } {
  const email = process.env.E2E_CONSOLE_EMAIL;
  const password = process.env.E2E_CONSOLE_PASSWORD;
  if (!email || !password) throw new Error('E2E_CONSOLE_EMAIL and E2E_CONSOLE_PASSWORD are set by playwright.config.ts');
  return { email, password };
}

/** Opens the console signed in: signs up on a fresh server, signs in otherwise. Ends on /console. */
export async function enterConsole(page: Page): Promise<void> {
  const account = consoleAccount();
  await page.goto('/console');
  if (page.url().includes('/console/sign-up')) {
    // Only a fresh server shows the first-run sign-up, so whichever spec meets it checks the page.
    await checkPage(page, 'sign-up');
    await page.getByLabel('Your name').fill('E2E Owner');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByLabel('Confirm password').fill(account.password);
    await page.getByLabel('Organization').fill('Acme');
    await page.getByRole('button', { name: 'Create account' }).click();
  } else if (page.url().includes('/console/sign-in')) {
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page).toHaveURL(/\/console$/);
}
