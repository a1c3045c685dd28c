// A signed-out deep link keeps its destination through sign-in, and only console paths are ever followed.
import { describe, expect, it } from 'vitest';
import { safeCallback, signInUrlFor } from '@/components/console/auth/sign-in-target';

describe('sign-in target', () => {
  it('sends a signed-out visitor to sign-in with the console path they asked for', () => {
    expect(signInUrlFor('/console/apps/demo/users?q=al')).toBe('/console/sign-in?callbackUrl=%2Fconsole%2Fapps%2Fdemo%2Fusers%3Fq%3Dal');
    const back = new URL(signInUrlFor('/console/apps/demo/keys'), 'http://x').searchParams.get('callbackUrl');
    expect(safeCallback(back)).toBe('/console/apps/demo/keys');
    // Nothing worth remembering: the plain sign-in page.
    for (const path of [null, '/console', '/console/sign-in', '/console/sign-in?callbackUrl=%2Fconsole%2Fx']) {
      expect(signInUrlFor(path), String(path)).toBe('/console/sign-in');
    }
  });

  it('follows only same-origin console paths', () => {
    for (const url of ['https://evil.example/console', '//evil.example/console', '/\\evil.example', '/consolex', '/api/auth/signout', '', null]) {
      expect(safeCallback(url), String(url)).toBe('/console');
    }
    for (const url of ['/console', '/console/apps/a', '/console?x=1', '/console#top']) expect(safeCallback(url)).toBe(url);
  });
});
