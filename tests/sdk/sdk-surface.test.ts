// A tripwire for Honcho parity (docs/honcho-differences.md): every public method and accessor of every class that
// @honcho-ai/sdk exports must be called somewhere in this folder's SDK-driven tests, which run the unchanged SDK
// against Rapport. Upgrading the SDK to a version with a new method fails here until a test drives that method.
// The check reads the test sources, so it proves a call is written, not what it asserts; the tests named in the
// failure message are where the assertions live.
import * as sdk from '@honcho-ai/sdk';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = path.dirname(new URL(import.meta.url).pathname);
const sources = readdirSync(folder)
  .filter((file) => file.endsWith('.test.ts') && file !== path.basename(new URL(import.meta.url).pathname))
  .map((file) => readFileSync(path.join(folder, file), 'utf8'))
  .join('\n');

/** Public members of each exported class's prototype: methods and getters, without the constructor or `_private` ones. */
function publicMembers(): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const [name, value] of Object.entries(sdk)) {
    if (typeof value !== 'function' || !value.prototype) continue;
    const own = Object.getOwnPropertyNames(value.prototype).filter((member) => member !== 'constructor' && !member.startsWith('_'));
    if (own.length > 0) members.set(name, own);
  }
  return members;
}

describe('@honcho-ai/sdk surface', () => {
  it('finds the classes the SDK is known to export', () => {
    const classes = [...publicMembers().keys()];
    for (const expected of ['Honcho', 'Peer', 'Session', 'Scope', 'ConclusionScope', 'SessionContext', 'Page']) expect(classes).toContain(expected);
    expect([...publicMembers().values()].flat().length).toBeGreaterThan(100);
  });

  it('has every public method and accessor called by an SDK-driven test', () => {
    const uncalled = [...publicMembers()].flatMap(([cls, members]) =>
      members.filter((member) => !new RegExp(`\\.${member}\\b(?!-)`).test(sources)).map((member) => `${cls}.${member}`),
    );
    expect(uncalled).toEqual([]);
  });
});
