// The offline deriver on a realistic conversation: what it keeps, how it names and dates facts, what it skips.
import { describe, expect, it } from 'vitest';
import type { TranscriptMessage } from '@/server/models/engine-types';
import { LocalFactExtractor } from '@/server/models/local/local-fact-extractor';

// Wednesday 25 November 2026.
const at = new Date('2026-11-25T15:30:00Z');
let seq = 0;
const msg = (peerId: string, content: string): TranscriptMessage => ({ id: `msg_${++seq}`, peerId, content, createdAt: at });

const extractor = new LocalFactExtractor();

async function derive(target: TranscriptMessage[], context: TranscriptMessage[] = []) {
  return extractor.derive({ observedPeerId: 'alice', observerPeerId: 'alice', targetMessages: target, contextMessages: context });
}

describe('LocalFactExtractor', () => {
  it('rewrites first-person statements as dated facts about the observed peer, one per clause', async () => {
    const m = msg('alice', 'I moved to Lisbon last week and started working as a nurse.');
    const facts = await derive([m]);
    expect(facts).toEqual([
      { content: 'alice moved to Lisbon (around 2026-11-18)', sourceMessageIds: [m.id] },
      { content: 'alice started working as a nurse (around 2026-11-18)', sourceMessageIds: [m.id] },
    ]);
  });

  it('resolves yesterday, N days ago, weekdays, last month and last year against the message time', async () => {
    const facts = await derive([
      msg('alice', 'Yesterday I went to the dentist.'),
      msg('alice', 'I bought a new bike 3 days ago!'),
      msg('alice', 'I ran a half marathon on Sunday.'),
      msg('alice', "I'll fly to Berlin on Friday."),
      msg('alice', 'My wife and I adopted a cat last month.'),
      msg('alice', 'I graduated from university last year.'),
      msg('alice', 'I was born in 1990.'),
    ]);
    expect(facts.map((f) => f.content)).toEqual([
      'alice went to the dentist on 2026-11-24',
      'alice bought a new bike on 2026-11-22',
      'alice ran a half marathon on 2026-11-22',
      'alice will fly to Berlin on 2026-11-27',
      "alice and alice's wife adopted a cat in October 2026",
      'alice graduated from university in 2025',
      'alice was born in 1990',
    ]);
  });

  it('converts I/my/me/I am/I have into the peer id with a third-person verb', async () => {
    const facts = await derive([msg('alice', "I'm 34 years old. I've been married for five years. I really love hiking and my dog Rex comes with me.")]);
    expect(facts.map((f) => f.content)).toEqual([
      'alice is 34 years old',
      'alice has been married for five years',
      'alice really loves hiking',
      "alice's dog Rex comes with alice",
    ]);
  });

  it('ignores questions, greetings, filler and statements without a first-person subject', async () => {
    const facts = await derive([
      msg('alice', 'Hi there! How are you doing today?'),
      msg('alice', 'Do you think I should learn Spanish?'),
      msg('alice', 'ok thanks. I see. I think so. lol'),
      msg('alice', 'The weather is lovely. Can you recommend a book?'),
      msg('alice', 'I wonder whether it will rain.'),
    ]);
    expect(facts).toEqual([]);
  });

  it('never produces facts about the wrong peer: other peers are context only', async () => {
    const bob = msg('bob', 'I live in Berlin and I work as a pilot.');
    const alice = msg('alice', 'Same here, I work as a pilot too!');
    // A message of bob wrongly passed as a target is ignored as well.
    const facts = await derive([alice, msg('bob', 'I am a vegan.')], [bob]);
    expect(facts).toEqual([{ content: 'alice works as a pilot', sourceMessageIds: [alice.id] }]);
    expect(facts.map((f) => f.content).join(' ')).not.toMatch(/bob|Berlin|vegan/);
  });

  it('merges a fact repeated in two messages into one with both sources', async () => {
    const a = msg('alice', 'I have two cats.');
    const b = msg('alice', 'As I said, I have two cats.');
    const facts = await derive([a, b]);
    expect(facts).toEqual([{ content: 'alice has two cats', sourceMessageIds: [a.id, b.id] }]);
  });

  it('names the peer by its exact id even when the id contains "me" or "my"', async () => {
    const m = { ...msg('x', 'I love my job.'), peerId: 'me-my' };
    const facts = await extractor.derive({ observedPeerId: 'me-my', observerPeerId: 'me-my', targetMessages: [m], contextMessages: [] });
    expect(facts.map((f) => f.content)).toEqual(["me-my loves me-my's job"]);
  });

  it('writes health, diet, activity, relationship, plan and preference statements as facts', async () => {
    const facts = await derive([
      msg('alice', 'My knee hurts after long runs.'),
      msg('alice', "I'm vegetarian."),
      msg('alice', 'I cycle twice a week with my club.'),
      msg('alice', "I'm training for a half marathon!"),
      msg('alice', 'I broke up with my boyfriend.'),
      msg('alice', "I'm going to visit my parents next weekend."),
      msg('alice', 'I prefer tea over coffee.'),
    ]);
    expect(facts.map((f) => f.content)).toEqual([
      "alice's knee hurts after long runs",
      'alice is vegetarian',
      "alice cycles twice a week with alice's club",
      'alice is training for a half marathon',
      "alice broke up with alice's boyfriend",
      "alice is going to visit alice's parents (around 2026-11-28)",
      'alice prefers tea over coffee',
    ]);
  });

  it('resolves a trailing it/this from what was just said, and otherwise drops the fact instead of keeping junk', async () => {
    const bob = msg('bob', 'You should come to my pottery class one day.');
    const resolved = await derive([{ ...msg('alice', 'I might try it sometime!'), createdAt: new Date(at.getTime() + 1000) }], [bob]);
    expect(resolved.map((f) => f.content)).toEqual(['alice might try pottery sometime']);
    const junk = await derive([
      msg('alice', 'I drew it.'),
      msg('alice', 'I love myself.'),
      msg('alice', "I'm Alice."),
      msg('alice', 'My goal of having a family. This is a big move towards'),
      msg('alice', 'I really appreciate it.'),
      msg('alice', "I'll check it out."),
    ]);
    expect(junk).toEqual([]);
    expect((await derive([msg('alice', 'I wanna learn the piano.')])).map((f) => f.content)).toEqual(['alice wants to learn the piano']);
  });
});
