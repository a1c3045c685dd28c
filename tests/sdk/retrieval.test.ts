// The official @honcho-ai/sdk 2.5.0, unchanged, against Rapport's retrieval routes (in-process, real database):
// workspace/session/peer search, session context with the option combinations the SDK allows, summaries, peer
// representation and context, peer cards and conclusion queries.
import { Honcho } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '@/server/services/messages/count-tokens';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { drainEmbeddings, insertConclusions, insertSummary } from '../retrieval/retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;
const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

let honcho: Honcho;
let messageIds: string[];
beforeAll(async () => {
  installAppFetch();
  honcho = client(unique('sdk-ret'));
  const session = await honcho.session('chat');
  const [alice, bob] = await Promise.all([honcho.peer('alice'), honcho.peer('bob')]);
  const created = await session.addMessages([
    alice.message('I adopted a greyhound called Zephyr last spring', { configuration: { reasoning: { enabled: false } } }),
    bob.message('Zephyr is a lovely name for a dog', { configuration: { reasoning: { enabled: false } } }),
    alice.message('My flat number is 1209 on Rua Augusta', { configuration: { reasoning: { enabled: false } } }),
    bob.message('I will visit next week', { configuration: { reasoning: { enabled: false } } }),
  ]);
  messageIds = created.map((m) => m.id);
  await drainEmbeddings();
  await insertConclusions(honcho.workspaceId, [
    { observer: 'alice', observed: 'alice', content: 'alice has a greyhound named Zephyr', session: 'chat', createdAt: new Date('2026-05-01T10:00:00Z') },
    { observer: 'alice', observed: 'alice', content: 'alice lives at flat 1209 on Rua Augusta', session: 'chat', createdAt: new Date('2026-05-01T10:00:01Z') },
    { observer: 'bob', observed: 'alice', content: 'alice likes dogs', createdAt: new Date('2026-05-01T10:00:02Z') },
  ]);
  await insertSummary(honcho.workspaceId, 'chat', { kind: 'short', content: 'alice told bob about Zephyr', lastMessageId: messageIds[1]!, lastSeq: 2 });
});

describe('retrieval through the SDK', () => {
  it('honcho.search, session.search and peer.search return Message objects, best first', async () => {
    const all = await honcho.search('Zephyr greyhound');
    expect(all[0]!.content).toBe('I adopted a greyhound called Zephyr last spring');
    const inSession = await (await honcho.session('chat')).search('1209', { limit: 1 });
    expect(inSession.map((m) => m.content)).toEqual(['My flat number is 1209 on Rua Augusta']);
    const byBob = await (await honcho.peer('bob')).search('Zephyr', { filters: { session_id: 'chat' } });
    expect(byBob.length).toBeGreaterThan(0);
    expect(byBob.every((m) => m.peerId === 'bob')).toBe(true);
  });

  it('session.context() with summary, tokens, peerTarget, peerPerspective, searchQuery and limitToSession', async () => {
    const session = await honcho.session('chat');
    const plain = await session.context();
    expect(plain.summary?.content).toBe('alice told bob about Zephyr');
    expect(plain.messages.map((m) => m.id)).toEqual(messageIds.slice(1));
    expect(plain.peerRepresentation).toBeNull();

    const noSummary = await session.context({ summary: false, tokens: 50 });
    expect(noSummary.summary).toBeNull();
    expect(noSummary.messages.reduce((s, m) => s + m.tokenCount, 0)).toBeLessThanOrEqual(50);

    const alice = await honcho.peer('alice');
    await alice.setCard(['Name: Alice', 'Has a greyhound']);
    const targeted = await session.context({ peerTarget: 'alice', representationOptions: { searchQuery: 'Zephyr', searchTopK: 1, maxConclusions: 2 } });
    expect(targeted.peerRepresentation).toContain('alice has a greyhound named Zephyr');
    expect(targeted.peerCard).toEqual(['Name: Alice', 'Has a greyhound']);

    const bobsView = await session.context({ peerTarget: alice, peerPerspective: 'bob' });
    expect(bobsView.peerRepresentation).toBe('## Explicit Observations\n\n[2026-05-01 10:00:02] alice likes dogs\n');
    expect(bobsView.peerCard).toBeNull();

    const limited = await session.context({ peerTarget: 'alice', limitToSession: true, tokens: 2000 });
    expect(limited.peerCard).toBeNull();
    expect(limited.peerRepresentation).toContain('alice lives at flat 1209 on Rua Augusta');
    const total = limited.messages.reduce((s, m) => s + m.tokenCount, 0) + (limited.summary?.tokenCount ?? 0) + countTokens(limited.peerRepresentation ?? '');
    expect(total).toBeLessThanOrEqual(2000);
    expect(limited.toOpenAI('bob').at(-1)).toMatchObject({ role: 'assistant', name: 'bob' });
    // Anthropic's format has no names: the other speakers' turns carry theirs in the text, the system text comes first.
    const anthropic = limited.toAnthropic('bob');
    expect(anthropic.at(-1)).toEqual({ role: 'assistant', content: 'I will visit next week' });
    expect(anthropic.at(-2)).toEqual({ role: 'user', content: 'alice: My flat number is 1209 on Rua Augusta' });
    expect(anthropic[0]).toMatchObject({ role: 'user' });
    expect(String(anthropic[0]!.content)).toContain('alice lives at flat 1209 on Rua Augusta');
  });

  it('session.summaries()', async () => {
    const summaries = await (await honcho.session('chat')).summaries();
    expect(summaries.shortSummary).toMatchObject({ content: 'alice told bob about Zephyr', messageId: messageIds[1], summaryType: 'honcho_chat_summary_short' });
    expect(summaries.longSummary).toBeNull();
  });

  it('peer.representation(), peer.context(), getCard()/setCard() and conclusions.query()', async () => {
    const alice = await honcho.peer('alice');
    const bob = await honcho.peer('bob');
    expect(await alice.representation()).toBe(
      '## Explicit Observations\n\n[2026-05-01 10:00:00] alice has a greyhound named Zephyr\n[2026-05-01 10:00:01] alice lives at flat 1209 on Rua Augusta\n',
    );
    expect(await alice.representation({ session: 'chat', maxConclusions: 1 })).toBe(
      '## Explicit Observations\n\n[2026-05-01 10:00:01] alice lives at flat 1209 on Rua Augusta\n',
    );
    expect(await bob.representation({ target: 'alice' })).toContain('alice likes dogs');
    const context = await bob.context({ target: alice });
    expect(context).toMatchObject({ peerId: 'bob', targetId: 'alice', peerCard: null });
    expect(context.representation).toContain('alice likes dogs');
    await bob.setCard(['Alice: dog person'], 'alice');
    expect(await bob.getCard('alice')).toEqual(['Alice: dog person']);
    expect(await bob.getCard()).toBeNull();
    const found = await alice.conclusions.query('1209 Augusta', 5);
    expect(found[0]!.content).toBe('alice lives at flat 1209 on Rua Augusta');
    expect(found.every((c) => c.observerId === 'alice' && c.observedId === 'alice')).toBe(true);
    const about = await bob.conclusionsOf('alice').query('dogs');
    expect(about.map((c) => c.content)).toEqual(['alice likes dogs']);
  });
});
