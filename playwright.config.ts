// Browser tests (e2e/) against an already running Rapport server. Nothing here starts the app: .ci/run starts it
// (`npm start`) and waits for /health; locally, start `npm run dev` or `npm start` first, or point E2E_BASE_URL
// at any running instance.
//
// The browser is Debian's Chromium (`apt-get install chromium`), because `npx playwright install` cannot download
// browsers on machines without general internet access. CHROMIUM_PATH overrides its location.
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8000';

// One console account per run for every console spec (e2e/support/console-account.ts): set here, in the runner
// process, so the workers inherit the same values whichever spec signs up first.
const runId = Date.now().toString(36);
process.env.E2E_CONSOLE_EMAIL ??= `owner-${runId}@example.test`;
process.env.E2E_CONSOLE_PASSWORD ??= `e2e-password-${runId}`;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          // No sandbox: CI runs as root. The networking flags stop Chromium's background calls to Google services,
          // which a closed network refuses or lets hang.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});
