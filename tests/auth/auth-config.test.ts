// Auth configuration: the single "is API auth off?" rule shared by the app and the launcher, rate-limit settings, and
// generated secret files (the embedded database's password: mode 0600, reused across restarts, one value when
// processes race). Generated JWT and console secrets live in the database: tests/auth/instance-secrets.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredJwtSecret, isAuthDisabled, readRateLimitConfig } from '@/server/config/auth-config';
import { readOrCreateSecretFile } from '@/server/config/secret-file';

describe('isAuthDisabled', () => {
  it('defaults to off only under `npm run dev`', () => {
    expect(isAuthDisabled({ RAPPORT_LAUNCH_MODE: 'dev' })).toBe(true);
    expect(isAuthDisabled({ RAPPORT_LAUNCH_MODE: 'start' })).toBe(false);
    // `next start` without the launcher, tests, anything else: secure by default.
    expect(isAuthDisabled({})).toBe(false);
    expect(isAuthDisabled({ AUTH_DISABLED: '' })).toBe(false);
  });

  it('lets an explicit AUTH_DISABLED win in both directions', () => {
    expect(isAuthDisabled({ AUTH_DISABLED: 'false', RAPPORT_LAUNCH_MODE: 'dev' })).toBe(false);
    expect(isAuthDisabled({ AUTH_DISABLED: 'FALSE', RAPPORT_LAUNCH_MODE: 'dev' })).toBe(false);
    expect(isAuthDisabled({ AUTH_DISABLED: 'true', RAPPORT_LAUNCH_MODE: 'start' })).toBe(true);
    expect(isAuthDisabled({ AUTH_DISABLED: 'True' })).toBe(true);
  });

  it('refuses a value it cannot read rather than guessing', () => {
    expect(() => isAuthDisabled({ AUTH_DISABLED: 'disabled' })).toThrow(/AUTH_DISABLED: must be true or false \(got "disabled"\)/);
  });
});

describe('readRateLimitConfig', () => {
  it('is off by default with 600 requests per 60 s', () => {
    expect(readRateLimitConfig({})).toEqual({ enabled: false, requests: 600, windowSeconds: 60 });
  });
  it('reads and validates the settings', () => {
    expect(readRateLimitConfig({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: '2' })).toEqual({
      enabled: true,
      requests: 5,
      windowSeconds: 2,
    });
    expect(() => readRateLimitConfig({ RATE_LIMIT_REQUESTS: '0' })).toThrow(/RATE_LIMIT_REQUESTS/);
    expect(() => readRateLimitConfig({ RATE_LIMIT_WINDOW_SECONDS: '1.5' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
  });
});

describe('configuredJwtSecret', () => {
  it('is AUTH_JWT_SECRET when set and non-empty', () => {
    expect(configuredJwtSecret({ AUTH_JWT_SECRET: 'configured' })).toBe('configured');
    expect(configuredJwtSecret({ AUTH_JWT_SECRET: '' })).toBeUndefined();
    expect(configuredJwtSecret({})).toBeUndefined();
  });
});

describe('readOrCreateSecretFile', () => {
  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-secret-'));

  it('generates a private secret file once and reuses it across restarts', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const file = path.join(dir, 'secret');
    const first = readOrCreateSecretFile(file, 'SOME_SECRET');
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A fresh process (no in-memory cache) reads the same secret back.
    const script = `import('${path.resolve('src/server/config/secret-file.ts')}').then(m => process.stdout.write(m.readOrCreateSecretFile(${JSON.stringify(path.join(dir, 'secret'))}, 'SOME_SECRET')))`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(first);
  });

  it('agrees on one secret when several processes start at once', async () => {
    const dir = tempDir();
    const script = `import('${path.resolve('src/server/config/secret-file.ts')}').then(m => process.stdout.write(m.readOrCreateSecretFile(${JSON.stringify(path.join(dir, 'secret'))}, 'SOME_SECRET')))`;
    const { spawn } = await import('node:child_process');
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', script]);
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.on('close', () => resolve(out));
      })),
    );
    expect(new Set(outputs).size).toBe(1);
    expect(outputs[0]).toBe(fs.readFileSync(path.join(dir, 'secret'), 'utf8').trim());
    expect(fs.readdirSync(dir)).toEqual(['secret']);
  });

  it('tightens a secret file whose permissions were loosened', () => {
    const dir = tempDir();
    const file = path.join(dir, 'secret');
    fs.writeFileSync(file, 'existing-secret\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(readOrCreateSecretFile(file, 'SOME_SECRET')).toBe('existing-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
