// Start-up validation of the settings: every bad value is reported at once with its name and value (secrets masked),
// and the defaults alone are valid.
import { describe, expect, it } from 'vitest';
import { checkEnvironment } from '@/server/config/check-environment';
import { readHttpCompression } from '@/server/config/http-config';
import { ConfigurationError } from '@/server/config/parse-env';

function problemsOf(env: Record<string, string>): string[] {
  try {
    checkEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  return [];
}

describe('checkEnvironment', () => {
  it('accepts an empty environment: every setting has a default', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('lists every bad value together, each once, from every settings group', () => {
    const problems = problemsOf({
      WORKER_POLL_MS: 'soon',
      WORKER_IN_PROCESS: 'maybe',
      AUTH_DISABLED: 'disabled',
      RATE_LIMIT_REQUESTS: '0',
      DREAMS_ENABLED: 'sometimes',
      WEBHOOK_MAX_ATTEMPTS: '-1',
      DATABASE_POOL_SIZE: '9999',
      DIALECTIC_LOW_ITERATIONS: '500',
      TRUSTED_PROXIES: 'not-an-address',
      HTTP_COMPRESSION: 'gzip',
      TOKEN_COUNT_THREADS: 'all',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(new Set(names)).toEqual(
      new Set(['WORKER_POLL_MS', 'WORKER_IN_PROCESS', 'AUTH_DISABLED', 'RATE_LIMIT_REQUESTS', 'DREAMS_ENABLED', 'WEBHOOK_MAX_ATTEMPTS', 'DATABASE_POOL_SIZE', 'DIALECTIC_LOW_ITERATIONS', 'TRUSTED_PROXIES', 'HTTP_COMPRESSION', 'TOKEN_COUNT_THREADS']),
    );
    expect(names).toHaveLength(new Set(problems).size);
    expect(problems).toContain('WORKER_IN_PROCESS: must be true or false (got "maybe")');
    expect(problems).toContain('DREAMS_ENABLED: must be true or false (got "sometimes")');
  });

  it('names a bad secret without echoing it', () => {
    const [problem] = problemsOf({ EMBEDDED_DB_PASSWORD: '' });
    expect(problem).toMatch(/^EMBEDDED_DB_PASSWORD: /);
    const message = (() => {
      try {
        checkEnvironment({ WEBHOOK_MAX_ATTEMPTS: 'x', AUTH_SECRET: 'hunter2-secret', ADMIN_PASSWORD: 'p' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/^Invalid configuration:\n {2}- WEBHOOK_MAX_ATTEMPTS: .*\(got "x"\)$/);
    expect(message).not.toContain('hunter2');
  });
});

describe('HTTP_COMPRESSION', () => {
  // next.config.mjs applies the value through http-compression.mjs; start-up validates it with the shared boolean
  // spellings, so the two must agree on every one of them.
  it('is off unless set to a true spelling, and every boolean spelling reads as the flag reads it', () => {
    expect(readHttpCompression({})).toBe(false);
    expect(readHttpCompression({ HTTP_COMPRESSION: '' })).toBe(false);
    for (const value of ['true', '1', 'yes', 'on', ' ON ', 'True']) expect(readHttpCompression({ HTTP_COMPRESSION: value })).toBe(true);
    for (const value of ['false', '0', 'no', 'off', 'OFF']) expect(readHttpCompression({ HTTP_COMPRESSION: value })).toBe(false);
    expect(problemsOf({ HTTP_COMPRESSION: 'yes please' })).toEqual(['HTTP_COMPRESSION: must be true or false (got "yes please")']);
  });
});
