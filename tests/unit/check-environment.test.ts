// Start-up validation of the settings: every bad value is reported at once with its name and value (secrets masked),
// and the defaults alone are valid.
import { describe, expect, it } from 'vitest';
import { checkEnvironment } from '@/server/config/check-environment';
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
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(new Set(names)).toEqual(
      new Set(['WORKER_POLL_MS', 'WORKER_IN_PROCESS', 'AUTH_DISABLED', 'RATE_LIMIT_REQUESTS', 'DREAMS_ENABLED', 'WEBHOOK_MAX_ATTEMPTS', 'DATABASE_POOL_SIZE', 'DIALECTIC_LOW_ITERATIONS', 'TRUSTED_PROXIES']),
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
