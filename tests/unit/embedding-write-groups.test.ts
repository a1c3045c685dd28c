// The embedding handler writes a batch's vectors in groups of about CHUNKS_PER_WRITE chunks, one transaction each
// (embedding-handler.ts): a message's chunks never split across groups, and every message lands in exactly one.
import { describe, expect, it } from 'vitest';
import { inGroupsOfChunks, type MessageVectors } from '@/server/services/search/store-message-embeddings';

const message = (id: string, chunks: number): MessageVectors => ({
  messageId: id,
  workspaceId: 'w',
  chunks: Array.from({ length: chunks }, (_, i) => ({ text: `${id}-${i}`, start: i, end: i + 1 })),
  vectors: Array.from({ length: chunks }, () => [1, 0]),
});
const ids = (groups: MessageVectors[][]) => groups.map((g) => g.map((m) => m.messageId));

describe('inGroupsOfChunks', () => {
  it('fills groups up to the bound, keeps a message whole, and gives an oversized message a group of its own', () => {
    const items = [message('a', 3), message('b', 4), message('c', 2), message('d', 10), message('e', 1)];
    expect(ids(inGroupsOfChunks(items, 8))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
    expect(ids(inGroupsOfChunks(items, 100))).toEqual([['a', 'b', 'c', 'd', 'e']]);
  });

  it('returns one empty group for no messages, so the completing transaction still runs', () => {
    expect(inGroupsOfChunks([], 8)).toEqual([[]]);
  });
});
