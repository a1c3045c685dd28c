// Queue rows in words: unit descriptions, durations and grouping of consecutive items of one unit.
import { describe, expect, it } from 'vitest';
import { describeUnit, formatDuration, groupByUnit, itemDurations, type DescribedItem } from '@/components/console/queue/describe-work-item';

const item = (over: Partial<DescribedItem>): DescribedItem => ({
  kind: 'derivation', unitKey: 'derive:s:p', session: 'chat-1', sender: 'alice', observers: ['alice'],
  createdAt: '2026-01-01T10:00:00.000Z', startedAt: null, finishedAt: null, ...over,
});

describe('describeUnit', () => {
  it('names the session and peer instead of the internal unit key', () => {
    expect(describeUnit(item({}))).toBe("Facts from alice's messages in session chat-1");
    expect(describeUnit(item({ kind: 'summary', sender: null }))).toBe('Summary of session chat-1');
    expect(describeUnit(item({ kind: 'summary', session: null }))).toBe('Summary of a deleted session');
    expect(describeUnit(item({ kind: 'dream', observers: ['bot'], sender: 'alice', session: null }))).toBe("bot's view of alice");
    expect(describeUnit(item({ kind: 'dream', observers: ['alice'], sender: 'alice', session: null }))).toBe("alice's own memory");
    expect(describeUnit(item({ kind: 'webhook', session: null, sender: null }))).toBe('Webhook delivery');
    expect(describeUnit(item({ kind: 'backfill', session: null }))).toBe('Scope backfill');
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('itemDurations', () => {
  it('splits waiting from running and leaves unknown parts null', () => {
    expect(itemDurations(item({}))).toEqual({ waited: null, ran: null });
    expect(itemDurations(item({ startedAt: '2026-01-01T10:00:02.000Z' }))).toEqual({ waited: 2000, ran: null });
    expect(itemDurations(item({ startedAt: '2026-01-01T10:00:02.000Z', finishedAt: '2026-01-01T10:00:03.500Z' }))).toEqual({ waited: 2000, ran: 1500 });
  });
});

describe('groupByUnit', () => {
  it('groups consecutive items of one unit and keeps list order', () => {
    const groups = groupByUnit([item({ unitKey: 'a' }), item({ unitKey: 'a' }), item({ unitKey: 'b', kind: 'summary' }), item({ unitKey: 'a' })]);
    expect(groups.map((g) => [g.unitKey, g.items.length])).toEqual([['a', 2], ['b', 1], ['a', 1]]);
    expect(groups[1]!.label).toBe('Summary of session chat-1');
  });
});
