// The shape of a bench corpus: LoCoMo conversations replayed again and again under other speaker names until a
// workspace holds its target number of messages. Replay r of a conversation is two new peers and one new session per
// LoCoMo session; the last session is cut short so the size is exact. Deterministic, so a cached corpus and the
// queries aimed at it always agree.
import type { Locomo } from './locomo';

const NAMES = ('ava ben cleo dario elif farah gus hana ivo jade kai lena milo nadia omar priya quinn rosa sami tara ' +
  'umar vera wes xena yusuf zoe arjun bianca chen dana emil fiona goran hugo ines jonas kira leo maya nils').split(' ');

export type PlannedMessage = { peer: string; content: string; createdAt: Date };
export type PlannedSession = { name: string; peers: [string, string]; messages: PlannedMessage[]; events: { peer: string; text: string }[] };

/** Sessions of one workspace of `size` messages; `salt` varies the replays between workspaces of a multi-tenant corpus. */
export function* planWorkspace(locomo: Locomo, size: number, salt = 0): Generator<PlannedSession> {
  let left = size;
  for (let replay = 0; left > 0; replay += 1) {
    const conversation = locomo.conversations[(replay + salt) % locomo.conversations.length]!;
    const peers: [string, string] = [peerName(replay, 0), peerName(replay, 1)];
    // Each replay happens a week after the previous one, so created_at keeps growing as in a live deployment.
    const shift = replay * 7 * 86_400_000;
    for (const [n, session] of conversation.sessions.entries()) {
      if (left <= 0) break;
      const turns = session.turns.slice(0, left);
      left -= turns.length;
      yield {
        name: `r${replay}-c${conversation.id}-s${n + 1}`,
        peers,
        messages: turns.map((turn, i) => ({
          peer: peers[turn.speaker],
          content: turn.content,
          createdAt: new Date(session.date.getTime() + shift + i * 1000),
        })),
        events: session.events.map((e) => ({ peer: peers[e.speaker], text: e.text })),
      };
    }
  }
}

export function peerName(replay: number, speaker: 0 | 1): string {
  return `${NAMES[(replay * 2 + speaker) % NAMES.length]}-${replay}`;
}

/** The sessions of a workspace, with their speakers, for picking query targets without reloading anything. */
export function sessionIndex(locomo: Locomo, size: number, salt = 0): { name: string; peers: [string, string] }[] {
  return [...planWorkspace(locomo, size, salt)].map((s) => ({ name: s.name, peers: s.peers }));
}
