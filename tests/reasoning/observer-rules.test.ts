// Who observes which message (docs/api.md#s5-1), end to end: messages go in over the API, the real queue engine runs
// the derivation handler with the offline engines, and conclusions must land in exactly the expected
// (observer, observed) views — for 2–4 peers, observe_me / observe_others at session-peer and peer level, and
// membership as it was when each message was written.
import { beforeAll, describe, expect, it } from 'vitest';
import { setModelEnginesForTesting } from '@/server/models';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { conclusionsOf, createSession, expectOk, runWorker, say, unique, workItemsOf, type Json } from './reasoning-fixtures';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';
beforeAll(() => setModelEnginesForTesting(null));

// First-person statements the offline extractor always turns into facts about their author.
const STATEMENT: Record<string, string> = {
  alice: 'I work as a nurse in Lisbon.',
  bob: 'I have two cats named Pixel and Mochi.',
  carol: 'I play the cello in an orchestra.',
  dave: 'I grew up in Toronto.',
};

type Step =
  | { say: string }
  | { join: Record<string, Json> }
  | { leave: string[] }
  | { config: Record<string, Json> };

type Scenario = { name: string; members: Record<string, Json>; peerConfigs?: Record<string, Json>; steps: Step[]; views: string[] };

const SCENARIOS: Scenario[] = [
  { name: 'two peers, defaults: each observes only itself', members: { alice: {}, bob: {} }, steps: [{ say: 'alice' }, { say: 'bob' }], views: ['alice→alice', 'bob→bob'] },
  {
    name: 'observe_others: bob also builds his local view of alice',
    members: { alice: {}, bob: { observe_others: true } },
    steps: [{ say: 'alice' }, { say: 'bob' }],
    views: ['alice→alice', 'bob→alice', 'bob→bob'],
  },
  {
    name: 'session-peer observe_me=false: alice is not observed at all, even by a watcher',
    members: { alice: { observe_me: false }, bob: { observe_others: true } },
    steps: [{ say: 'alice' }, { say: 'bob' }],
    views: ['bob→bob'],
  },
  {
    name: 'peer-level observe_me=false applies when the session-peer value is null',
    members: { alice: {}, bob: { observe_others: true } },
    peerConfigs: { alice: { observe_me: false } },
    steps: [{ say: 'alice' }],
    views: [],
  },
  {
    name: 'session-peer observe_me=true overrides the peer-level false',
    members: { alice: { observe_me: true }, bob: {} },
    peerConfigs: { alice: { observe_me: false } },
    steps: [{ say: 'alice' }],
    views: ['alice→alice'],
  },
  {
    name: 'four peers, two watchers: every message lands with its author and both watchers',
    members: { alice: {}, bob: { observe_others: true }, carol: { observe_others: true }, dave: {} },
    steps: [{ say: 'alice' }, { say: 'dave' }],
    views: ['alice→alice', 'bob→alice', 'bob→dave', 'carol→alice', 'carol→dave', 'dave→dave'],
  },
  {
    name: 'watchers count only while they are members when the message is written',
    members: { alice: {}, bob: { observe_others: true } },
    steps: [{ leave: ['bob'] }, { say: 'alice' }, { join: { carol: { observe_others: true } } }, { say: 'dave' }],
    views: ['alice→alice', 'carol→dave', 'dave→dave'],
  },
  {
    name: 'observe_others=false set later stops a watcher for later messages only',
    members: { alice: {}, bob: { observe_others: true } },
    steps: [{ say: 'alice' }, { config: { bob: { observe_others: false } } }, { say: 'carol' }],
    views: ['alice→alice', 'bob→alice', 'carol→carol'],
  },
];

async function play(ws: string, scenario: Scenario) {
  for (const [peer, configuration] of Object.entries(scenario.peerConfigs ?? {})) {
    await expectOk(await call('POST', `/v3/workspaces/${ws}/peers`, { id: peer, configuration }), 201);
  }
  await createSession(ws, 's', scenario.members);
  for (const step of scenario.steps) {
    if ('say' in step) await say(ws, 's', [{ peer_id: step.say, content: STATEMENT[step.say]! }]);
    else if ('join' in step) await expectOk(await call('POST', `/v3/workspaces/${ws}/sessions/s/peers`, step.join), 200);
    else if ('config' in step) {
      for (const [peer, config] of Object.entries(step.config)) {
        await expectOk(await call('PUT', `/v3/workspaces/${ws}/sessions/s/peers/${peer}/config`, config), 204);
      }
    } else if ('leave' in step) await expectOk(await call('DELETE', `/v3/workspaces/${ws}/sessions/s/peers`, step.leave), 200);
  }
}

describe('observer rules (docs/api.md#s5-1)', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const ws = unique('obs');
      await play(ws, scenario);
      await runWorker();
      const conclusions = await conclusionsOf(ws);
      const views = [...new Set(conclusions.map((c) => `${c.observer}→${c.observed}`))].sort();
      expect(views).toEqual([...scenario.views].sort());
      // Facts about a peer come only from that peer's own statement, in its session.
      for (const c of conclusions) {
        expect(c.content.toLowerCase()).toContain(c.observed);
        expect(c).toMatchObject({ session: 's', level: 'explicit', timesDerived: 1 });
      }
      expect((await workItemsOf(ws, 'derivation')).every((item) => item.status === 'completed')).toBe(true);
    });
  }
});
