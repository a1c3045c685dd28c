// The offline summariser: speakers named, chronological, within budget, rolling, never empty.
import { describe, expect, it } from 'vitest';
import type { TranscriptMessage } from '@/server/models/engine-types';
import { ExtractiveSummariser, SUMMARY_WORD_BUDGET } from '@/server/models/local/extractive-summariser';
import { ModelOutputError } from '@/server/models/model-errors';

const summariser = new ExtractiveSummariser();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute));
const words = (text: string) => (text.match(/\S+/g) ?? []).length;

const conversation: TranscriptMessage[] = [
  { id: 'm1', peerId: 'alice', content: 'Hi!', createdAt: at(0) },
  { id: 'm2', peerId: 'coach', content: 'Hello alice. What did you train this week?', createdAt: at(1) },
  { id: 'm3', peerId: 'alice', content: 'I ran 12 kilometres on Tuesday. My knee hurt after the run.', createdAt: at(2) },
  { id: 'm4', peerId: 'coach', content: 'Rest the knee for two days, then try an easy 5 kilometre run.', createdAt: at(3) },
  { id: 'm5', peerId: 'alice', content: 'ok thanks', createdAt: at(4) },
];

function longConversation(n: number): TranscriptMessage[] {
  const topics = ['marathon training', 'knee physiotherapy', 'Lisbon apartment search', 'nursing shifts', 'Portuguese lessons'];
  return Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    peerId: i % 2 ? 'coach' : 'alice',
    content: `Message ${i} is about ${topics[i % topics.length]} and includes detail number ${i} about the plan for week ${i % 9}. It adds context sentence ${i}.`,
    createdAt: at(i % 60),
  }));
}

describe('ExtractiveSummariser', () => {
  it('keeps informative sentences in order, each attributed to its speaker, and drops greetings', async () => {
    const summary = await summariser.summarise({ kind: 'short', previousSummary: null, messages: conversation });
    expect(summary).toContain('alice: I ran 12 kilometres on Tuesday.');
    expect(summary).toContain('coach: Rest the knee for two days');
    expect(summary.indexOf('12 kilometres')).toBeLessThan(summary.indexOf('Rest the knee'));
    expect(summary).not.toMatch(/Hi!|ok thanks/);
  });

  it('stays within the word budget of each kind, and a long summary covers more', async () => {
    const messages = longConversation(400);
    const short = await summariser.summarise({ kind: 'short', previousSummary: null, messages });
    const long = await summariser.summarise({ kind: 'long', previousSummary: null, messages });
    expect(words(short)).toBeLessThanOrEqual(SUMMARY_WORD_BUDGET.short);
    expect(words(short)).toBeGreaterThan(SUMMARY_WORD_BUDGET.short * 0.8);
    expect(words(long)).toBeLessThanOrEqual(SUMMARY_WORD_BUDGET.long);
    expect(words(long)).toBeGreaterThan(words(short) * 3);
    expect(long).toMatch(/^Participants: alice \(200 messages\), coach \(200 messages\)\./);
  });

  it('rolls the previous summary forward before the new messages', async () => {
    const summary = await summariser.summarise({
      kind: 'short',
      previousSummary: 'alice: I signed up for the Lisbon marathon in April.',
      messages: conversation,
    });
    expect(summary.startsWith('alice: I signed up for the Lisbon marathon in April.')).toBe(true);
    expect(summary).toContain('12 kilometres');
  });

  it('keeps a rolling summary within budget by dropping the oldest part of the previous one', async () => {
    const previous = await summariser.summarise({ kind: 'short', previousSummary: null, messages: longConversation(300) });
    const next = await summariser.summarise({ kind: 'short', previousSummary: previous, messages: longConversation(300) });
    expect(words(next)).toBeLessThanOrEqual(SUMMARY_WORD_BUDGET.short);
  });

  it('never returns an empty summary: greetings only still say who spoke, nothing at all is an error', async () => {
    const greetings = await summariser.summarise({ kind: 'short', previousSummary: null, messages: [conversation[0]!, conversation[4]!] });
    expect(greetings).toMatch(/^alice: Hi!/);
    await expect(summariser.summarise({ kind: 'short', previousSummary: null, messages: [] })).rejects.toBeInstanceOf(ModelOutputError);
  });
});
